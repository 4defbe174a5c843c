import type { Locator, Page, Route } from '@playwright/test';
import { audit } from './axe';
import { CHROMEBOOK, expect, fileTicket, gatewayFileTicket, PHONE, screenshots, serverUrl, signIn, test, waitForOfflineShell } from './fixtures';

// Each flow runs once, at the size its person works at (a coordinator on a Chromebook, a requester on a phone); what
// each step shows is checked in view at both sizes, its screenshots cover 320, 390 and 1366 px, its axe audits both
// sizes, and layout.spec.ts checks every page at each width.
const ON_CHROMEBOOK = ['Chromebook', CHROMEBOOK] as const;
const ON_PHONE = ['phone', PHONE] as const;

/** Checks what the flow just showed is in view at the phone and Chromebook sizes too, then goes back to the flow's size. */
async function inViewAtBothSizes(page: Page, viewport: { width: number; height: number }, ...shown: Locator[]): Promise<void> {
	for (const size of [PHONE, CHROMEBOOK]) {
		await page.setViewportSize(size);
		for (const locator of shown) await expect(locator).toBeInViewport();
	}
	await page.setViewportSize(viewport);
}

test(`Chromebook: To sort says a category is still missing, All tickets says what its count covers and lists open tickets first, and the back link returns where the person came from`, async ({ browser }) => {
	const [size, viewport] = ON_CHROMEBOOK;
	const title = `Polish sort ${size} ${Date.now()}`;
	const number = await gatewayFileTicket('admin', 'Dana Whitfield', { title, building: 'district-office' });
	const device = await browser.newContext({ baseURL: serverUrl(), viewport });
	const page = await device.newPage();
	await signIn(page, 'mrivera');
	const nav = page.getByRole('navigation', { name: 'Main' });

	// Assigned without a category: saved, and the page says why it is still here.
	await nav.getByRole('link', { name: 'To sort' }).click();
	const card = page.locator('li.card', { hasText: title });
	await card.getByLabel('Technician').selectOption({ label: 'Jordan Chen (specialist)' });
	await card.getByRole('button', { name: 'Save and assign' }).click();
	await expect(page.getByTestId('sorted')).toHaveText(`${number} saved, assigned to Jordan Chen. Still in To sort: choose a category.`);
	await expect(card).toBeVisible();
	await inViewAtBothSizes(page, viewport, page.getByTestId('sorted'));
	await screenshots(page, `polish-sort-${size}`);
	await page.setViewportSize(viewport);
	await card.getByRole('link', { name: new RegExp(title) }).click();
	await expect(page.getByTestId('back-link')).toHaveText('← To sort');
	await page.getByTestId('back-link').click();
	await expect(page).toHaveURL(/\/sort$/);

	// All tickets with any status: the count says what it covers; open tickets come first.
	await nav.getByRole('link', { name: 'All tickets' }).click();
	await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Any status' });
	await expect(page).toHaveURL(/status=/);
	await expect(page.getByTestId('ticket-count')).toHaveText(
		/^\d+ shown of the \d+ tickets on this device, open ones first, then the most urgent\. Closed tickets older than 30 days are not kept on this device\.$/
	);
	const rows = page.locator('ul.tickets > li');
	await expect(rows.first()).toBeVisible();
	const finished = await rows.evaluateAll((lis) => lis.map((li) => li.querySelector('.top > .badge:last-child')?.classList.contains('done') ?? false));
	const firstFinished = finished.indexOf(true);
	expect(firstFinished).toBeGreaterThan(0);
	expect(finished.slice(firstFinished)).not.toContain(false);
	// Priorities carry their number.
	const priorities = await page.locator('ul.tickets .priority').allTextContents();
	expect(priorities.filter((p) => p.startsWith('Priority ')).length).toBeGreaterThan(0);
	for (const p of priorities) expect(p).toMatch(/^(Priority [1-4] · (Emergency|High|Instructional|Administrative)|No priority)$/);
	await inViewAtBothSizes(page, viewport, page.getByTestId('ticket-count'), page.getByLabel('Status', { exact: true }));
	await screenshots(page, `polish-all-tickets-${size}`);
	await page.setViewportSize(viewport);

	// From All tickets and back: the filter is kept.
	await rows.first().getByRole('link').click();
	await expect(page.getByTestId('back-link')).toHaveText('← All tickets');
	await page.getByTestId('back-link').click();
	await expect(page.getByLabel('Status', { exact: true })).toHaveValue('');
	// Opened from nowhere the app knows (a link in an email): home.
	await page.goto(`/tickets/${number}`);
	await expect(page.getByTestId('back-link')).toHaveText('← Queues');
	await expect(page.getByTestId('back-link')).toHaveAttribute('href', '/');
	await device.close();
});

test(`phone: requesters see plain category names with a hint, staff the chart's names, and a student is never offered filing for a co-worker`, async ({ browser }) => {
	const [size, viewport] = ON_PHONE;
	for (const [username, student] of [['lgarcia', false], ['alex.kim', true]] as const) {
		const device = await browser.newContext({ baseURL: serverUrl(), viewport });
		const page = await device.newPage();
		await signIn(page, username);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
		await page.getByRole('button', { name: 'Skip the checks' }).click();
		const category = page.getByLabel('Category');
		await expect(category.locator('option', { hasText: 'Something is broken or not working' })).toHaveCount(1);
		await expect(category.locator('option', { hasText: 'Break Fix' })).toHaveCount(0);
		await category.selectOption({ label: 'Sign-in, password or website access' });
		await expect(page.getByTestId('category-hint')).toHaveText('A locked account, a new account, a blocked or unblocked website, a shared drive.');
		await expect(page.getByLabel('I am filing this on behalf of a co-worker')).toHaveCount(student ? 0 : 1);
		await inViewAtBothSizes(page, viewport, page.getByTestId('category-hint'));
		await screenshots(page, `polish-filing-${username}-${size}`);
		await device.close();
	}
	const device = await browser.newContext({ baseURL: serverUrl(), viewport });
	const page = await device.newPage();
	await signIn(page, 'spatel');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await expect(page.getByLabel('Category').locator('option', { hasText: 'Service Request - Hardware / Software Break Fix' })).toHaveCount(1);
	await device.close();
});

test(`Chromebook: the first sync shows its progress, and no empty list or "all synced" until it is done`, async ({ browser }) => {
	const [size, viewport] = ON_CHROMEBOOK;
	const device = await browser.newContext({ baseURL: serverUrl(), viewport });
	const page = await device.newPage();
	// The first sync's changes requests wait here until the test lets each one through.
	const held: Route[] = [];
	let open = false;
	await page.route(/\/db\/helpdesk\/_changes/, (route) => (open ? route.continue() : void held.push(route)));
	await signIn(page, 'mrivera', { waitForSync: false });
	await expect.poll(() => held.length).toBeGreaterThan(0);
	const indicator = page.getByRole('region', { name: 'Sync status' });
	await expect(page.getByTestId('first-sync')).toHaveText('Getting your tickets…');
	await expect(page.getByText('Your tickets are still arriving on this device…')).toBeVisible();
	await expect(page.getByText('Nothing is assigned to you')).toHaveCount(0);
	await expect(indicator).not.toContainText('All changes synced');
	await expect(indicator).not.toContainText('Not synced yet');
	await inViewAtBothSizes(page, viewport, page.getByTestId('first-sync'), page.getByText('Your tickets are still arriving on this device…'));
	await audit(page, 'first-sync-waiting');
	await page.setViewportSize(viewport);

	// One batch through: the count of tickets so far, against an estimate.
	await held.shift()?.continue();
	await expect(page.getByTestId('first-sync')).toHaveText(/^Getting your tickets… \d+ (of about \d+|so far)$/);
	await expect(indicator).not.toContainText('All changes synced');
	await screenshots(page, `polish-first-sync-${size}`);
	await page.setViewportSize(viewport);

	open = true;
	for (const route of held.splice(0)) await route.continue();
	await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('first-sync')).toHaveCount(0);
	await expect(page.getByText('Your tickets are still arriving on this device…')).toHaveCount(0);
	await device.close();
});

test(`phone: offline says the changes are safe on this device, and signing out with unsynced work keeps it unless the person insists`, async ({ browser }) => {
	const [size, viewport] = ON_PHONE;
	const device = await browser.newContext({ baseURL: serverUrl(), viewport });
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	// The app's pages come from the service worker while offline.
	await waitForOfflineShell(page);
	await device.setOffline(true);
	const indicator = page.getByRole('region', { name: 'Sync status' });
	await expect(indicator.getByRole('status')).toContainText('Offline — your changes are saved on this device');
	await fileTicket(page, `Offline polish one ${size} ${Date.now()}`);
	await fileTicket(page, `Offline polish two ${size} ${Date.now()}`);
	await expect(page.getByTestId('pending')).toHaveText('2 changes waiting to sync');
	await inViewAtBothSizes(page, viewport, indicator.getByRole('status'), page.getByTestId('pending'));
	await audit(page, `offline-band-${size}`);
	await page.setViewportSize(viewport);

	const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
	await signOut.click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog.getByTestId('sign-out-loss')).toHaveText('Signing out now would lose 2 changes.');
	const stay = dialog.getByRole('button', { name: 'Stay signed in' });
	await expect(stay).toBeFocused();
	await expect(stay).not.toHaveClass(/secondary/);
	await expect(dialog.getByRole('button', { name: 'Sign out and lose 2 changes' })).toHaveClass(/secondary/);
	await inViewAtBothSizes(page, viewport, dialog.getByTestId('sign-out-loss'), stay);
	await audit(page, `sign-out-choice-${size}`);
	await page.setViewportSize(viewport);
	// Pressing Sign out again only asks again: losing the work takes the button that says so.
	await signOut.click();
	await expect(stay).toBeFocused();
	// Enter takes the safe choice.
	await page.keyboard.press('Enter');
	await expect(dialog).toHaveCount(0);
	await expect(page.getByTestId('pending')).toHaveText('2 changes waiting to sync');

	await signOut.click();
	await dialog.getByRole('button', { name: 'Sign out and lose 2 changes' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	await device.close();
});

import type { Ticket, UserProfile } from '../../core/schemas';
import { buildDemoDistrict } from '../../server/demo-data';
import type { Page, Route } from '@playwright/test';
import { audit } from './axe';
import { CHROMEBOOK, expect, gatewayFileTicket, PHONE, screenshots, serverUrl, signIn, test, waitForOfflineShell } from './fixtures';

const DAY = 86_400_000;
const demo = buildDemoDistrict(new Date()).docs;
/** Linda Garcia, a secretary at Lincoln Elementary, whose tickets are Sam Patel's (spatel) to work. */
const linda = demo.find((d): d is UserProfile => d._id === 'user:lgarcia') as UserProfile;
/** A ticket of Sam's closed well over the devices' 30 days ago: on the server, never on his device. */
const old = demo.find((d): d is Ticket => d.type === 'ticket' && d.assignee === 'spatel' && !!d.closedAt && Date.now() - Date.parse(d.closedAt) > 45 * DAY) as Ticket;

const searchFor = async (page: Page, text: string) => {
	const box = page.getByRole('searchbox', { name: 'Search tickets' });
	await box.fill(text);
	await box.press('Enter');
	await expect(page).toHaveURL(/\/search\?q=/);
};
const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem');

for (const [size, viewport, word] of [
	['phone', PHONE, 'zeppelin'],
	['Chromebook', CHROMEBOOK, 'dirigible']
] as const) {
	test(`a technician finds tickets by number, note, name and phone, offline too, and opens an old closed one (${size})`, async ({ browser }) => {
		expect(old, 'the demo district has a ticket of spatel closed over 45 days ago').toBeTruthy();
		const title = `Smartboard pen drifts ${size} ${Date.now()}`;
		const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
		const tech = await browser.newContext({ baseURL: serverUrl(), viewport });
		const page = await tech.newPage();
		await signIn(page, 'spatel');

		// By number, typed as said on the phone: lower case, no dash.
		await searchFor(page, number.replace('-', '').toLowerCase());
		await expect(results(page).first()).toContainText(title);
		await expect(results(page).first().locator('mark')).toHaveText([number]);

		// By a word of a note added on this device: the index follows the device's changes.
		await results(page).first().getByRole('link').click();
		await page.getByLabel('Note', { exact: true }).fill(`Ordered a ${word} mount for the pen tray.`);
		await page.getByRole('button', { name: 'Add note' }).click();
		await expect(page.locator('.timeline')).toContainText(word);
		await searchFor(page, word);
		await expect(results(page)).toHaveCount(1);
		await expect(results(page).first()).toContainText(title);
		await expect(results(page).first().locator('mark')).toHaveText([word]);

		// By the requester's name, and by her phone in another spelling.
		await searchFor(page, 'linda garcia');
		await expect(results(page).first().locator('mark')).toHaveText(['Linda', 'Garcia']);
		const digits = (linda.phone ?? '').replace(/\D/g, '');
		await searchFor(page, `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`);
		await expect(results(page).first()).toContainText('Linda Garcia');
		await expect(results(page).first().locator('mark')).toHaveText([linda.phone ?? '']);

		// An old closed ticket: found on the server while online, and opened from it.
		await searchFor(page, old.number);
		await expect(results(page)).toHaveCount(1);
		await expect(results(page).first()).toContainText('older ticket, from the server');
		if (size === 'phone') await screenshots(page, 'search-results');
		const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
		expect(scrolls, 'the results page does not scroll sideways').toBe(false);
		await results(page).first().getByRole('link').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(old.title);
		await expect(page.getByText('shown from the server and cannot be changed')).toBeVisible();
		await expect(page.getByTestId('ticket-status')).toContainText('Closed');
		if (size === 'phone') await screenshots(page, 'search-older-ticket');

		// Offline: the device's tickets are still found; the old one says plainly what it needs.
		await waitForOfflineShell(page);
		await tech.setOffline(true);
		await searchFor(page, word);
		await expect(results(page).first()).toContainText(title);
		await expect(page.getByText('You are offline: only the tickets on this device were searched.')).toBeVisible();
		await page.goto(`/tickets/${old.number}`);
		await expect(page.getByText('This ticket is older than what this device keeps. Connect to the internet to open it.')).toBeVisible();
		if (size === 'phone') await screenshots(page, 'search-older-ticket-offline');
		await tech.close();
	});
}

test('during the first sync, a current ticket not yet on the device is said to be arriving, not old, and opens fully once it arrives', async ({ browser }) => {
	const title = `Document camera flickers ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
	const tech = await browser.newContext({ baseURL: serverUrl(), viewport: PHONE });
	const page = await tech.newPage();
	// The first sync's changes requests wait here until the test lets them through.
	const held: Route[] = [];
	let open = false;
	await page.route(/\/db\/helpdesk\/_changes/, (route) => (open ? route.continue() : void held.push(route)));
	await signIn(page, 'spatel', { waitForSync: false });
	await page.goto(`/tickets/${number}`);
	await expect.poll(() => held.length).toBeGreaterThan(0);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByTestId('ticket-arriving')).toHaveText(
		'Your tickets are still arriving on this device. This one is shown from the server until it arrives; then you can change it here.'
	);
	await expect(page.getByText('cannot be changed')).toHaveCount(0);
	await audit(page, 'ticket-arriving');
	await screenshots(page, 'search-ticket-arriving');

	open = true;
	for (const route of held.splice(0)) await route.continue();
	await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 60_000 });
	await expect(page.getByRole('button', { name: 'Add note' })).toBeVisible();
	await expect(page.getByTestId('ticket-arriving')).toHaveCount(0);
	await tech.close();
});

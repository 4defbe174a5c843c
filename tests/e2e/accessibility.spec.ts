import { audit, axeFindings } from './axe';
import { expect, followLink, gatewayFileTicket, newDevice, signIn, test } from './fixtures';

test('the sign-in page and the requester’s filing pages pass axe at both sizes', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	await audit(page, 'sign-in');

	await signIn(page, 'lgarcia');
	await audit(page, 'requester-home');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await expect(page.getByRole('button', { name: 'Skip the checks' })).toBeVisible();
	await audit(page, 'self-check');
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill('The printer in the office jams on every page');
	await audit(page, 'filing-form');
	await device.close();
});

test('the requester’s ticket and the help articles pass axe at both sizes', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await page.locator('ul.tickets a').first().click();
	await expect(page.getByTestId('ticket-status')).toBeVisible();
	await audit(page, 'requester-ticket');
	await followLink(page, '/kb');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await audit(page, 'kb-list');
	await page.getByRole('link', { name: 'Projector is on but shows no picture' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Projector is on but shows no picture' })).toBeVisible();
	await audit(page, 'kb-article');
	await device.close();
});

test('the technician’s pages pass axe at both sizes', async ({ browser }) => {
	const title = `Axe check ticket ${Date.now()}`;
	await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'spatel');
	await audit(page, 'technician-home');
	await page.getByRole('link', { name: new RegExp(title) }).click();
	await expect(page.getByRole('heading', { name: 'Update the ticket' })).toBeVisible();
	await page.getByRole('radio', { name: 'Desk visit' }).check();
	await audit(page, 'technician-ticket');
	await device.close();
});

test('the search results pass axe at both sizes', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'mrivera');
	const box = page.getByRole('searchbox', { name: 'Search tickets' });
	await box.fill('printer');
	await box.press('Enter');
	await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
	await expect(page.getByText('Also looking for older tickets on the server…')).toBeHidden();
	await audit(page, 'search-results');
	await device.close();
});

test('the coordinator’s pages pass axe at both sizes', async ({ browser }) => {
	const coordinatorDevice = await newDevice(browser);
	const coordinator = await coordinatorDevice.newPage();
	await signIn(coordinator, 'mrivera');
	for (const [path, name] of [
		['/sort', 'coordinator-sort'],
		['/tickets', 'coordinator-all-tickets'],
		['/kb/new', 'kb-editor']
	]) {
		await followLink(coordinator, path);
		await expect(coordinator.getByRole('heading', { level: 1 })).toBeVisible();
		await audit(coordinator, name);
	}
	await coordinatorDevice.close();
});

test('a secretary files a ticket with the keyboard alone, and sees where the focus is at every step', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');

	/** Presses Tab until the focused element matches, checking that each focused element shows an outline. */
	async function tabTo(name: RegExp): Promise<void> {
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			const focused = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				if (!el || el === document.body) return null;
				const style = getComputedStyle(el);
				const label = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
				return { label: label.trim(), outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
			});
			if (!focused) continue;
			expect(focused.outlined, `focus outline on "${focused.label}"`).toBe(true);
			if (name.test(focused.label)) return;
		}
		throw new Error(`Tab never reached ${name}`);
	}

	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'My open tickets' })).toBeVisible();
	await tabTo(/^Report a problem$/);
	await page.keyboard.press('Enter');
	await tabTo(/^Skip the checks$/);
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('What is the problem?')).toBeFocused();
	const description = `Keyboard only: the document camera shows a black image ${Date.now()}`;
	await page.keyboard.type(description);
	await tabTo(/^Room/);
	await page.keyboard.type('14');
	await tabTo(/^Save ticket$/);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('ticket-number')).toHaveText(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3,5}$/);
	await device.close();
});

test('the axe check itself finds what it must: an image without words and grey text on white, at both sizes', async ({ page }) => {
	await page.setContent(
		'<html lang="en"><head><title>Probe</title></head><body><main><h1>Probe</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff">Faint words</p></main></body></html>'
	);
	const findings = await axeFindings(page);
	expect(findings.map((f) => f.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['1366px color-contrast', '1366px image-alt', '390px color-contrast', '390px image-alt']);
});

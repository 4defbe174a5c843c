import type { Route } from '@playwright/test';
import type { Ticket } from '../../core/schemas';
import { expect, fileTicket, gatewayGet, newDevice, signIn, test, waitForOfflineShell } from './fixtures';

test('a ticket saved during the first sync reaches the server before the first sync has finished', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	// The first batch of the first sync goes through (the buildings and categories the form needs); the rest wait here.
	const held: Route[] = [];
	let through = 0;
	await page.route(/\/db\/helpdesk\/_changes/, (route) => (through++ < 1 ? route.continue() : void held.push(route)));
	await signIn(page, 'mrivera', { waitForSync: false });
	await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
	await expect(page.getByTestId('first-sync')).toHaveText(/^Getting your tickets… \d+/);

	const description = `Projector bulb out, saved during the first sync ${Date.now()}`;
	const number = await fileTicket(page, description);
	// The push started at the save, not at the end of the pull: the server has the ticket while the pull still waits.
	await expect
		.poll(() => gatewayGet<Ticket>('mrivera', `ticket:${number}`).then((t) => t.description, () => null), { timeout: 30_000 })
		.toBe(description);
	await expect(page.getByTestId('first-sync')).toBeVisible();
	expect(held.length).toBeGreaterThan(0);

	for (const route of held.splice(0)) await route.continue();
	await device.close();
});

test('a ticket saved offline during the first sync reaches the server once back online, before the first sync has finished', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	const held: Route[] = [];
	let through = 0;
	await page.route(/\/db\/helpdesk\/_changes/, (route) => (through++ < 1 ? route.continue() : void held.push(route)));
	await signIn(page, 'mrivera', { waitForSync: false });
	await waitForOfflineShell(page);
	await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);

	await device.setOffline(true);
	const description = `Bell schedule speaker silent, saved offline during the first sync ${Date.now()}`;
	const number = await fileTicket(page, description);
	await expect(page.getByTestId('pending')).toHaveText('1 change waiting to sync');
	await device.setOffline(false);
	await expect
		.poll(() => gatewayGet<Ticket>('mrivera', `ticket:${number}`).then((t) => t.description, () => null), { timeout: 30_000 })
		.toBe(description);
	await expect(page.getByTestId('first-sync')).toBeVisible();

	for (const route of held.splice(0)) await route.continue();
	await device.close();
});

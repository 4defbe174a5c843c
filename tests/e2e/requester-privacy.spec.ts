import type { Page } from '@playwright/test';
import { expect, gatewayFileTicket, newDevice, signIn, test } from './fixtures';

/** Every ticket revision stored in the person's local database (PouchDB's IndexedDB store), read straight from disk. */
function storedTickets(page: Page, username: string): Promise<{ requester: string; createdBy: string; number: string }[]> {
	return page.evaluate(
		(name) =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('by-sequence').objectStore('by-sequence').getAll();
					all.onerror = () => reject(all.error);
					all.onsuccess = () => {
						open.result.close();
						resolve((all.result as { type?: string; requester: string; createdBy: string; number: string }[]).filter((d) => d.type === 'ticket'));
					};
				};
			}),
		`_pouch_helpdesk-${username}`
	);
}

for (const [requester, other, building] of [
	['lgarcia', 'admin', 'lincoln-es'],
	['alex.kim', 'maya.johnson', 'lakeside-hs']
] as const) {
	test(`${requester} never sees someone else’s ticket from the same building, in any view`, async ({ browser }) => {
		const title = `Someone else's problem ${Date.now()}`;
		const number = await gatewayFileTicket(other, other, { title, building });

		const device = await newDevice(browser);
		const page = await device.newPage();
		await signIn(page, requester);
		await expect(page.getByRole('heading', { name: 'My open tickets' })).toBeVisible();
		await expect(page.getByText(title)).toHaveCount(0);

		await page.goto(`/tickets/${number}`);
		// Not on the device, and the server refuses it exactly as it answers a number that does not exist.
		await expect(page.getByText(`There is no ticket ${number} that you can open.`)).toBeVisible();
		await expect(page.getByText(title)).toHaveCount(0);
		for (const [path, refusal] of [
			['/tickets', 'see every ticket in the district'],
			['/sort', 'sort new tickets']
		]) {
			await page.goto(path);
			await expect(page.getByText(`Only coordinators and administrators ${refusal}.`)).toBeVisible();
		}
		await page.goto('/kb');
		await expect(page.getByText(title)).toHaveCount(0);

		// Not hidden by the screens but absent from the device: every stored ticket is the person's own.
		const stored = await storedTickets(page, requester);
		expect(stored.length).toBeGreaterThan(0);
		expect(stored.filter((t) => t.requester !== requester && t.createdBy !== requester).map((t) => t.number)).toEqual([]);
		await device.close();
	});
}

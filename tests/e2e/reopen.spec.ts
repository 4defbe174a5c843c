import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { expect, fileTicket, gatewayGet, gatewayPut, newDevice, screenshots, signIn, test } from './fixtures';

test('a requester sees the technician resolve their ticket, and reopens it with a note', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	const number = await fileTicket(page, `Document camera flickers ${Date.now()}`);
	await expect(page.getByTestId('pending')).toHaveText('All changes synced');

	// The building technician resolves it from another device.
	const filed = await gatewayGet<Ticket>('spatel', `ticket:${number}`);
	const at = new Date().toISOString();
	await gatewayPut(
		'spatel',
		appendEntries(filed, [
			{ id: `e2e-${Date.now()}-a`, at, by: 'spatel', kind: 'note', text: 'Replaced the USB cable.' },
			{ id: `e2e-${Date.now()}-b`, at, by: 'spatel', kind: 'status', from: filed.status, to: 'resolved' }
		])
	);

	await expect(page.getByText('Replaced the USB cable.')).toBeVisible();
	await expect(page.getByTestId('ticket-status')).toContainText('Resolved');
	await page.getByLabel('What is still wrong? (optional)').fill('It flickers again after lunch.');
	await screenshots(page, 'ticket-resolved');
	await page.getByRole('button', { name: 'Reopen the ticket' }).click();

	await expect(page.getByTestId('ticket-status')).toContainText('In progress');
	await expect(page.locator('.timeline')).toContainText('changed the status from Resolved to In progress');
	await expect(page.locator('.timeline')).toContainText('It flickers again after lunch.');
	await expect(page.getByRole('heading', { name: 'Is it still not working?' })).toHaveCount(0);
	await expect(page.getByTestId('pending')).toHaveText('All changes synced');
	await expect(page.getByText('The server did not accept')).toHaveCount(0);
	const synced = await gatewayGet<Ticket>('spatel', `ticket:${number}`);
	expect(synced.status).toBe('in-progress');
	await device.close();
});

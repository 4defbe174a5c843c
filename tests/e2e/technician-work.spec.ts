import type { Ticket } from '../../core/schemas';
import { expect, gatewayFileTicket, gatewayGet, newDevice, screenshots, signIn, test } from './fixtures';

test('a building technician works a ticket: status, detail for a vague note, desk visit, remote permission, escalation', async ({ browser }) => {
	const title = `Smartboard pen does not register ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });

	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'spatel');
	// The server gave the new ticket to Lincoln's technician: it is in "Assigned to me", the queue that opens first.
	await expect(page.getByRole('heading', { name: 'Assigned to me' })).toBeVisible();
	const row = page.getByRole('link', { name: new RegExp(title) });
	await expect(row).toBeVisible();
	await expect(page.getByRole('link', { name: /^Unassigned/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^My buildings/ })).toBeVisible();
	await screenshots(page, 'technician-queues');
	await row.click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

	// A status change with a note that says only "fixed" asks for detail first, and saves nothing until answered.
	await page.getByLabel('Status', { exact: true }).selectOption('in-progress');
	await page.getByLabel('Note', { exact: true }).fill('Fixed.');
	await page.getByRole('button', { name: 'Save and mark in progress' }).click();
	await expect(page.getByText('Say what happened.')).toBeVisible();
	await expect(page.getByTestId('ticket-status')).toContainText('Assigned');
	await page.getByLabel('Note', { exact: true }).fill('The pen tray sensor was unplugged; reseated it and recalibrated the board.');
	await page.getByRole('button', { name: 'Save and mark in progress' }).click();
	await expect(page.getByTestId('ticket-status')).toContainText('In progress');
	await expect(page.locator('.timeline')).toContainText('reseated it and recalibrated');

	// A desk visit records its time of interaction.
	await page.getByRole('radio', { name: 'Desk visit' }).check();
	await page.getByLabel('Minutes spent').fill('15');
	await page.getByLabel('Note', { exact: true }).fill('Visited room 12, showed the teacher how to re-pair the pen.');
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.locator('.timeline')).toContainText('added a note (desk visit, 15 min)');

	// Remote control needs the person's permission recorded first.
	await page.getByRole('radio', { name: 'Remote control' }).check();
	await expect(page.getByText('Record that the person allowed remote control')).toBeVisible();
	await page.getByLabel('Minutes spent').fill('5');
	await page.getByLabel('Note', { exact: true }).fill('Updated the board driver remotely.');
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.locator('.timeline')).not.toContainText('Updated the board driver remotely.');
	await page.getByRole('button', { name: 'They allowed remote control' }).click();
	await expect(page.getByTestId('remote-permission')).toContainText('Allowed');
	await expect(page.getByText('Record that the person allowed remote control')).toHaveCount(0);
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.locator('.timeline')).toContainText('added a note (remote, 5 min)');

	// Escalation keeps the technician as the owner.
	await page.getByLabel('Who takes it up?').selectOption({ label: 'Marisol Rivera' });
	// The password guard covers the reason too: a refused ticket would stay stuck on this device.
	await page.getByLabel('Why it needs escalating').fill('Log in as the teacher, password: Tiger#2024 and check the driver.');
	await page.getByRole('button', { name: 'Escalate to level 2' }).click();
	await expect(page.getByText('Remove the password before saving.')).toBeVisible();
	await expect(page.locator('.facts')).not.toContainText('Level 2');
	await page.getByLabel('Why it needs escalating').fill('The board needs a replacement digitizer; needs a purchase.');
	await page.getByRole('button', { name: 'Escalate to level 2' }).click();
	await expect(page.locator('.facts')).toContainText('Level 2, to Marisol Rivera');
	await expect(page.locator('.facts')).toContainText('Sam Patel');
	await screenshots(page, 'technician-ticket');

	await expect(page.getByTestId('pending')).toHaveText('All changes synced');
	await expect(page.getByText('The server did not accept')).toHaveCount(0);

	const synced = await gatewayGet<Ticket>('spatel', `ticket:${number}`);
	expect(synced).toMatchObject({ status: 'in-progress', assignee: 'spatel', level: 2, escalatedTo: 'mrivera' });
	expect(synced.history.filter((e) => e.kind === 'note').map((e) => e.kind === 'note' && e.interaction?.type)).toEqual([undefined, 'desk-visit', 'remote']);

	// The coordinator finds it under "Escalated to me".
	const coordinatorDevice = await newDevice(browser);
	const coordinator = await coordinatorDevice.newPage();
	await signIn(coordinator, 'mrivera');
	await coordinator.getByRole('link', { name: /^Escalated to me/ }).click();
	await expect(coordinator.getByRole('heading', { name: 'Escalated to me' })).toBeVisible();
	await expect(coordinator.getByRole('link', { name: new RegExp(title) })).toContainText('Level 2');

	// Resolving says what fixed it.
	await page.getByLabel('Status', { exact: true }).selectOption('resolved');
	await page.getByRole('button', { name: 'Save and mark resolved' }).click();
	await expect(page.getByText('Write the note first.')).toBeVisible();
	await expect(page.getByTestId('ticket-status')).toContainText('In progress');
	await page.getByLabel('Note', { exact: true }).fill('New digitizer fitted; the pen registers across the whole board.');
	await page.getByRole('button', { name: 'Save and mark resolved' }).click();
	await expect(page.getByTestId('ticket-status')).toContainText('Resolved');
	await expect(page.getByTestId('pending')).toHaveText('All changes synced');
	expect((await gatewayGet<Ticket>('spatel', `ticket:${number}`)).status).toBe('resolved');
	// A resolved ticket leaves the coordinator's queue.
	await expect(coordinator.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);
	await device.close();
	await coordinatorDevice.close();
});

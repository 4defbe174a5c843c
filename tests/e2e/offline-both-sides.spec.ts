import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { expect, gatewayFileTicket, gatewayGet, gatewayPut, newDevice, signIn, test } from './fixtures';

test('two technicians work the same ticket offline; after both sync, both devices show both notes and the same status', async ({ browser }) => {
	const title = `Attendance screen freezes ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
	// The building technician owns it and has escalated it to the PowerSchool specialist, so both work on it.
	const filed = await gatewayGet<Ticket>('spatel', `ticket:${number}`);
	await gatewayPut(
		'spatel',
		appendEntries(filed, [{ id: `e2e-${number}-esc`, at: new Date().toISOString(), by: 'spatel', kind: 'escalate', level: 2, to: 'pshah', reason: 'Looks like the SIS plugin.' }])
	);

	const devices = await Promise.all([newDevice(browser), newDevice(browser)]);
	const [tech, specialist] = await Promise.all(devices.map((d) => d.newPage()));
	await signIn(tech, 'spatel');
	await signIn(specialist, 'pshah');
	// The owner finds it in "Assigned to me", the specialist in "Escalated to me".
	await tech.getByRole('link', { name: new RegExp(title) }).click();
	await specialist.getByRole('link', { name: /^Escalated to me/ }).click();
	await specialist.getByRole('link', { name: new RegExp(title) }).click();
	for (const page of [tech, specialist]) {
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	}

	await Promise.all(devices.map((d) => d.setOffline(true)));
	await expect(tech.getByText('Offline', { exact: true })).toBeVisible();
	await expect(specialist.getByText('Offline', { exact: true })).toBeVisible();

	await tech.getByLabel('Status', { exact: true }).selectOption('in-progress');
	await tech.getByLabel('Note', { exact: true }).fill('Basement lab: the switch port was disabled, enabled it again.');
	await tech.getByRole('button', { name: 'Save and mark in progress' }).click();
	await expect(tech.getByTestId('ticket-status')).toContainText('In progress');

	await specialist.getByLabel('Note', { exact: true }).fill('Cleared the attendance plugin cache for this teacher.');
	await specialist.getByRole('button', { name: 'Add note' }).click();
	await expect(specialist.locator('.timeline')).toContainText('Cleared the attendance plugin cache');
	for (const page of [tech, specialist]) await expect(page.getByTestId('pending')).toHaveText('1 change waiting to sync');

	await Promise.all(devices.map((d) => d.setOffline(false)));
	for (const page of [tech, specialist]) {
		await expect(page.locator('.timeline')).toContainText('the switch port was disabled', { timeout: 30_000 });
		await expect(page.locator('.timeline')).toContainText('Cleared the attendance plugin cache', { timeout: 30_000 });
		await expect(page.getByTestId('ticket-status')).toContainText('In progress');
		await expect(page.getByTestId('pending')).toHaveText('All changes synced');
		await expect(page.getByText('The server did not accept')).toHaveCount(0);
	}
	const merged = await gatewayGet<Ticket>('pshah', `ticket:${number}`);
	expect(merged.status).toBe('in-progress');
	expect(merged.history.filter((e) => e.kind === 'note')).toHaveLength(2);
	await Promise.all(devices.map((d) => d.close()));
});

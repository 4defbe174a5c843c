import { expect, fileTicket, newDevice, screenshots, signIn, test, waitForOfflineShell } from './fixtures';

test('a ticket filed offline is numbered at once, survives a reopen offline, and reaches the building technician', async ({ browser }) => {
	const phone = await newDevice(browser);
	const page = await phone.newPage();
	await signIn(page, 'lgarcia');
	await waitForOfflineShell(page);
	await screenshots(page, 'requester-home');

	await phone.setOffline(true);
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	const title = `Projector in room 12 shows no picture ${Date.now()}`;
	const number = await fileTicket(page, `${title}\nThe lamp is on but the screen stays blue.`);
	await expect(page.getByText('It is on this device and will be sent when you are back online.')).toBeVisible();
	await expect(page.getByTestId('pending')).toHaveText('1 change waiting to sync');
	await screenshots(page, 'ticket-filed-offline');

	await page.close();
	const reopened = await phone.newPage();
	await reopened.goto('/');
	const row = reopened.getByRole('link', { name: new RegExp(title) });
	await expect(row).toBeVisible();
	await expect(row).toContainText(number);
	await expect(row).toContainText('waiting to sync');

	await phone.setOffline(false);
	await expect(reopened.getByTestId('pending')).toHaveText('All changes synced');

	const techDevice = await newDevice(browser);
	const tech = await techDevice.newPage();
	await signIn(tech, 'spatel');
	await expect(tech.getByRole('heading', { name: 'Assigned to me' })).toBeVisible();
	const queued = tech.getByRole('link', { name: new RegExp(title) });
	await expect(queued).toBeVisible({ timeout: 10_000 });
	await expect(queued).toContainText(number);
	await screenshots(tech, 'technician-queue');

	// The server assigned it to the building's technician; the requester's device hears of it.
	await expect(reopened.getByRole('link', { name: new RegExp(title) })).toContainText('Assigned');
	await phone.close();
	await techDevice.close();
});

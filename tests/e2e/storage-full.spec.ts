import { expect, newDevice, screenshots, serverUrl, signIn, test } from './fixtures';

test('a full disk is said plainly, and a ticket that cannot be saved keeps what was typed', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	// Chromium's own switch for a tiny storage quota; it must come before the origin first stores anything.
	const cdp = await device.newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(serverUrl()).origin, quotaSize: 1 });

	await signIn(page, 'lgarcia', { waitForSync: false });
	const full = page.getByRole('alert').filter({ hasText: 'This device is out of storage space' });
	await expect(full).toHaveCount(1);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill('Laminator overheats and smells of smoke');
	await page.getByRole('button', { name: 'Save ticket' }).click();

	await expect(page.getByText('Nothing was saved: this device is out of storage space.')).toBeVisible();
	await expect(page.getByLabel('What is the problem?')).toHaveValue('Laminator overheats and smells of smoke');
	await expect(page.getByTestId('ticket-number')).toHaveCount(0);
	await screenshots(page, 'storage-full');
	await device.close();
});

import { expect, fileTicket, gatewayGet, newDevice, PASSWORD, screenshots, signIn, test } from './fixtures';

test('an expired session is said in plain words, and signing in again sends what waited on the device', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await device.clearCookies();

	const number = await fileTicket(page, `Bell schedule speaker is silent ${Date.now()}`);
	await expect(page.getByRole('alert').filter({ hasText: 'Your session expired, sign in again.' })).toBeVisible();
	await expect(page.getByTestId('pending')).toHaveText('1 change waiting to sync');
	// The ticket stays on the device meanwhile.
	await expect(page.getByTestId('ticket-number')).toHaveText(number);
	await screenshots(page, 'session-expired');

	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('pending')).toHaveText('All changes synced');
	await expect(page.getByText('Your session expired, sign in again.')).toHaveCount(0);
	expect((await gatewayGet<{ number: string }>('lgarcia', `ticket:${number}`)).number).toBe(number);
	await device.close();
});

import { expect, newDevice, test } from './fixtures';

test('after ten wrong passwords the sign-in form says how long to wait, in plain words', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await page.goto('/');
	// A name nobody has: it is limited exactly like a real account, so guessing reveals nothing.
	await page.getByLabel('Username').fill(`guesser-${Date.now()}`);
	const statuses: number[] = [];
	for (let i = 0; i < 11; i++) {
		await page.getByLabel('Password').fill(`guess-number-${i}`);
		const answer = page.waitForResponse((r) => r.url().endsWith('/api/login'));
		await page.getByRole('button', { name: 'Sign in' }).click();
		statuses.push((await answer).status());
	}
	expect(statuses).toEqual([...Array(10).fill(401), 429]);
	await expect(page.locator('#sign-in-problem')).toHaveText(/Too many wrong passwords\. Wait 1[45] minutes, then try again/);
	await device.close();
});

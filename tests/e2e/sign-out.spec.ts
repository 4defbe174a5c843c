import { expect, indexedDbNames, newDevice, screenshots, signIn, test } from './fixtures';

test('signing out wipes the person’s local database and profile from a shared device', async ({ browser }) => {
	const cart = await newDevice(browser);
	const page = await cart.newPage();
	await signIn(page, 'alex.kim');
	expect(await indexedDbNames(page)).toContain('_pouch_helpdesk-alex.kim');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	await expect.poll(() => indexedDbNames(page)).not.toContain('_pouch_helpdesk-alex.kim');
	expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('alex.kim') || k === 'hd:profile'))).toEqual([]);

	// The next person on the cart starts from the sign-in form, not from the previous person's tickets.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	await screenshots(page, 'sign-in');
	await cart.close();
});

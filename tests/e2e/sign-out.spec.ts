import { expect, indexedDbNames, newDevice, screenshots, signIn, test } from './fixtures';

test('signing out wipes the person’s local database and profile from a shared device', async ({ browser }) => {
	const cart = await newDevice(browser);
	const page = await cart.newPage();
	await signIn(page, 'alex.kim');
	expect(await indexedDbNames(page)).toContain('_pouch_helpdesk-alex.kim');
	// The copy of the home page's first rows, for the next cold start.
	await expect.poll(() => page.evaluate(() => localStorage.getItem('hd:first-screen') !== null)).toBe(true);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	await expect.poll(() => indexedDbNames(page)).not.toContain('_pouch_helpdesk-alex.kim');
	expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('alex.kim') || k === 'hd:profile' || k === 'hd:first-screen'))).toEqual([]);

	// The next person on the cart starts from the sign-in form, not from the previous person's tickets.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	await screenshots(page, 'sign-in');
	await cart.close();
});

test('a half-written ticket is work: signing out asks first and says so', async ({ browser }) => {
	const cart = await newDevice(browser);
	const page = await cart.newPage();
	await signIn(page, 'alex.kim');
	await page.goto('/new');
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill('The projector in room 12 shows no picture');

	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog.getByTestId('sign-out-loss')).toHaveText('Signing out now would lose 1 unsent draft.');
	await dialog.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(page.getByLabel('What is the problem?')).toHaveValue('The projector in room 12 shows no picture');

	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await dialog.getByRole('button', { name: 'Sign out and lose 1 unsent draft' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();
	expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('hd:draft:')))).toEqual([]);
	await cart.close();
});

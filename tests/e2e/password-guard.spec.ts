import { expect, newDevice, screenshots, signIn, test } from './fixtures';

test('the password guard blocks a description with a password, shows where it is, and lets the ticket through once it is gone', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await expect(page.getByRole('heading', { name: 'Before you report a problem' })).toBeVisible();
	await screenshots(page, 'self-check');
	await page.getByRole('button', { name: 'Still not working: report it' }).click();

	const description = page.getByLabel('What is the problem?');
	await description.fill('I cannot get into my email since Monday.\nmy password is Tiger$2024');
	await page.getByRole('button', { name: 'Save ticket' }).click();

	const warning = page.locator('#description-secrets');
	await expect(warning).toContainText('Remove the password before saving');
	await expect(warning.locator('mark')).toHaveText('Tiger$2024');
	await expect(page.getByText('Nothing was saved: remove the password marked under the description first.')).toBeVisible();
	await expect(description).toBeFocused();
	await expect(page).toHaveURL(/\/new$/);
	await screenshots(page, 'password-guard');

	await description.fill('I cannot get into my email since Monday. It says my password expired.');
	await expect(warning).toHaveCount(0);
	await page.getByRole('button', { name: 'Save ticket' }).click();
	await expect(page.getByTestId('ticket-number')).toBeVisible();

	// A note is guarded too.
	const note = page.getByLabel('Your note');
	await note.fill('The new one would be pw: Sunshine99!');
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.locator('#note-secrets mark')).toHaveText('Sunshine99!');
	await expect(page.locator('.timeline')).not.toContainText('The new one would be');
	await expect(page.locator('.timeline li')).toHaveCount(3);
	await device.close();
});

test('the device warns about the passwords the server refuses: hidden letters in the description, a password in the room or in a help article’s tags', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await page.goto('/new');
	await page.getByRole('button', { name: 'Still not working: report it' }).click();

	// A Cyrillic "а" and a zero-width space in the label: the mark still falls on the password as typed.
	const description = page.getByLabel('What is the problem?');
	await description.fill('Email will not open. My P\u0430ss\u200Bword is Tiger$2024');
	await page.getByRole('button', { name: 'Save ticket' }).click();
	await expect(page.locator('#description-secrets mark')).toHaveText('Tiger$2024');

	await description.fill('Email will not open since Monday.');
	await expect(page.locator('#description-secrets')).toHaveCount(0);
	const room = page.getByLabel('Room');
	await room.fill('Kennwort: Hund#1234');
	await page.getByRole('button', { name: 'Save ticket' }).click();
	await expect(page.getByText('It is in the room: remove "•••••••••" and save again.')).toBeVisible();
	await expect(page).toHaveURL(/\/new$/);
	await room.fill('Library');
	await page.getByRole('button', { name: 'Save ticket' }).click();
	await expect(page.getByTestId('ticket-number')).toBeVisible();
	await device.close();

	const coordinator = await newDevice(browser);
	const editor = await coordinator.newPage();
	await signIn(editor, 'mrivera');
	await editor.goto('/kb/new');
	await editor.getByLabel('Title').fill('Guest Wi-Fi');
	await editor.getByLabel('Tags').fill('wifi, pw=Lakeside#2026');
	await editor.getByLabel('Text', { exact: true }).fill('Choose DistrictGuest and accept the terms.');
	await editor.getByRole('button', { name: 'Save article' }).click();
	await expect(editor.locator('#kb-tags-secrets mark')).toHaveText('Lakeside#2026');
	await expect(editor.getByLabel('Tags')).toBeFocused();
	await expect(editor).toHaveURL(/\/kb\/new$/);
	await coordinator.close();
});

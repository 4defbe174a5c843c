import { expect, fileTicket, newDevice, screenshots, signIn, test } from './fixtures';

test('markup in a ticket and a note is shown as text and never runs', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await signIn(page, 'lgarcia');

	const image = '<img src=x onerror="window.__pwned=1;alert(1)">';
	const script = '<script>window.__pwned=2;alert(2)</script>';
	await fileTicket(page, `${image} printer jam\n${script}\nThe printer by the office eats paper.`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${image} printer jam`);
	await expect(page.locator('.description')).toContainText(script);

	await page.getByLabel('Your note').fill(`Also: ${script} and <a href="javascript:alert(3)">click</a>`);
	await page.getByRole('button', { name: 'Add note' }).click();
	await expect(page.getByText(`Also: ${script}`)).toBeVisible();

	await page.getByRole('link', { name: 'All my tickets' }).click();
	await expect(page.getByRole('link', { name: /printer jam/ })).toContainText(image);
	await screenshots(page, 'hostile-text');

	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
	expect(dialogs).toEqual([]);
	await device.close();
});

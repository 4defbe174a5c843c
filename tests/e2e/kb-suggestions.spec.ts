import { expect, gatewayPut, newDevice, screenshots, signIn, test } from './fixtures';

test('a knowledge-base article is suggested while the person types, and counts when it ends the filing', async ({ browser }) => {
	const stamp = Date.now();
	await gatewayPut('admin', {
		_id: `kb:paper-jam-${stamp}`,
		type: 'kb',
		kind: 'article',
		title: `Clearing a printer paper jam ${stamp}`,
		body: 'Open the front door of the printer, pull the stuck paper out slowly with both hands, close the door and print again.',
		tags: ['printer', 'paper', 'jam'],
		updatedAt: new Date().toISOString(),
		author: 'admin'
	});

	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill('The printer in the office keeps jamming');

	const suggestions = page.getByRole('region', { name: 'These articles may solve it' });
	await expect(suggestions).toContainText(`Clearing a printer paper jam ${stamp}`);
	await suggestions.getByText(`Clearing a printer paper jam ${stamp}`).click();
	await expect(suggestions).toContainText('pull the stuck paper out slowly');
	await screenshots(page, 'kb-suggestion');

	await suggestions.getByRole('button', { name: 'This solved my problem' }).click();
	await expect(page.getByText(/solved it\. No ticket was needed\./)).toBeVisible();
	const stats = await page.evaluate(() => JSON.parse(localStorage.getItem('hd:filing-stats') ?? '{}'));
	expect(stats.kbSolved).toBe(1);
	expect(stats.byArticle[`kb:paper-jam-${stamp}`]).toBe(1);
	await device.close();
});

test('filing works, and suggests nothing, when the device holds no matching article', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill('Smartboard pen does not draw');
	await page.waitForTimeout(600);
	await expect(page.getByRole('region', { name: 'These articles may solve it' })).toHaveCount(0);
	await device.close();
});

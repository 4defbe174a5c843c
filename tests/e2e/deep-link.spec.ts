import { expect, gatewayFileTicket, newDevice, PASSWORD, test, waitForOfflineShell } from './fixtures';

test('the offline app installs when the first page opened is a ticket link, and that ticket reopens offline', async ({ browser }) => {
	const title = `Smartboard pen does not write ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });

	// A fresh device whose first page is the link from an email.
	const phone = await newDevice(browser);
	const page = await phone.newPage();
	const swRequests: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('service-worker.js')) swRequests.push(new URL(request.url()).pathname);
	});
	await page.goto(`/tickets/${number}`);
	await page.getByLabel('Username').fill('lgarcia');
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText(title).first()).toBeVisible({ timeout: 60_000 });
	await waitForOfflineShell(page);
	expect(swRequests.every((path) => path === '/service-worker.js')).toBe(true);
	expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(new URL('/', page.url()).href);

	await phone.setOffline(true);
	await page.reload();
	await expect(page.getByText(title).first()).toBeVisible();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await phone.close();
});

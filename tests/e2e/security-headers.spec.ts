import type { Page } from '@playwright/test';
import { expect, gatewayFileTicket, newDevice, serverUrl, signIn, test, waitForOfflineShell } from './fixtures';

/** Records every CSP violation the page reports (the DOM event and Chromium's console message). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
	const console: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
	});
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { cspViolations: string[] }).cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`));
	});
	return async () => [...console, ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []))];
}

test('the app sends its security headers and runs under its CSP with no violation, online and offline', async ({ browser }) => {
	const title = `CSP check ticket ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
	const device = await newDevice(browser);
	const page = await device.newPage();
	const violations = await watchViolations(page);
	const seen: string[] = [];
	const collect = async () => seen.push(...(await violations()));

	const first = await page.goto('/');
	const headers = first?.headers() ?? {};
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('no-referrer');
	// The inline start-up script ran: the sign-in form is the app, not a blank page.
	await expect(page.getByRole('heading', { name: 'Sign in to the Helpdesk' })).toBeVisible();

	await signIn(page, 'lgarcia');
	await waitForOfflineShell(page);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await expect(page.getByLabel('What is the problem?')).toBeVisible();
	await collect();
	await page.goto(`/tickets/${number}`);
	await expect(page.getByText(title).first()).toBeVisible();
	await collect();
	await page.goto('/kb');
	await page.getByRole('link', { name: 'Projector is on but shows no picture' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Projector is on but shows no picture' })).toBeVisible();
	await collect();

	// Offline, the service worker serves the page: the same policy must hold.
	await device.setOffline(true);
	await page.goto(`/tickets/${number}`);
	await expect(page.getByText(title).first()).toBeVisible();
	await collect();
	await device.close();

	const techDevice = await newDevice(browser);
	const tech = await techDevice.newPage();
	const techViolations = await watchViolations(tech);
	await signIn(tech, 'spatel');
	await tech.getByRole('link', { name: new RegExp(title) }).click();
	await expect(tech.getByRole('heading', { name: 'Update the ticket' })).toBeVisible();
	seen.push(...(await techViolations()));
	await tech.goto('/tickets');
	await expect(tech.getByRole('heading', { level: 1 })).toBeVisible();
	seen.push(...(await techViolations()));
	await techDevice.close();

	expect(seen).toEqual([]);
});

test('another site cannot show the app in a frame', async ({ page }) => {
	const refused = page.waitForEvent('console', { predicate: (message) => /frame-ancestors/.test(message.text()), timeout: 30_000 });
	await page.setContent(`<iframe src="${serverUrl()}/"></iframe>`);
	expect((await refused).text()).toMatch(/frame-ancestors 'none'.*blocked/);
});

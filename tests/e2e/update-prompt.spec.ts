import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningServer, startServer } from '../support/server';
import { expect, PHONE, signIn, test, waitForOfflineShell } from './fixtures';

let server: RunningServer;
let webDir: string;

// Its own server over a copy of the build, so deploying a "new version" touches no other test.
test.beforeAll(async () => {
	webDir = mkdtempSync(join(tmpdir(), 'helpdesk-web-'));
	cpSync(resolve(import.meta.dirname, '../../build'), webDir, { recursive: true });
	server = await startServer({ DEMO: '1', WEB_DIR: webDir });
});

test.afterAll(async () => {
	await server?.dispose();
	rmSync(webDir, { recursive: true, force: true });
});

test('a new version is offered with a Reload button, and the page never reloads by itself while someone types', async ({ browser }) => {
	const device = await browser.newContext({ baseURL: server.url, viewport: PHONE });
	const page = await device.newPage();
	await signIn(page, 'lgarcia');
	await waitForOfflineShell(page);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	const description = page.getByLabel('What is the problem?');
	await description.fill('The clock in room 4 is');
	await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

	appendFileSync(join(webDir, 'service-worker.js'), `\n// deployed ${Date.now()}\n`);
	await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));

	await expect(page.getByText('A new version is ready.')).toBeVisible();
	await description.pressSequentially(' ten minutes slow');
	await page.waitForTimeout(2000);
	expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
	await expect(description).toHaveValue('The clock in room 4 is ten minutes slow');

	await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
	expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBeUndefined();
	await expect(page.getByText('A new version is ready.')).toHaveCount(0);
	// What was typed survives the reload.
	await expect(page.getByLabel('What is the problem?')).toHaveValue('The clock in room 4 is ten minutes slow');
	await device.close();
});

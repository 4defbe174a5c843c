import type { Page } from '@playwright/test';
import { startServer, type WatchedServer } from '../support/server';
import { startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';
import { axeFindings } from './axe';
import { expect, newDevice, PASSWORD, PHONE, screenshots, signIn, test } from './fixtures';


const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test.describe('the call simulator page, on a demo district whose line is on', () => {
	let server: WatchedServer;
	let twilio: TwilioStandin;

	test.beforeAll(async () => {
		twilio = await startTwilioStandin();
		server = await startServer({ DEMO: '1', TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_URL: twilio.url });
	});
	test.afterAll(async () => {
		await server?.dispose();
		await twilio?.close();
	});

	test('an administrator calls as someone from the directory, follows the call and opens the ticket it made', async ({ browser }) => {
		const context = await browser.newContext({ baseURL: server.url, viewport: PHONE });
		const page = await context.newPage();
		await page.goto('/');
		await page.getByLabel('Username').fill('admin');
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 90_000 });
		await page.goto('/admin/phone/simulator');
		await expect(page.getByRole('heading', { name: 'Call simulator' })).toBeVisible();

		const linda = (await page.locator('#sim-caller option', { hasText: 'Linda Garcia' }).textContent())!;
		await page.getByLabel('Who calls').selectOption({ label: linda });
		await expect(page.getByLabel('The caller’s number')).toHaveCount(0);
		await page.getByLabel('What the caller presses').fill('2');
		await page.getByLabel('The message the caller leaves').fill('This is Linda at Lincoln. The front office printer shows paper jam but there is no paper inside.');
		expect(await axeFindings(page)).toEqual([]);
		await page.getByRole('button', { name: 'Place the call' }).click();

		const call = page.getByRole('log');
		await expect(call.getByText('Thank you for calling the Lakeside Unified School District technology help desk.')).toBeVisible();
		await expect(call.getByText('presses 2')).toBeVisible();
		const made = page.getByRole('status').filter({ hasText: 'The call made ticket' });
		await expect(made).toBeVisible({ timeout: 30_000 });
		await expect(call.getByText(/leaves a \d+-second message: "This is Linda at Lincoln\./)).toBeVisible();
		const number = (await made.getByRole('link').textContent())!.trim();
		expect(number).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3,5}$/);
		expect(await noSideScroll(page)).toBe(true);
		expect(await axeFindings(page)).toEqual([]);
		await screenshots(page, 'call-simulator');
		await page.setViewportSize({ width: 320, height: 640 });
		expect(await noSideScroll(page)).toBe(true);
		await page.setViewportSize(PHONE);

		await made.getByRole('link').click();
		await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
		await expect(page.getByText('Voicemail from Linda Garcia').first()).toBeVisible({ timeout: 30_000 });
		await context.close();
	});
});

test('the page says what to set while the line is off', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'admin');
	await page.goto('/admin/phone/simulator');
	await page.getByLabel('Who calls').selectOption({ label: 'A number not in the directory…' });
	await page.getByLabel('The caller’s number').fill('+1 303 555 0199');
	await page.getByLabel('What the caller presses').fill('2 x');
	await page.getByRole('button', { name: 'Place the call' }).click();
	await expect(page.getByRole('alert')).toHaveText('Type only keys of a phone (0 to 9, * and #), one menu after another, separated by spaces.');
	await page.getByLabel('What the caller presses').fill('2');
	await page.getByRole('button', { name: 'Place the call' }).click();
	await expect(page.getByRole('alert')).toContainText('The phone line is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
	await device.close();
});

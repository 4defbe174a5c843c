import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { CHROMEBOOK, expect, newDevice, PHONE, signIn, test, waitForOfflineShell } from './fixtures';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** A screenshot-like PNG, 2400 × 1800, drawn in the page: larger than the app keeps, so the device must shrink it. */
async function screenPng(page: Page): Promise<Buffer> {
	const dataUrl = await page.evaluate(() => {
		const canvas = document.createElement('canvas');
		canvas.width = 2400;
		canvas.height = 1800;
		const context = canvas.getContext('2d') as CanvasRenderingContext2D;
		context.fillStyle = '#1e3a8a';
		context.fillRect(0, 0, 2400, 1800);
		context.fillStyle = '#fff';
		context.font = 'bold 120px sans-serif';
		context.fillText('Error 0x80070005', 200, 900);
		return canvas.toDataURL('image/png');
	});
	return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** The timeline's photos, loaded: their natural widths. */
async function loadedPhotoWidths(page: Page): Promise<number[]> {
	return page.locator('.timeline img').evaluateAll((imgs) => (imgs as HTMLImageElement[]).map((img) => (img.complete ? img.naturalWidth : 0)));
}

/** The narrowest phones people still use. */
const NARROW = { width: 320, height: 640 };

/** Saves the page at narrow phone, phone and Chromebook sizes into tests/artifacts/, with `focus` scrolled into the middle. */
async function screenshotsOf(page: Page, name: string, focus: Locator): Promise<void> {
	mkdirSync(ARTIFACTS, { recursive: true });
	for (const [size, viewport] of [['320x640', NARROW], ['390x844', PHONE], ['1366x768', CHROMEBOOK]] as const) {
		await page.setViewportSize(viewport);
		await focus.evaluate((element) => element.scrollIntoView({ block: 'center' }));
		await page.screenshot({ path: resolve(ARTIFACTS, `${name}-${size}.png`) });
	}
	await page.setViewportSize(PHONE);
}

/** Nothing on the page scrolls sideways at the given widths (narrow phone, phone and Chromebook unless said). */
async function expectNoSidewaysScroll(page: Page, viewports = [NARROW, PHONE, CHROMEBOOK]): Promise<void> {
	for (const viewport of viewports) {
		await page.setViewportSize(viewport);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, `sideways scroll at ${viewport.width} px`).toBeLessThanOrEqual(0);
	}
	await page.setViewportSize(PHONE);
}

test('a requester attaches a photo offline; it shows in the timeline, syncs, and the technician sees it and answers with one', async ({ browser }) => {
	const phone = await newDevice(browser);
	const page = await phone.newPage();
	await signIn(page, 'lgarcia');
	await waitForOfflineShell(page);
	const png = await screenPng(page);

	await phone.setOffline(true);
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	const title = `Laptop shows an access error ${Date.now()}`;
	await page.getByLabel('What is the problem?').fill(`${title}\nThe photo shows the message.`);
	await page.getByLabel('Room').fill('12');
	// A file that is not a picture is refused on the device, in words, before anything is saved.
	const html = Buffer.from('<html><script>fetch("/db/helpdesk/_all_docs")</script></html>');
	await page.getByLabel('Add a photo or screenshot').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: html });
	await expect(page.getByRole('alert')).toHaveText('This file is not a picture this device can open. Take a photo, or choose a PNG, JPEG or WebP image.');
	await page.getByLabel('Add a photo or screenshot').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByText(/Photo ready to attach \(\d+ KB\)/)).toBeVisible();
	await expect(page.getByRole('img', { name: 'Ready to attach' })).toBeVisible();
	await expectNoSidewaysScroll(page);
	await screenshotsOf(page, 'photo-filing-form', page.getByRole('img', { name: 'Ready to attach' }));

	await page.getByRole('button', { name: 'Save ticket' }).click();
	const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
	await expect(page.getByText('It is on this device and will be sent when you are back online.')).toBeVisible();
	const mine = page.locator('.timeline').getByRole('img', { name: 'Attached by Linda Garcia' });
	await expect(mine).toBeVisible();
	// Made smaller on the device: the long side is 1600 px, not 2400.
	await expect.poll(() => loadedPhotoWidths(page)).toEqual([1600]);
	await expectNoSidewaysScroll(page);
	await screenshotsOf(page, 'photo-timeline-offline', mine);

	await phone.setOffline(false);
	await expect(page.getByTestId('pending')).toHaveText('All changes synced');

	const techDevice = await newDevice(browser);
	const tech = await techDevice.newPage();
	await signIn(tech, 'spatel');
	await tech.getByRole('link', { name: new RegExp(title) }).click();
	await expect(tech.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(tech.locator('.timeline').getByRole('img', { name: 'Attached by Linda Garcia' })).toBeVisible();
	await expect.poll(() => loadedPhotoWidths(tech)).toEqual([1600]);

	// The technician answers with a photo of their own, through the note form.
	await tech.getByLabel('Note', { exact: true }).fill('Reset the permissions on the shared folder; see the photo of the settings.');
	await tech.getByLabel('Add a photo or screenshot').setInputFiles({ name: 'settings.png', mimeType: 'image/png', buffer: png });
	await expect(tech.getByText(/Photo ready to attach/)).toBeVisible();
	await tech.getByRole('button', { name: 'Add note' }).click();
	await expect(tech.locator('.timeline').getByRole('img', { name: 'Attached by Sam Patel' })).toBeVisible();
	await expect(tech.getByRole('img', { name: 'Ready to attach' })).toHaveCount(0);
	// At 320 px the technician's assign and escalate forms are still wider than the page: issue 11's layout work.
	await expectNoSidewaysScroll(tech, [PHONE, CHROMEBOOK]);
	await screenshotsOf(tech, 'photo-timeline-technician', tech.locator('.timeline').getByRole('img', { name: 'Attached by Sam Patel' }));

	// The requester's device receives the technician's photo, under the note it belongs to.
	const note = page.locator('.timeline li', { hasText: 'Reset the permissions on the shared folder' });
	await expect(note.getByRole('img', { name: 'Attached by Sam Patel' })).toBeVisible({ timeout: 30_000 });
	await expect.poll(() => loadedPhotoWidths(page)).toEqual([1600, 1600]);
	expect(number).toMatch(/^[2-9A-HJKMNP-Z]{3}-/);
	await phone.close();
	await techDevice.close();
});

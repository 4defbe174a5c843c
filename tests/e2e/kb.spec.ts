import type { Page } from '@playwright/test';
import type { KbArticle } from '../../core/schemas';
import { expect, gatewayGet, gatewayPut, newDevice, screenshots, signIn, test, waitForOfflineShell } from './fixtures';

const HOSTILE = ['<script>window.__pwned=1</script>', '<img src=x onerror=alert(1)>', '[click](javascript:alert(2))', '[x](JaVaScRiPt:alert(3))'];

/** Collects every dialog the page opens; a script injected through an article would open one. */
function recordDialogs(page: Page): string[] {
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	return dialogs;
}

/** Checks that nothing written in an article ran or became a live element. */
async function expectNothingRan(page: Page, dialogs: string[]): Promise<void> {
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	const scriptLinks = await page.evaluate(() => [...document.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length);
	expect(scriptLinks).toBe(0);
	expect(dialogs).toEqual([]);
}

test('a coordinator writes a Markdown help article offline, hostile text stays text, and a requester reads it on another device', async ({
	browser
}) => {
	const stamp = Date.now();
	const title = `Replacing printer toner ${stamp}`;
	const body = [
		'## Before you start',
		'',
		'You need a **new toner cartridge** from the office.',
		'',
		'### Steps',
		'',
		'- Open the front door',
		'- Pull the old cartridge out',
		'',
		'The part number is on [the supplier page](https://example.org/toner).',
		'',
		...HOSTILE.flatMap((line) => [line, ''])
	].join('\n');

	const coordinatorDevice = await newDevice(browser);
	const page = await coordinatorDevice.newPage();
	const dialogs = recordDialogs(page);
	await signIn(page, 'mrivera');
	await waitForOfflineShell(page);
	await page.getByRole('link', { name: 'Help articles' }).click();

	// Keyboard only: from the search box back to the button at the top, with a visible focus ring.
	await page.getByLabel('Search help articles').focus();
	await page.keyboard.press('Shift+Tab');
	const write = page.getByRole('link', { name: 'Write an article' });
	await expect(write).toBeFocused();
	expect(await write.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Write a help article' })).toBeVisible();

	// Refusals speak plainly and put the cursor where the fix goes.
	await page.getByRole('button', { name: 'Save article' }).click();
	await expect(page.getByText('Give the article a title.')).toBeVisible();
	await expect(page.getByText('Write the text of the article.')).toBeVisible();
	await expect(page.getByLabel('Title')).toBeFocused();

	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Tags').fill('printer, toner');
	const text = page.getByLabel('Text', { exact: true });
	await text.fill('The copier account is user: copier password: Toner#2024');
	await page.getByRole('button', { name: 'Save article' }).click();
	await expect(page.locator('#kb-body-secrets mark').first()).toBeVisible();
	await expect(page.getByText('Nothing was saved: remove the password marked above first.')).toBeVisible();
	await expect(text).toBeFocused();
	await expect(page).toHaveURL(/\/kb\/new$/);

	await text.fill(body);
	await expect(page.locator('#kb-body-secrets')).toHaveCount(0);
	const preview = page.getByTestId('kb-preview');
	// The preview's headings sit under its own "Preview" heading.
	await expect(preview.getByRole('heading', { level: 3, name: 'Before you start' })).toBeVisible();
	await expect(preview).toContainText(HOSTILE[0]);
	await expectNothingRan(page, dialogs);
	await preview.scrollIntoViewIfNeeded();
	await screenshots(page, 'kb-editor');

	await coordinatorDevice.setOffline(true);
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Save article' }).click();
	await expect(page).toHaveURL(/\/kb\/replacing-printer-toner-\d+-[a-z0-9]{6}\?saved=1$/);
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText('It is on this device and will be sent when you are back online.');

	const article = page.locator('article');
	const rendered = article.locator('.markdown');
	await expect(article.getByRole('heading', { level: 1 })).toHaveText(title);
	// "##" is the text's top level, so it sits right under the title; "###" one below.
	await expect(rendered.getByRole('heading', { level: 2, name: 'Before you start' })).toBeVisible();
	await expect(rendered.getByRole('heading', { level: 3, name: 'Steps' })).toBeVisible();
	await expect(rendered.getByRole('listitem')).toHaveText(['Open the front door', 'Pull the old cartridge out']);
	await expect(rendered.locator('strong')).toHaveText('new toner cartridge');
	const supplier = rendered.getByRole('link', { name: 'the supplier page' });
	await expect(supplier).toHaveAttribute('href', 'https://example.org/toner');
	await expect(supplier).toHaveAttribute('rel', 'noopener noreferrer');
	await expect(rendered.getByRole('link')).toHaveCount(1);
	for (const line of HOSTILE) await expect(rendered).toContainText(line);
	await expect(article.getByRole('list', { name: 'Tags' })).toHaveText(/printer\s*toner/);
	await expect(article).toContainText('by Marisol Rivera');
	await expect(page.getByRole('link', { name: 'Edit' })).toBeVisible();
	await expectNothingRan(page, dialogs);
	await screenshots(page, 'kb-article');

	await coordinatorDevice.setOffline(false);
	await expect(page.getByTestId('pending')).toHaveText('All changes synced', { timeout: 30_000 });
	const slug = new URL(page.url()).pathname.split('/').pop() ?? '';
	await expect.poll(() => gatewayGet<{ title: string }>('lgarcia', `kb:${slug}`).then((doc) => doc.title, () => null)).toBe(title);

	// An edit keeps the article's address and shows the new text at once.
	const addition = 'If the print still streaks, call the helpdesk.';
	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByRole('heading', { name: 'Edit help article' })).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);
	await expect(page.getByLabel('Tags')).toHaveValue('printer, toner');
	await text.fill(`${body}\n\n${addition}`);
	await page.getByRole('button', { name: 'Save article' }).click();
	await expect(page).toHaveURL(`/kb/${slug}?saved=1`);
	await expect(rendered).toContainText(addition);
	await expect(page.getByTestId('pending')).toHaveText('All changes synced', { timeout: 30_000 });

	await page.getByRole('link', { name: '← All help articles' }).click();
	await expect(page.getByRole('link', { name: new RegExp(title) })).toBeVisible();
	await screenshots(page, 'kb-list');

	const requesterDevice = await newDevice(browser);
	const reader = await requesterDevice.newPage();
	const readerDialogs = recordDialogs(reader);
	await signIn(reader, 'lgarcia');
	await reader.getByRole('link', { name: 'Help articles' }).click();
	await expect(reader.getByRole('heading', { level: 1, name: 'Help articles' })).toBeVisible();
	await expect(reader.getByRole('link', { name: 'Write an article' })).toHaveCount(0);
	await reader.getByLabel('Search help articles').fill(`toner ${stamp}`);
	const found = reader.getByRole('link', { name: new RegExp(title) });
	await expect(found).toBeVisible();
	await found.click();
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(reader.locator('.markdown strong')).toHaveText('new toner cartridge');
	await expect(reader.locator('.markdown')).toContainText(HOSTILE[2]);
	await expect(reader.locator('.markdown')).toContainText(addition);
	await expect(reader.getByRole('link', { name: 'Edit' })).toHaveCount(0);
	await expectNothingRan(reader, readerDialogs);

	for (const path of ['/kb/new', `/kb/${slug}/edit`]) {
		await reader.goto(path);
		await expect(reader.getByRole('heading', { name: 'You cannot edit help articles' })).toBeVisible();
		await expect(reader.getByText('Only coordinators and administrators write and edit help articles.')).toBeVisible();
		await expect(reader.getByLabel('Text', { exact: true })).toHaveCount(0);
	}
	await coordinatorDevice.close();
	await requesterDevice.close();
});

test('saving over an article someone changed meanwhile is said first, and a second Save replaces it', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'mrivera');
	await page.goto('/kb/wifi-keeps-dropping/edit');
	await expect(page.getByLabel('Title')).toHaveValue('Wi-Fi keeps dropping');

	// The administrator edits the same article from another device.
	const stored = await gatewayGet<KbArticle>('admin', 'kb:wifi-keeps-dropping');
	await gatewayPut('admin', { ...stored, author: 'admin', body: `${stored.body}\n\nThe guest network is **Lakeside-Guest**.`, updatedAt: new Date().toISOString() });
	// A second tab on the same device shows it once the device holds the new version.
	const other = await device.newPage();
	await other.goto('/kb/wifi-keeps-dropping');
	await expect(other.getByText('Lakeside-Guest')).toBeVisible();
	await other.close();

	await page.getByLabel('Title').fill('Wi-Fi keeps dropping in classrooms');
	await page.getByRole('button', { name: 'Save article' }).click();
	await expect(page.getByText(/This article was changed by .+ while you edited it/)).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue('Wi-Fi keeps dropping in classrooms');
	await page.getByRole('button', { name: 'Save article' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Wi-Fi keeps dropping in classrooms' })).toBeVisible();
	await device.close();
});

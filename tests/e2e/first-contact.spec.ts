import type { Page } from '@playwright/test';
import type { Ticket } from '../../core/schemas';
import { expect, gatewayGet, screenshots, signIn, test } from './fixtures';

/** The dashboard's first-contact figures for the signed-in person: resolved on the call, of the calls that became tickets. */
async function firstContact(page: Page): Promise<{ resolved: number; calls: number }> {
	await page.goto('/dashboard');
	const text = (await page.getByTestId('first-contact').textContent()) ?? '';
	const match = /(\d+) of (\d+) calls that became tickets/.exec(text);
	return match ? { resolved: Number(match[1]), calls: Number(match[2]) } : { resolved: 0, calls: 0 };
}

test('a technician logs a call resolved while the caller was on the line, and the dashboard counts it', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'spatel');
	const before = await firstContact(page);

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill('Printer in the front office jams on every page');
	await page.getByLabel('I am logging a phone call').check();
	await expect(page.getByText('I am filing this on behalf of a co-worker')).toBeHidden();
	await page.getByLabel('Their username').fill('lgarcia');
	await page.getByLabel('Their username').press('Tab');
	await expect(page.getByLabel('Their name'), 'the directory fills in the caller’s name').toHaveValue('Linda Garcia');
	await page.getByLabel('Resolved on this call').check();
	await page.getByRole('button', { name: 'Save ticket' }).click();
	await expect(page.getByText('Say what fixed it, in a few words: the next technician reads it.')).toBeVisible();
	await page.getByLabel('What fixed it?').fill('Walked her through clearing tray 2 and reseating the drum.');
	await page.getByLabel('Minutes on the call').fill('6');
	await screenshots(page, 'new-resolved-on-call');
	await page.getByRole('button', { name: 'Save ticket' }).click();
	const number = (await page.getByTestId('ticket-number').textContent({ timeout: 10_000 })) ?? '';

	await expect.poll(async () => (await gatewayGet<Ticket>('spatel', `ticket:${number}`).catch(() => null))?.status ?? 'not yet', { timeout: 30_000 }).toBe('resolved');
	const stored = await gatewayGet<Ticket>('spatel', `ticket:${number}`);
	expect(stored).toMatchObject({ source: 'phone', requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'spatel' });
	expect(stored.history.at(-1)).toMatchObject({ kind: 'note', interaction: { type: 'phone-call', minutes: 6 } });

	expect(await firstContact(page)).toEqual({ resolved: before.resolved + 1, calls: before.calls + 1 });
	await context.close();
});

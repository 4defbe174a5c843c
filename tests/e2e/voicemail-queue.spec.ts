import { axeFindingsHere } from './axe';
import type { Page } from '@playwright/test';
import type { Ticket } from '../../core/schemas';
import type { VoicemailDoc } from '../../core/telephony/docs';
import { type RunningServer, startServerOn } from '../support/server';
import { fileVoicemails } from '../support/voicemail-store';
import { CHROMEBOOK, expect, PASSWORD, PHONE, screenshots, signIn, test, waitForOfflineShell } from './fixtures';

let server: RunningServer;
let numbers: string[];
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

// Its own server on a CouchDB-protocol store, so the test can file voicemails into the server's store as the phone line does.
test.beforeAll(async () => {
	server = await startServerOn(true, { DEMO: '1' });
	numbers = await fileVoicemails(server.env.STORE_URL, [
		{
			seq: 1,
			from: '+13035550142',
			caller: { username: 'lgarcia', name: 'Linda Garcia', buildings: ['lincoln-es'] },
			recordedAt: minutesAgo(180),
			transcript: { state: 'done', text: 'Hi, this is Linda at Maple Grove Elementary, room 12. The printer is jammed again. Please call me back.' }
		},
		{ seq: 2, from: '+17205550199', caller: null, recordedAt: minutesAgo(120), transcript: { state: 'waiting', text: null } },
		{ seq: 3, from: '+19705550177', caller: null, recordedAt: minutesAgo(60), transcript: { state: 'none', text: null } },
		{
			seq: 4,
			from: '+13035550142',
			caller: { username: 'lgarcia', name: 'Linda Garcia', buildings: ['lincoln-es'] },
			recordedAt: minutesAgo(30),
			transcript: { state: 'done', text: 'Linda again, the printer at Maple Grove still does not print.' }
		}
	]);
});

test.afterAll(async () => {
	await server?.dispose();
});

/** Reads a document through the gateway as the coordinator, as another of their devices would. */
async function gatewayGet<T>(id: string): Promise<T> {
	const response = await fetch(`${server.url}/db/helpdesk/${encodeURIComponent(id)}`, {
		headers: { authorization: `Basic ${Buffer.from(`mrivera:${PASSWORD}`).toString('base64')}` }
	});
	expect(response.status, id).toBe(200);
	return (await response.json()) as T;
}

const focusedItem = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('a coordinator works through the voicemail queue from the keyboard, offline, audio playing from the device', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: server.url, viewport: PHONE });
	const page = await context.newPage();
	await signIn(page, 'mrivera');
	await waitForOfflineShell(page);
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Voicemail 4 waiting' })).toBeVisible();
	await nav.getByRole('link', { name: /Voicemail/ }).click();

	const items = page.getByTestId('voicemail-item');
	await expect(items).toHaveCount(4);
	await expect(page.getByTestId('voicemail-summary')).toHaveText('4 voicemails to distribute, oldest first.');
	await expect(page.getByTestId('shortcuts')).toContainText('j/↓ next');
	const first = items.nth(0);
	await expect(first.getByRole('heading')).toHaveText('Linda Garcia · Lincoln Elementary School');
	await expect(first.getByTestId('transcript')).toContainText('The printer is jammed again.');
	await expect(first.getByTestId('suggestion')).toContainText('Maple Grove Elementary School');
	await expect(first.getByTestId('suggestion')).toContainText('Service Request - Hardware / Software Break Fix');
	await expect(first.getByTestId('sla-badge')).toBeVisible();
	await expect(items.nth(1).getByRole('heading')).toHaveText('(720) 555-0199');
	await expect(items.nth(1).getByTestId('transcript')).toHaveText('Transcript on its way.');
	await expect(items.nth(2).getByTestId('transcript')).toHaveText('No transcript: listen to the recording.');
	await expect(page.getByTestId('voicemail-audio')).toHaveCount(4);
	expect(await axeFindingsHere(page)).toEqual([]);
	await page.setViewportSize(CHROMEBOOK);
	expect(await axeFindingsHere(page)).toEqual([]);
	await screenshots(page, 'voicemail-queue');
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= 390)).toBe(true);

	// Offline from here: the page comes from the service worker, the queue and its audio from the device's database.
	await context.setOffline(true);
	await page.reload();
	await expect(items).toHaveCount(4);
	// A letter typed outside the list is not a shortcut (WCAG 2.1.4): nothing opens.
	await page.getByTestId('voicemail-summary').focus();
	await page.keyboard.press('d');
	await expect(page.getByTestId('duplicate-panel')).toHaveCount(0);
	await first.focus();
	await page.keyboard.press('p');
	await page.waitForFunction(() => {
		const audio = document.querySelector<HTMLAudioElement>('[data-testid="voicemail-item"] audio');
		return !!audio && audio.src.startsWith('blob:') && audio.currentTime > 0.2 && audio.duration > 1.4;
	});

	await page.keyboard.press('j');
	expect(await focusedItem(page)).toBe(`vm-${numbers[1]}`);
	await page.keyboard.press('ArrowDown');
	expect(await focusedItem(page)).toBe(`vm-${numbers[2]}`);
	await page.keyboard.press('k');
	await page.keyboard.press('ArrowUp');
	expect(await focusedItem(page)).toBe(`vm-${numbers[0]}`);

	// Enter distributes: the form opens with the transcript's suggestions and the building's technician.
	await page.keyboard.press('Enter');
	const panel = page.getByTestId('distribute-panel');
	await expect(panel.getByLabel('Technician')).toBeFocused();
	await expect(panel.getByLabel('Building')).toHaveValue('maple-grove-es');
	await expect(panel.getByLabel('Technician')).toHaveValue('aokoro');
	await expect(panel.getByLabel('Category')).toHaveValue('break-fix');
	await screenshots(page, 'voicemail-distribute');
	await panel.getByLabel('Priority').selectOption('3');
	await panel.getByLabel('Priority').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('voicemail-done')).toHaveText(`${numbers[0]} distributed to Adaeze Okoro.`);
	await expect(items).toHaveCount(3);
	await expect.poll(() => focusedItem(page)).toBe(`vm-${numbers[1]}`);

	// s closes the next-but-one as spam; the focus moves on to the next voicemail.
	await page.keyboard.press('j');
	await page.keyboard.press('s');
	await expect(page.getByLabel('Why is it spam?')).toBeFocused();
	await page.keyboard.type('a sales call');
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('voicemail-done')).toHaveText(`${numbers[2]} closed as spam.`);
	await expect.poll(() => focusedItem(page)).toBe(`vm-${numbers[3]}`);

	// d marks Linda's second message a duplicate of her first ticket.
	await page.keyboard.press('d');
	await expect(page.getByLabel('Duplicate of ticket')).toBeFocused();
	await page.keyboard.type(numbers[0]);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('voicemail-done')).toHaveText(`${numbers[3]} closed as a duplicate of ${numbers[0]}; its voicemail moved there.`);
	await expect(items).toHaveCount(1);
	await expect.poll(() => focusedItem(page)).toBe(`vm-${numbers[1]}`);
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Voicemail 1 waiting' })).toBeVisible();

	// Back online, the changes reach the server, which accepts each of them.
	await context.setOffline(false);
	await expect(page.getByText('All changes synced')).toBeAttached({ timeout: 30_000 });
	await expect.poll(async () => (await gatewayGet<Ticket>(`ticket:${numbers[0]}`)).assignee, { timeout: 30_000 }).toBe('aokoro');
	const distributed = await gatewayGet<Ticket>(`ticket:${numbers[0]}`);
	expect(distributed).toMatchObject({ status: 'assigned', building: 'maple-grove-es', category: 'break-fix', priority: 3 });
	await expect.poll(async () => (await gatewayGet<Ticket>(`ticket:${numbers[0]}`)).history.some((e) => e.kind === 'note' && e.text.includes('still does not print'))).toBe(true);
	await expect.poll(async () => (await gatewayGet<Ticket>(`ticket:${numbers[2]}`)).status).toBe('closed');
	expect((await gatewayGet<Ticket>(`ticket:${numbers[2]}`)).history.at(-1)).toMatchObject({ kind: 'note', text: 'Spam (a sales call): closed from the voicemail queue.' });
	await expect.poll(async () => (await gatewayGet<Ticket>(`ticket:${numbers[3]}`)).status).toBe('closed');
	const movedId = `voicemail:RE${'4'.padStart(32, '0')}`;
	await expect.poll(async () => (await gatewayGet<VoicemailDoc>(movedId)).ticket).toBe(numbers[0]);
	const moved = await gatewayGet<VoicemailDoc>(movedId);
	expect(moved.filedAs).toBe(numbers[3]);
	expect(Object.keys(moved._attachments ?? {})).toEqual(['audio.wav']);
	expect(await page.getByText(/refused|not saved/i).count()).toBe(0);

	// The distributed ticket plays both recordings: its own and the duplicate's, which moved to it.
	await page.goto(`/tickets/${numbers[0]}`);
	await expect(page.getByTestId('voicemail-audio')).toHaveCount(2);

	// The dashboard counts the four calls, all voicemails: none became a ticket resolved on the call.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
	const calls = page.getByTestId('phone-calls');
	await expect(calls).toContainText('4 calls to the line');
	// Summed over the rows: the four calls fall in one week unless the test runs in the first hours of a Monday.
	const column = async (n: number) => (await calls.locator(`tbody tr td:nth-of-type(${n})`).allTextContents()).reduce((sum, t) => sum + Number(t), 0);
	expect([await column(1), await column(2), await column(3), await column(4)]).toEqual([4, 0, 4, 0]);
	await expect(page.getByTestId('first-contact')).toContainText('0 of');
	await calls.evaluate((section) => section.scrollIntoView());
	await screenshots(page, 'dashboard-phone-calls');
	await page.setViewportSize({ width: 320, height: 640 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
	await context.close();
});

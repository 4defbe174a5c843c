/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { HistoryEntry, Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { expect, gatewayFileTicket, gatewayGet, gatewayPut, newDevice, screenshots, signIn, test, waitForOfflineShell } from './fixtures';

type Seen = { hrefs: string[]; rowsBeforeCounts: boolean | null; rowsBeforeDatabase: boolean | null; databaseOpened: boolean; firstRowsAt: number | null };

/** The ids in the device's copy of the first screen (null when there is none). */
const copiedIds = (page: Page) =>
	page.evaluate(() => (JSON.parse(localStorage.getItem('hd:first-screen') ?? 'null') as { rows: { _id: string }[] } | null)?.rows.map((r) => r._id) ?? null);

/** Records every ticket row ever rendered in a page, and whether the first rows came before the queue counts. */
function watchRows() {
	const seen: Seen = { hrefs: [], rowsBeforeCounts: null, rowsBeforeDatabase: null, databaseOpened: false, firstRowsAt: null };
	(window as unknown as { __rows: Seen }).__rows = seen;
	// Whether the page had opened any IndexedDB database (PouchDB's) when its first rows showed.
	const open = indexedDB.open.bind(indexedDB);
	indexedDB.open = (...args: Parameters<IDBFactory['open']>) => ((seen.databaseOpened = true), open(...args));
	new MutationObserver(() => {
		const links = [...document.querySelectorAll('ul.tickets a')];
		for (const a of links) seen.hrefs.push(a.getAttribute('href') ?? '');
		if (links.length && seen.rowsBeforeCounts === null) {
			seen.rowsBeforeCounts = !document.querySelector('nav[aria-label="Queues"] .count');
			seen.rowsBeforeDatabase = !seen.databaseOpened;
			seen.firstRowsAt = performance.now();
		}
	}).observe(document, { subtree: true, childList: true, characterData: true });
}

test('a cold start offline shows the copied first rows before the whole queue, and never a ticket a sync took off the device', async ({ browser }) => {
	const title = `Smartboard pen not writing in room 7 ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'spatel');
	await waitForOfflineShell(page);
	await page.goto('/?queue=buildings');
	const row = page.getByRole('link', { name: new RegExp(title) });
	await expect(row).toBeVisible();

	// The home page copies what its first screen shows, this ticket among them.
	await expect.poll(() => copiedIds(page), { timeout: 15_000 }).toContain(`ticket:${number}`);

	// A coordinator moves the ticket to another school: the sync takes it off this technician's device. The copy was
	// dropped before the sync wrote (web/lib/first-screen.ts guardFirstScreen), then saved again without it.
	const stored = await gatewayGet<Ticket>('mrivera', `ticket:${number}`);
	const move: HistoryEntry = { id: `move-${number}`, by: 'mrivera', at: new Date().toISOString(), kind: 'set', changes: { building: 'jefferson-es', assignee: 'kbrennan' } };
	await gatewayPut('mrivera', appendEntries(stored, [move]));
	await expect(row).toHaveCount(0, { timeout: 15_000 });
	await expect.poll(() => copiedIds(page), { timeout: 15_000 }).not.toBeNull();
	expect(await copiedIds(page)).not.toContain(`ticket:${number}`);
	await page.close();
	await device.setOffline(true);

	await device.addInitScript(watchRows);
	const cold = await device.newPage();
	await cold.goto('/?queue=buildings');
	await expect(cold.locator('ul.tickets a').first()).toBeVisible();
	await expect(cold.locator('nav[aria-label="Queues"] a[aria-current="page"] .count')).toBeVisible();
	const seen = await cold.evaluate(() => (window as unknown as { __rows: Seen }).__rows);
	// The first rows came from the copy, before the database was even opened, let alone read whole and counted.
	expect(seen.rowsBeforeCounts).toBe(true);
	expect(seen.rowsBeforeDatabase).toBe(true);
	expect(seen.hrefs.length).toBeGreaterThan(0);
	expect(seen.hrefs.filter((href) => href.includes(number))).toEqual([]);
	// The app's scripts came from the precache by the browser's own static route, not through the worker's fetch handler,
	// and few of them before the first rows: the shell (SvelteKit, the layout and the home page) is two scripts. PouchDB
	// and the SLA engine load after those rows.
	const scripts = await cold.evaluate(() =>
		(performance.getEntriesByType('resource') as (PerformanceResourceTiming & { workerMatchedSourceType?: string })[])
			.filter((r) => new URL(r.name).pathname.startsWith('/_app/immutable/') && r.name.endsWith('.js'))
			.map((r) => ({ path: new URL(r.name).pathname, source: r.workerMatchedSourceType, at: r.startTime }))
	);
	expect(scripts.length).toBeGreaterThan(0);
	expect(scripts.filter((s) => s.source !== 'cache')).toEqual([]);
	expect(seen.firstRowsAt).not.toBeNull();
	const beforeRows = scripts.filter((s) => s.at <= (seen.firstRowsAt ?? 0));
	expect(beforeRows.filter((s) => s.path.includes('/chunks/')).length).toBeLessThanOrEqual(4);
	await screenshots(cold, 'cold-start-offline-queue');
	await cold.close();

	// A device closed between a write and the copy's next save has no copy: the ids remembered in the database give the
	// first rows, still before the whole read, and still never the ticket the sync took off.
	const probe = await device.newPage();
	await probe.goto('/favicon.png');
	await probe.evaluate(() => localStorage.removeItem('hd:first-screen'));
	await probe.close();
	const fallback = await device.newPage();
	await fallback.goto('/?queue=buildings');
	await expect(fallback.locator('nav[aria-label="Queues"] a[aria-current="page"] .count')).toBeVisible();
	const again = await fallback.evaluate(() => (window as unknown as { __rows: Seen }).__rows);
	expect(again.rowsBeforeCounts).toBe(true);
	expect(again.rowsBeforeDatabase).toBe(false);
	expect(again.hrefs.length).toBeGreaterThan(0);
	expect(again.hrefs.filter((href) => href.includes(number))).toEqual([]);
	await device.close();
});

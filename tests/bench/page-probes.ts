/// <reference lib="dom" />
/** What tests/bench/pwa.ts looks at inside the browser: frame marks, long tasks, the local store, service workers. */
import type { Page } from '@playwright/test';

export interface Marks {
	/** performance.now() of the click on the sign-in button. */
	click?: number;
	/** The others: end of the first rendered frame with a row in ul.tickets, */
	firstRow?: number;
	/** with rows shown and every expected ticket counted in the open queue (the list shows 200 at a time), */
	allRows?: number;
	/** with "Last synced" in the sync line, */
	synced?: number;
	/** with both of the last two, */
	usable?: number;
	/** or, in an image document, with its image. */
	image?: number;
	/** Main-thread tasks over 50 ms so far: how many, their total and the longest (ms). */
	longTasks: { count: number; total: number; longest: number };
}

/**
 * Runs in every document of the app's context from its first script on. Once a frame it looks at the page, and when
 * something first shows it notes the time right after that frame's rendering (a message posted from the frame
 * callback runs only after style, layout and paint): the frame callback's own time comes before a long layout.
 */
export function watchPage(expected: number) {
	const marks: Marks = { longTasks: { count: 0, total: 0, longest: 0 } };
	(window as unknown as { __bench: Marks }).__bench = marks;
	new PerformanceObserver((list) => {
		for (const { duration } of list.getEntries()) {
			marks.longTasks.count++;
			marks.longTasks.total += duration;
			marks.longTasks.longest = Math.max(marks.longTasks.longest, duration);
		}
	}).observe({ type: 'longtask', buffered: true });
	document.addEventListener('click', (e) => (e.target as Element | null)?.closest?.('button[type=submit]') && (marks.click ??= performance.now()), true);
	type Mark = 'firstRow' | 'allRows' | 'synced' | 'usable' | 'image';
	const seen = new Set<Mark>();
	const afterRendering = new MessageChannel();
	let noted: Mark[] = [];
	afterRendering.port1.onmessage = () => {
		const now = performance.now();
		for (const mark of noted) marks[mark] = now;
		noted = [];
	};
	const note = (mark: Mark, shown: boolean) => {
		if (!shown || seen.has(mark)) return;
		seen.add(mark);
		noted.push(mark);
		afterRendering.port2.postMessage(null);
	};
	const frame = () => {
		const rows = document.querySelector('ul.tickets')?.childElementCount ?? 0;
		const queued = Number(document.querySelector('nav[aria-label="Queues"] a[aria-current="page"] .count')?.textContent ?? 0);
		const synced = !!document.querySelector('[aria-label="Sync status"]')?.textContent?.includes('Last synced');
		const image = document.contentType.startsWith('image/') ? document.images[0] : undefined;
		note('firstRow', rows > 0);
		note('allRows', rows > 0 && queued >= expected);
		note('synced', synced);
		note('usable', rows > 0 && queued >= expected && synced);
		note('image', !!image?.complete && image.naturalWidth > 0);
		if (!seen.has('usable') && !seen.has('image')) requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
}

export const marksOf = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Marks }).__bench);

/** The number of tickets the open work queue counts (its chip), which the list shows a page at a time. */
export const queuedCount = (page: Page) =>
	page.locator('nav[aria-label="Queues"] a[aria-current="page"] .count').textContent().then((text) => Number(text ?? 0));

/** Tickets in a device's local database, read straight from PouchDB's IndexedDB store. */
export function localTicketCount(page: Page, username: string): Promise<number> {
	return page.evaluate(
		(name) =>
			new Promise<number>((done, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const count = open.result.transaction('document-store').objectStore('document-store').count(IDBKeyRange.bound('ticket:', 'ticket:\uffff'));
					count.onsuccess = () => {
						open.result.close();
						done(count.result);
					};
					count.onerror = () => fail(count.error);
				};
			}),
		`_pouch_helpdesk-${username}`
	);
}

/** Stops every service worker of the page's browser context, so that the page's next navigation starts one. */
export async function stopServiceWorkers(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const status = new Map<string, string>();
	let changed = () => {};
	cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
		for (const v of versions) status.set(v.versionId, v.runningStatus);
		changed();
	});
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.stopAllWorkers');
	const stopped = () => status.size > 0 && [...status.values()].every((s) => s === 'stopped');
	let timer: ReturnType<typeof setTimeout> | undefined;
	await new Promise<void>((done) => {
		timer = setTimeout(done, 5000);
		changed = () => stopped() && done();
		changed();
	});
	clearTimeout(timer);
	if (!stopped()) throw new Error(`the service worker did not stop: ${JSON.stringify([...status])}`);
	await cdp.detach();
}

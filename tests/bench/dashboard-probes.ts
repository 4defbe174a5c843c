/// <reference lib="dom" />
/** What tests/bench/dashboard.ts looks at inside the browser: when the dashboard's counts, the whole dashboard and the all-tickets list show. */
import type { Page } from '@playwright/test';
import { ticketCountWords } from '../../web/lib/ticket-count-words';

/** How the all-tickets summary begins when it shows all `expected` tickets on the device, in the app's own words. */
export const listCountWords = (expected: number) => ticketCountWords(expected, expected, null).split(',')[0]!;

export interface DashboardMarks {
	/** performance.now() of the last click on a link of the main navigation; 0 (the navigation's start) for a page load. */
	start: number;
	/** The end of the first rendered frame with the dashboard's counts, every expected ticket counted, */
	counts?: number;
	/** with every section of the dashboard drawn (the counts, the breach list, the tables, both charts, the report), */
	full?: number;
	/** or with the all-tickets list's rows and its summary counting every expected ticket. */
	list?: number;
	/** Main-thread tasks over 50 ms since `start`: how many, their total and the longest (ms). */
	longTasks: { count: number; total: number; longest: number };
}

/** The dashboard's sections, each by a test id, that the full page shows. */
export const FULL_DASHBOARD = ['count-total', 'by-building-table', 'by-technician-table', 'by-category-table', 'times-table', 'attainment-table', 'ageing-table', 'uncategorized'];

/**
 * Runs in every document of the context from its first script on. Once a frame it looks at the page, and when
 * something first shows it notes the time right after that frame's rendering (a message posted from the frame callback
 * runs only after style, layout and paint). A click on a main navigation link starts the watch over. `listCount` is
 * how the all-tickets summary begins once it counts every expected ticket (listCountWords).
 */
export function watchDashboard(expected: number, full: readonly string[], listCount: string) {
	if (document.contentType.startsWith('image/')) return;
	const fresh = (start: number): DashboardMarks => ({ start, longTasks: { count: 0, total: 0, longest: 0 } });
	let marks = fresh(0);
	(window as unknown as { __dash: () => DashboardMarks }).__dash = () => marks;
	new PerformanceObserver((list) => {
		for (const task of list.getEntries()) {
			if (task.startTime + task.duration < marks.start) continue;
			marks.longTasks.count++;
			marks.longTasks.total += task.duration;
			marks.longTasks.longest = Math.max(marks.longTasks.longest, task.duration);
		}
	}).observe({ type: 'longtask', buffered: true });
	type Mark = 'counts' | 'full' | 'list';
	let seen = new Set<Mark>();
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
	const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
	let watching = false;
	const frame = () => {
		const counts = text('count-total').startsWith(`${expected} open tickets`);
		note('counts', counts);
		note('full', counts && full.every((id) => document.querySelector(`[data-testid="${id}"]`) !== null) && !!document.querySelector('#report-heading'));
		note('list', text('ticket-count').startsWith(listCount) && (document.querySelector('ul.tickets')?.childElementCount ?? 0) > 0);
		watching = !(seen.has('full') || seen.has('list'));
		if (watching) requestAnimationFrame(frame);
	};
	const watch = () => {
		if (!watching) requestAnimationFrame(frame);
		watching = true;
	};
	document.addEventListener(
		'click',
		(e) => {
			if (!(e.target as Element | null)?.closest?.('nav[aria-label="Main"] a')) return;
			marks = fresh(performance.now());
			seen = new Set();
			noted = [];
			watch();
		},
		true
	);
	watch();
}

/** The marks of the page's current watch. */
export const dashboardMarks = (page: Page) => page.evaluate(() => (window as unknown as { __dash: () => DashboardMarks }).__dash());

/// <reference lib="dom" />
/**
 * PWA benchmark in Debian's Chromium, each figure beside an anchor measured in the same run:
 *
 *   npx tsx tests/bench/pwa.ts     (also the second half of npm run bench; never part of npm test)
 *
 * Needs a build of the current code (npx vite build); it does not build by itself, and warns when web/ or core/
 * changed after build/index.html.
 *
 * A. A building technician's first sync of a 5,000-ticket scope (the server also holds 5,000 tickets of a building
 *    they do not cover), from the click on "Sign in" until the queue is usable: the first rendered frame that lists
 *    every in-scope ticket in ul.tickets with "Last synced" in the sync line (first row and sync end are timed too).
 *    Anchor: a bare PouchDB in a page of the same Chromium replicating the same 5,000 documents from the CouchDB
 *    stand-in (express-pouchdb, no auth) into IndexedDB, in the app's batch size.
 * B. Cold start offline: after that first sync, with the service worker in control, offline, the worker stopped,
 *    a new page at '/' until the first rendered frame with a queue row (then checked clickable). Anchor: the same for
 *    a small precached file (/favicon.png) opened as a document through the service worker.
 * C. Initial JavaScript, gzipped (zlib level 9), against the 150 KB budget: what index.html starts, and what the
 *    browser fetched before the sign-in form showed.
 *
 * Knobs (environment): BENCH_PWA_DOCS (5000 tickets per building), BENCH_PWA_RUNS_A (3), BENCH_PWA_RUNS_B (5),
 * BENCH_PWA_TIMEOUT_S (180: the longest wait for one first sync), BENCH_PWA_PROFILE_DIR (unset: when set, the page's
 * JavaScript CPU profile of A's first app run and of one of B's cold starts (BENCH_PWA_PROFILE_RUN) is saved there as .cpuprofile; profiling slows
 * the page, so figures of a profiled run are not comparable), BENCH_PWA_BUILD (build/: another web build to serve and
 * measure, e.g. main's, for runs paired with this one's), BENCH_PWA_TRACE (unset: a file to save a Chromium trace of one
 * of B's cold starts in, every process of the browser: open it in the Performance panel or read it as JSON),
 * BENCH_PWA_PROFILE_RUN (1: which of B's cold starts is profiled and traced; the first also writes Chromium's code
 * cache of the scripts, which no later one reads: see the README).
 * B also prints the page's CPU time (Chromium's ThreadTime: its main thread, and ProcessTime: the whole renderer) from the
 * navigation until the bench saw the first row: unlike the clocks, it hardly grows when other work loads the machine.
 * Servers, browser and their temp folders are removed at the end, even on failure.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import PouchDB from 'pouchdb';
import playwrightConfig from '../../playwright.config';
import { PASSWORD, provision } from '../support/district';
import { type CouchStandin, type RunningServer, startCouchStandin, startServer } from '../support/server';
import { checkBuild } from './build-check';
import { runBench } from './harness';
import { localTicketCount, type Marks, marksOf, queuedCount, stopServiceWorkers, watchPage } from './page-probes';
import { cpuSeconds } from './monday-processes';
import { gzipKb, gzipSizes, type ScriptSize, startScripts, withStaticImports } from './initial-js';
import { benchTickets } from './tickets';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = process.env.BENCH_PWA_BUILD ? resolve(process.env.BENCH_PWA_BUILD) : join(ROOT, 'build');
const POUCH_BUNDLE = join(ROOT, 'node_modules/pouchdb/dist/pouchdb.min.js');
const BUDGET_KB = 150;
const TECH = 'tech-n';
// The phone size the end-to-end tests use.
const DEVICE = { viewport: playwrightConfig.use?.viewport ?? null };

const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};
const PER_BUILDING = envNum('BENCH_PWA_DOCS', 5000);
const RUNS_A = envNum('BENCH_PWA_RUNS_A', 3);
const RUNS_B = envNum('BENCH_PWA_RUNS_B', 5);
const USABLE_TIMEOUT_MS = envNum('BENCH_PWA_TIMEOUT_S', 180) * 1000;
const PROFILE_DIR = process.env.BENCH_PWA_PROFILE_DIR;
const TRACE_FILE = process.env.BENCH_PWA_TRACE;
const PROFILE_RUN = envNum('BENCH_PWA_PROFILE_RUN', 1);

const START = performance.now();
const log = (...parts: unknown[]) => console.log(`[${((performance.now() - START) / 1000).toFixed(1).padStart(6)} s]`, ...parts);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const median = (xs: readonly number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** `work`, or nothing after `ms`. The timer holds the process open: cleanup must not end because nothing else does. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | void> {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([work, new Promise<void>((done) => (timer = setTimeout(done, ms)))]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- cleanup

// Every temp folder of this run (server data, stand-in store, browser profiles) goes under one, removed last: the
// helpers make theirs with os.tmpdir(), and a folder whose process died first would otherwise stay behind.
const TMP = mkdtempSync(join(tmpdir(), 'hd-bench-pwa-'));
process.env.TMPDIR = TMP;
const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(TMP, { recursive: true, force: true })];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		for (const step of cleanups.splice(0).reverse()) await withTimeout(step().catch(() => undefined), 15_000);
	})();
	return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	// `on`, not `once`: Playwright exits at once on a signal when its own handler is the only one left.
	process.on(signal, () => {
		if (cleaning) return;
		console.error(`\n${signal}: cleaning up`);
		void cleanup().finally(() => process.exit(130));
	});
}

/** SIGTERM, SIGKILL after 10 s, then the data folder goes (dispose removes it only after a clean stop). */
async function disposeServer(server: RunningServer) {
	await withTimeout(server.dispose(), 10_000);
	await server.stop('SIGKILL');
	await server.dispose();
}

// ---------------------------------------------------------------- set-up

/** The pull's batch_size in the app's sync manager, so the anchor replicates in the same batches. */
function appBatchSize(): number {
	const source = readFileSync(join(ROOT, 'web/lib/sync-manager.svelte.ts'), 'utf8');
	const size = Number(/replicate\.from\([^)]*\bbatch_size:\s*(\d+)/.exec(source)?.[1]);
	if (!size) throw new Error('could not find the pull batch_size in web/lib/sync-manager.svelte.ts');
	return size;
}

type Doc = Record<string, unknown> & { _id: string; building: string };

/** The same revision everywhere: 1-md5(body), as a device's first save would give it. */
function withRevision(doc: object): Doc {
	const hash = createHash('md5').update(JSON.stringify(doc)).digest('hex');
	return { ...(doc as Doc), _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } };
}

async function store(db: PouchDB.Database, docs: Doc[], where: string) {
	for (let i = 0; i < docs.length; i += 500) {
		const results = await db.bulkDocs(docs.slice(i, i + 500) as PouchDB.Core.PutDocument<{}>[], { new_edits: false });
		const failed = results.filter((r) => 'error' in r && r.error);
		if (failed.length) throw new Error(`${where} refused ${failed.length} tickets: ${JSON.stringify(failed[0])}`);
	}
}

/** Long tasks since `before`, in words (the longest counts from the page's start). */
function busy(now: Marks['longTasks'], before: Marks['longTasks'] = { count: 0, total: 0, longest: 0 }) {
	return `main thread: ${now.count - before.count} long tasks, ${fmtMs(now.total - before.total)} in all, longest ${fmtMs(now.longest)}`;
}

/**
 * Starts counting the page's main-thread task time (Chromium's TaskDuration: the CPU time of everything the page's main
 * thread ran); the function returned says how many ms it ran since. Less noisy on a loaded machine than the wall clock.
 */
async function mainThreadClock(page: Page): Promise<() => Promise<number>> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
	const taskTime = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
	const start = await taskTime();
	return async () => (await taskTime()) - start;
}

/** With BENCH_PWA_PROFILE_DIR, starts the page's CPU profiler; the function returned stops it and saves the profile. */
async function startProfile(page: Page): Promise<((name: string) => Promise<void>) | null> {
	if (!PROFILE_DIR) return null;
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
	return async (name) => {
		const { profile } = await cdp.send('Profiler.stop');
		const file = join(PROFILE_DIR, `${name}.cpuprofile`);
		writeFileSync(file, JSON.stringify(profile));
		log(`  profile saved: ${file}`);
		await cdp.detach();
	};
}

// ---------------------------------------------------------------- A: first sync

interface FirstSync {
	/** The page's main-thread task time from the click until the queue was usable. */
	mainThread: number;
	firstRow: number;
	synced: number;
	usable: number;
	context: BrowserContext;
	page: Page;
	/** Scripts the page fetched before the sign-in form showed, and before the queue was usable. */
	scriptsAtForm: string[];
	scriptsAtQueue: string[];
}

async function appFirstSync(browser: Browser, server: RunningServer, run: number): Promise<FirstSync> {
	const context = await browser.newContext({ ...DEVICE, baseURL: server.url });
	// tsx compiles with esbuild's keepNames, which wraps inner functions in a __name helper the page does not have.
	await context.addInitScript({ content: `var __name = (f) => f; (${watchPage})(${PER_BUILDING});` });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const scripts: string[] = [];
	page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
	// Requests to the sync gateway until the queue is usable, by kind (a deterministic count beside the clocks).
	const gatewayRequests = new Map<string, number>();
	let counting = true;
	page.on('request', (r) => {
		const path = new URL(r.url()).pathname;
		if (!counting || !path.startsWith('/db/')) return;
		const kind = `${r.method()} ${/\/(_[a-z_]+)/.exec(path.slice(4))?.[1] ?? '/'}`;
		gatewayRequests.set(kind, (gatewayRequests.get(kind) ?? 0) + 1);
	});

	await page.goto('/');
	await page.getByLabel('Username').waitFor();
	const scriptsAtForm = [...scripts];
	await page.getByLabel('Username').fill(TECH);
	await page.getByLabel('Password').fill(PASSWORD);
	// A person types for a few seconds: the service worker has installed by then, so its precaching is not timed.
	await page.evaluate(() => Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 30_000))]).then(() => undefined));
	const before = (await marksOf(page)).longTasks;
	const profile = run === 1 ? await startProfile(page) : null;
	const mainThread = await mainThreadClock(page);
	const gatewayCpu = cpuSeconds(server.pid?.() ?? 0);
	const clickedUs = process.hrtime.bigint() / 1000n;
	await page.getByRole('button', { name: 'Sign in' }).click();
	const usable = () => (window as unknown as { __bench: Marks }).__bench.usable !== undefined;
	await page.waitForFunction(usable, undefined, { timeout: USABLE_TIMEOUT_MS, polling: 250 }).catch(async (error) => {
		const state = await page.evaluate(() => ({
			sync: document.querySelector('[aria-label="Sync status"]')?.textContent?.replace(/\s+/g, ' ').trim(),
			rows: document.querySelector('ul.tickets')?.childElementCount ?? 0,
			main: document.querySelector('main')?.textContent?.replace(/\s+/g, ' ').slice(0, 200)
		}));
		const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
		throw new Error(`A run ${run}: the queue did not become usable (${why}); page ${JSON.stringify(state)}; page errors: ${errors.slice(0, 3).join(' | ') || 'none'}`);
	});
	counting = false;
	const gatewayMs = (cpuSeconds(server.pid?.() ?? 0) - gatewayCpu) * 1000;
	if (profile) log(`  the gateway's profile: A run 1 from ${clickedUs} to ${process.hrtime.bigint() / 1000n} (µs, its samples' clock)`);
	const taskMs = await mainThread();
	await profile?.('first-sync');
	const m = await marksOf(page);
	if (m.click === undefined || m.firstRow === undefined || m.synced === undefined || m.usable === undefined) throw new Error(`A run ${run}: marks missing: ${JSON.stringify(m)}`);
	const tickets = await localTicketCount(page, TECH);
	if (tickets !== PER_BUILDING) throw new Error(`A run ${run}: the device holds ${tickets} tickets, expected the ${PER_BUILDING} of its building`);
	if (errors.length) log(`  page errors: ${errors.slice(0, 3).join(' | ')}`);
	const result = { mainThread: taskMs, firstRow: m.firstRow - m.click, synced: m.synced - m.click, usable: m.usable - m.click };
	log(`  A run ${run} app: first row ${fmtMs(result.firstRow)}, sync finished ${fmtMs(result.synced)}, usable ${fmtMs(result.usable)}, main-thread task time ${fmtMs(taskMs)}, gateway CPU ${fmtMs(gatewayMs)} (${tickets} tickets on the device; ${busy(m.longTasks, before)})`);
	log(`    gateway requests until usable: ${[...gatewayRequests].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
	// A controlled page's requests go through the service worker's fetch handler unless a static route sends them past it.
	const viaWorker = await page.evaluate(() => {
		type Timing = PerformanceResourceTiming & { workerMatchedSourceType?: string };
		const gateway = (performance.getEntriesByType('resource') as Timing[]).filter((r) => new URL(r.name).pathname.startsWith('/db/'));
		const routed = gateway.filter((r) => r.workerMatchedSourceType === 'network').length;
		return { timed: gateway.length, routed, through: gateway.filter((r) => r.workerStart > 0).length - routed };
	});
	log(`    gateway requests (of the ${viaWorker.timed} timed): ${viaWorker.through} through the service worker's fetch handler, ${viaWorker.routed} sent past it by a static route`);
	return { ...result, context, page, scriptsAtForm, scriptsAtQueue: [...scripts] };
}

async function anchorReplication(browser: Browser, standin: CouchStandin, batchSize: number, run: number): Promise<{ ms: number; mainThread: number }> {
	const standinDbUrl = `${standin.url}/north`;
	const context = await browser.newContext(DEVICE);
	try {
		const page = await context.newPage();
		// The stand-in's own origin: IndexedDB needs one, and the app too replicates with its own origin.
		await page.goto(`${new URL(standinDbUrl).origin}/`);
		await page.addScriptTag({ path: POUCH_BUNDLE });
		const mainThread = await mainThreadClock(page);
		const standinCpu = cpuSeconds(standin.pid() ?? 0);
		const { ms, written } = await page.evaluate(
			async ({ url, batch }) => {
				type Replicator = { replicate(from: unknown, to: unknown, o: object): Promise<{ docs_written: number }> };
				const P = (window as unknown as { PouchDB: Replicator & (new (name: string, o?: object) => unknown) }).PouchDB;
				const local = new P('anchor');
				const remote = new P(url, { skip_setup: true });
				const t0 = performance.now();
				const result = await P.replicate(remote, local, { batch_size: batch });
				return { ms: performance.now() - t0, written: result.docs_written };
			},
			{ url: standinDbUrl, batch: batchSize }
		);
		const standinMs = (cpuSeconds(standin.pid() ?? 0) - standinCpu) * 1000;
		const taskMs = await mainThread();
		if (written !== PER_BUILDING) throw new Error(`A run ${run} anchor: wrote ${written} documents, expected ${PER_BUILDING}`);
		log(`  A run ${run} anchor: bare PouchDB replication of ${written} docs ${fmtMs(ms)}, main-thread task time ${fmtMs(taskMs)}, stand-in CPU ${fmtMs(standinMs)}`);
		return { ms, mainThread: taskMs };
	} finally {
		await context.close();
	}
}

// ---------------------------------------------------------------- B: cold start offline

/**
 * Opens a path in a cold page and waits for a mark of watchPage. `inPage` runs from the navigation's start (the page's
 * time origin) to the frame that showed it; `wall` from the call to page.goto until the bench saw it (50 ms polling).
 */
/** What BENCH_PWA_TRACE records of a cold start: the browser's timeline, loading, service worker and IndexedDB. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'loading', 'navigation', 'ServiceWorker', 'IndexedDB', 'v8.execute', 'blink', 'toplevel', 'disabled-by-default-v8.compile'];

async function coldOpen(context: BrowserContext, path: string, mark: 'firstRow' | 'image', profiled = false) {
	const page = await context.newPage();
	await stopServiceWorkers(page);
	const profile = profiled ? await startProfile(page) : null;
	const tracing = profiled && TRACE_FILE ? context.browser() : null;
	await tracing?.startTracing(undefined, { path: TRACE_FILE, categories: TRACE_CATEGORIES });
	const cpu = await cpuClock(page);
	const t0 = performance.now();
	const response = await page.goto(path, { waitUntil: 'commit' });
	await waitForMark(page, mark);
	const wall = performance.now() - t0;
	const cpuMs = await cpu();
	await profile?.('cold-start');
	if (tracing) {
		await tracing.stopTracing();
		log(`  trace saved: ${TRACE_FILE}`);
	}
	if (!response?.fromServiceWorker()) throw new Error(`${path} did not come from the service worker`);
	// Shown is not enough: nothing may cover it, and it must take a click (checked, not timed).
	await page.locator(mark === 'firstRow' ? 'ul.tickets a' : 'img').first().click({ trial: true, timeout: 10_000 });
	const marks = await marksOf(page);
	if (mark === 'firstRow') log(`    where the time went: ${await page.evaluate<string>(LOADING_TIMES)}`);
	return { page, wall, cpuMs, inPage: marks[mark] as number, longTasks: marks.longTasks };
}

/**
 * Waits (50 ms polling, 60 s at most) until watchPage has set a mark in the page. A plain CDP evaluation of one small
 * expression: Playwright's waitForFunction first evaluates its own injected script (330 KB) in the page, which took
 * 50-75 ms of the cold page's main thread while the app was loading.
 */
async function waitForMark(page: Page, mark: 'firstRow' | 'image'): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const expression = `window.__bench?.${mark} !== undefined`;
	try {
		for (const deadline = performance.now() + 60_000; performance.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
			// Asked while the navigation swaps documents, the evaluation may fail: it is asked again.
			const seen = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }).catch(() => null);
			if (seen?.result.value === true) return;
		}
		throw new Error(`the page never set the ${mark} mark within 60 s`);
	} finally {
		await cdp.detach().catch(() => undefined);
	}
}

/**
 * Starts counting a page's CPU time (Chromium's Performance metrics: ThreadTime is the renderer's main thread,
 * ProcessTime the whole renderer process); the function returned gives what each grew by since, in ms.
 */
async function cpuClock(page: Page): Promise<() => Promise<{ thread: number; process: number }>> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const read = async () => {
		const { metrics } = await cdp.send('Performance.getMetrics');
		const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
		return { thread: value('ThreadTime'), process: value('ProcessTime') };
	};
	const start = await read();
	return async () => {
		const now = await read();
		await cdp.detach();
		return { thread: now.thread - start.thread, process: now.process - start.process };
	};
}

/** The page's document and script fetches, in words: when each phase of the start ended (a string: tsx renames inner functions). */
const LOADING_TIMES = `(() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
	const last = [...scripts].sort((a, b) => b.responseEnd - a.responseEnd)[0];
	return 'service worker started ' + Math.round(nav.workerStart) + ' ms, document ' + Math.round(nav.responseEnd) + ' ms, ' + scripts.length +
		' scripts fetched by ' + Math.round(last ? last.responseEnd : 0) + ' ms (last: ' + (last ? last.name.split('/').pop() : 'none') + '), DOMContentLoaded ' +
		Math.round(nav.domContentLoadedEventEnd) + ' ms';
})()`;

async function coldStarts(context: BrowserContext) {
	const app: number[] = [];
	const anchor: number[] = [];
	const wall: number[] = [];
	const cpu = { app: [] as number[], anchor: [] as number[], appProcess: [] as number[] };
	for (let run = 1; run <= RUNS_B; run++) {
		const queue = await coldOpen(context, '/', 'firstRow', run === PROFILE_RUN);
		// The first rows may come before the whole queue is read (and counted): wait for the count, untimed.
		await queue.page.waitForFunction(() => (window as unknown as { __bench: Marks }).__bench.allRows !== undefined, undefined, { timeout: 60_000, polling: 50 }).catch(() => undefined);
		const rows = await queuedCount(queue.page);
		const whole = (await marksOf(queue.page)).allRows;
		await queue.page.close();
		if (rows !== PER_BUILDING) throw new Error(`B run ${run}: the queue counts ${rows} tickets offline, expected ${PER_BUILDING}`);
		const icon = await coldOpen(context, '/favicon.png', 'image');
		await icon.page.close();
		app.push(queue.inPage);
		anchor.push(icon.inPage);
		wall.push(queue.wall);
		cpu.app.push(queue.cpuMs.thread);
		cpu.appProcess.push(queue.cpuMs.process);
		cpu.anchor.push(icon.cpuMs.thread);
		log(`  B run ${run}: app first row ${fmtMs(queue.inPage)} (${rows} tickets in the queue, counted whole at ${whole === undefined ? 'never' : fmtMs(whole)}; goto → seen by the bench ${fmtMs(queue.wall)}; ${busy(queue.longTasks)}); anchor /favicon.png ${fmtMs(icon.inPage)} (goto → seen ${fmtMs(icon.wall)})`);
		log(`    CPU until seen: app main thread ${fmtMs(queue.cpuMs.thread)}, renderer ${fmtMs(queue.cpuMs.process)}; anchor main thread ${fmtMs(icon.cpuMs.thread)}, renderer ${fmtMs(icon.cpuMs.process)}`);
	}
	return { app, anchor, wall, cpu };
}

// ---------------------------------------------------------------- report

interface Row {
	figure: string;
	measure: string;
	value: number;
	anchor: number;
	samples: string;
	unit: 'ms' | 'KB';
}
const rows: Row[] = [];
const fmt = (v: number, unit: Row['unit']) => (unit === 'KB' ? `${v.toFixed(1)} KB` : fmtMs(v));

function record(row: Row) {
	rows.push(row);
	log(`  => ${row.figure}, ${row.measure}: ${fmt(row.value, row.unit)} vs anchor ${fmt(row.anchor, row.unit)}, ratio ${(row.value / row.anchor).toFixed(2)}`);
}

const DEFINITIONS = [
	`A: in-page clocks, from the click on "Sign in"; "first row": the first rendered frame with a row in ul.tickets; "sync finished": … with "Last synced" in the sync line; "queue usable": … with rows shown, every in-scope ticket counted in the open queue (the list shows 200 at a time) and "Last synced" (a frame counts once its rendering is done). Anchor: one-shot PouchDB.replicate from the bare stand-in into IndexedDB, same batch_size, timed in its page. "main-thread task time": the page's main thread's task time (Chromium's TaskDuration metric) from the click until usable, and the anchor's during its replication.`,
	`B: offline, same context after A's first sync, service worker stopped before each open; from the navigation's start (the page's time origin) to the first rendered frame with a queue row, then checked clickable (untimed). Anchor: /favicon.png (precached) opened as a document through the service worker, to the frame that shows it. "main-thread CPU until seen": what the renderer's main thread spent (Chromium's ThreadTime) from before page.goto until the bench saw the mark (50 ms polling; the app's whole read has begun by then).`,
	`C: gzip level 9 (node:zlib) of each file, summed; the anchor column is the ${BUDGET_KB} KB budget.`
];

function printTable() {
	const header = ['figure', 'measure', 'value', 'anchor', 'ratio', 'samples'];
	const body = rows.map((r) => [r.figure, r.measure, fmt(r.value, r.unit), fmt(r.anchor, r.unit), (r.value / r.anchor).toFixed(2), r.samples]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i < 2 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
	console.log('\n=== PWA bench (medians; ratio = value / anchor, lower is better; C: anchor is the budget, ≤ 1.00 meets it) ===');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of body) console.log(line(row));
	for (const definition of DEFINITIONS) console.log(`- ${definition}`);
	console.log(`total bench time ${((performance.now() - START) / 1000).toFixed(1)} s`);
}

function listScripts(title: string, sizes: ScriptSize[]) {
	log(`  ${title}: ${sizes.length} files, ${gzipKb(sizes).toFixed(1)} KB gzipped (${(sizes.reduce((s, x) => s + x.raw, 0) / 1024).toFixed(1)} KB raw); largest:`);
	for (const s of sizes.slice(0, 4)) log(`    ${(s.gzip / 1024).toFixed(1).padStart(6)} KB gz ${(s.raw / 1024).toFixed(1).padStart(6)} KB raw  ${s.path}`);
}

// ---------------------------------------------------------------- main

async function main() {
	if (!process.env.BENCH_PWA_BUILD) checkBuild(log);
	else log(`web build measured: ${BUILD}`);
	const batchSize = appBatchSize();
	console.log(`PWA bench: ${PER_BUILDING} tickets in scope (+${PER_BUILDING} out of scope), ${RUNS_A} first syncs, ${RUNS_B} cold starts; app pull batch_size ${batchSize}; node ${process.version}`);

	// C first: it needs only build/.
	// A profiled build may be unminified (names kept), whose chunks C's import scan does not read: C is left out then.
	const measureC = !PROFILE_DIR;
	if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
	if (measureC) log('C. initial JavaScript (gzip level 9)');
	const started = measureC ? startScripts(readFileSync(join(BUILD, 'index.html'), 'utf8')) : [];
	const initial = measureC ? gzipSizes(BUILD, withStaticImports(BUILD, started)) : [];
	if (measureC) listScripts(`index.html (script, modulepreload, inline import() and their static imports)`, initial);
	if (initial.length > started.length) log(`  note: ${initial.length - started.length} statically imported files are not in index.html's modulepreload list`);

	log('set-up: server (embedded store), district, CouchDB stand-in, Chromium…');
	// Profiled, the gateway writes its whole run's profile when it stops; A's first run logs its window in the same clock.
	const serverArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
	const [server, couch] = await Promise.all([startServer({ WEB_DIR: BUILD }, serverArgs), startCouchStandin()]);
	// The stand-in's dispose waits for an exit that never comes when a Ctrl-C already ended it.
	cleanups.push(() => disposeServer(server), () => withTimeout(couch.dispose(), 5000));
	await provision(server);
	const docs = benchTickets(2 * PER_BUILDING).map(withRevision);
	const inScope = docs.filter((d) => d.building === 'north');
	if (inScope.length !== PER_BUILDING) throw new Error(`expected ${PER_BUILDING} north tickets, generated ${inScope.length}`);
	const t0 = performance.now();
	const gateway = new PouchDB(`${server.url}/db/helpdesk`, { auth: { username: 'coord', password: PASSWORD }, skip_setup: true });
	await store(gateway, docs, 'the gateway');
	const standinDbUrl = `${couch.url}/north`;
	const standin = new PouchDB(standinDbUrl);
	await store(standin, inScope, 'the stand-in');
	const held = (await standin.info()).doc_count;
	if (held !== PER_BUILDING) throw new Error(`the stand-in holds ${held} documents, expected ${PER_BUILDING}`);
	log(`  loaded ${docs.length} tickets (${PER_BUILDING} north, ${docs.length - PER_BUILDING} south) through the gateway as coord, ${held} north into the stand-in, in ${fmtMs(performance.now() - t0)}`);

	const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
	cleanups.push(() => browser.close());
	log(`  Chromium ${browser.version()}`);

	log(`A. first sync as ${TECH} (${RUNS_A} runs, fresh browser context each; anchor: bare PouchDB, batch_size ${batchSize}; ${load()})`);
	const app: FirstSync[] = [];
	const anchor: number[] = [];
	const anchorThread: number[] = [];
	for (let run = 1; run <= RUNS_A; run++) {
		const bare = await anchorReplication(browser, couch, batchSize, run);
		anchor.push(bare.ms);
		anchorThread.push(bare.mainThread);
		const result = await appFirstSync(browser, server, run);
		app.push(result);
		// The last context stays open: figure B starts from its first sync.
		if (run < RUNS_A) await result.context.close();
	}
	const an = median(anchor);
	const samples = (xs: number[]) => xs.map((x) => fmtMs(x)).join(', ');
	const figureA = `A. first sync, ${PER_BUILDING} in scope`;
	record({ figure: figureA, measure: 'click → first row', value: median(app.map((r) => r.firstRow)), anchor: an, samples: samples(app.map((r) => r.firstRow)), unit: 'ms' });
	record({ figure: figureA, measure: 'click → sync finished', value: median(app.map((r) => r.synced)), anchor: an, samples: samples(app.map((r) => r.synced)), unit: 'ms' });
	record({ figure: figureA, measure: 'click → queue usable', value: median(app.map((r) => r.usable)), anchor: an, samples: `app ${samples(app.map((r) => r.usable))}; anchor ${samples(anchor)}`, unit: 'ms' });
	const threads = app.map((r) => r.mainThread);
	record({ figure: figureA, measure: 'main-thread task time', value: median(threads), anchor: median(anchorThread), samples: `app ${samples(threads)}; anchor ${samples(anchorThread)}`, unit: 'ms' });

	const observed = measureC ? gzipSizes(BUILD, new Set(app[0].scriptsAtForm)) : [];
	listScripts('observed: scripts the page fetched before the sign-in form showed', observed);
	const lazy = !measureC ? [] : gzipSizes(BUILD, new Set(app[0].scriptsAtQueue.filter((s) => !app[0].scriptsAtForm.includes(s))));
	listScripts('observed: scripts fetched after sign-in (lazy)', lazy);

	log(`B. cold start offline (${RUNS_B} runs each; service worker stopped before every open; ${load()})`);
	const { context, page } = app.at(-1)!;
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
	await context.setOffline(true);
	await page.close();
	const cold = await coldStarts(context);
	record({ figure: 'B. cold start offline', measure: 'navigation → first row shown', value: median(cold.app), anchor: median(cold.anchor), samples: `app ${samples(cold.app)}; anchor ${samples(cold.anchor)}`, unit: 'ms' });
	log(`  seen from the bench (page.goto → mark seen, 50 ms polling): app median ${fmtMs(median(cold.wall))}`);
	record({ figure: 'B. cold start offline', measure: 'main-thread CPU until seen', value: median(cold.cpu.app), anchor: median(cold.cpu.anchor), samples: `app ${samples(cold.cpu.app)}; anchor ${samples(cold.cpu.anchor)}; app renderer ${samples(cold.cpu.appProcess)}`, unit: 'ms' });
	await context.close();

	if (!measureC) return printTable();
	record({ figure: 'C. initial JS (gzip -9)', measure: 'index.html start scripts', value: gzipKb(initial), anchor: BUDGET_KB, samples: `${initial.length} files; budget ${BUDGET_KB} KB`, unit: 'KB' });
	record({ figure: 'C. initial JS (gzip -9)', measure: 'fetched before sign-in form', value: gzipKb(observed), anchor: BUDGET_KB, samples: `${observed.length} files; budget ${BUDGET_KB} KB`, unit: 'KB' });
	printTable();
	const over = Math.max(gzipKb(initial), gzipKb(observed)) > BUDGET_KB;
	console.log(`initial JavaScript: ${over ? 'OVER' : 'within'} the ${BUDGET_KB} KB budget`);
}

await runBench(main, { report: () => rows.length > 0 && printTable(), cleanup, log });

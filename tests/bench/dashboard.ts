/// <reference lib="dom" />
/**
 * Dashboard benchmark in Debian's Chromium: a coordinator's device holding 10,000 open tickets, each figure beside an
 * anchor measured in the same run, on a CPU slowed 4x (Chrome DevTools' throttling) for a Chromebook-class figure:
 *
 *   npx tsx tests/bench/dashboard.ts     (also the last part of npm run bench; never part of npm test)
 *
 * Needs a build of the current code (npx vite build); it warns when web/ or core/ changed after the build.
 *
 * Set-up (untimed): the real server; the open tickets (tests/bench/dashboard-tickets.ts: 15 buildings, 20 technicians,
 * realistic histories), buildings, technicians and the demo district's calendar and SLA policies written into its
 * store while it is stopped (the gateway refuses back-dated histories written by others); the coordinator signs in
 * through the form and the first sync brings every ticket onto the device.
 *
 * Then, RUNS times each, alternating, with the CPU slowed:
 * - page load: a new tab opens /dashboard (or the anchor, /tickets: the plain all-tickets list of the same tickets,
 *   most urgent first); from the navigation's start to the first rendered frame with the counts (every ticket
 *   counted), and to the frame with every section of the dashboard; for the anchor, to the frame with the list.
 * - in-app: from a click on the main navigation's link (the app already open on a ticket's page) to the same frames.
 *
 * Knobs (environment): BENCH_DASH_TICKETS (10000), BENCH_DASH_RUNS (5), BENCH_DASH_CPU (4: the throttling rate; 1 for none),
 * BENCH_DASH_PROFILE (a folder: first records a CPU profile of one of each, as .cpuprofile files for Chromium's DevTools).
 * The server, the browser and their temp folders are removed at the end, even on failure.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type BrowserContext, type CDPSession, chromium, type Page } from '@playwright/test';
import { Ticket } from '../../core/schemas';
import { isOpen } from '../../core/workflow';
import playwrightConfig from '../../playwright.config';
import { demoSlaDocs } from '../../server/demo/sla-docs';
import { openStore } from '../../server/store';
import { PASSWORD, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';
import { checkBuild } from './build-check';
import { type DashboardMarks, dashboardMarks, FULL_DASHBOARD, listCountWords, watchDashboard } from './dashboard-probes';
import { DASHBOARD_BUILDINGS, DASHBOARD_TECHS, openBenchTicket } from './dashboard-tickets';
import { runBench } from './harness';
import { localTicketCount } from './page-probes';

const COORDINATOR = 'coord';
const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};
const TICKETS = envNum('BENCH_DASH_TICKETS', 10_000);
const RUNS = envNum('BENCH_DASH_RUNS', 5);
const CPU_RATE = envNum('BENCH_DASH_CPU', 4);
const PROFILE_DIR = process.env.BENCH_DASH_PROFILE;
const MARK_TIMEOUT_MS = 180_000;

const START = performance.now();
const log = (...parts: unknown[]) => console.log(`[${((performance.now() - START) / 1000).toFixed(1).padStart(6)} s]`, ...parts);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const median = (xs: readonly number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** `work`, or nothing after `ms`. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | void> {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([work, new Promise<void>((done) => (timer = setTimeout(done, ms)))]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- cleanup

const TMP = mkdtempSync(join(tmpdir(), 'hd-bench-dash-'));
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
	process.on(signal, () => {
		if (cleaning) return;
		console.error(`\n${signal}: cleaning up`);
		void cleanup().finally(() => process.exit(130));
	});
}

// ---------------------------------------------------------------- set-up

/** Writes the benchmark district into the stopped server's store, then starts it again. */
async function seed(server: RunningServer, now: number): Promise<string> {
	const tickets = Array.from({ length: TICKETS }, (_, i) => openBenchTicket(i, now));
	for (const [i, t] of tickets.entries()) {
		const parsed = Ticket.safeParse(t);
		if (!parsed.success) throw new Error(`bench ticket ${i} is not a valid Ticket: ${parsed.error.message}`);
		if (!isOpen(t.status)) throw new Error(`bench ticket ${i} is ${t.status}, not open`);
	}
	const buildings = DASHBOARD_BUILDINGS.map((code, i) => ({ _id: `building:${code}`, type: 'building', code, name: `School ${i + 1}`, kind: 'school', technician: DASHBOARD_TECHS[i] }));
	const techs = DASHBOARD_TECHS.map((username, i) => ({
		_id: `user:${username}`,
		type: 'user',
		username,
		name: `Technician ${i + 1}`,
		role: 'building-tech',
		kind: 'staff',
		buildings: DASHBOARD_BUILDINGS.filter((_, b) => b % DASHBOARD_TECHS.length === i),
		active: true
	}));
	await server.stop();
	const store = await openStore({ DATA_DIR: server.dataDir, STORE_URL: undefined });
	try {
		const docs = [...demoSlaDocs(new Date(now)), ...buildings, ...techs, ...tickets] as PouchDB.Core.PutDocument<Record<string, unknown>>[];
		for (let i = 0; i < docs.length; i += 1000) {
			const results = await store.main.bulkDocs(docs.slice(i, i + 1000));
			const failed = results.filter((r) => 'error' in r && r.error);
			if (failed.length) throw new Error(`the store refused ${failed.length} documents: ${JSON.stringify(failed[0])}`);
		}
	} finally {
		await store.close();
	}
	await server.restart();
	return tickets[0].number;
}

/** A Chromebook's screen. */
const DEVICE = { viewport: { width: 1366, height: 768 } };

/** Signs the coordinator in through the form and waits until every ticket is on the device and the app shows it. */
async function signInAndSync(context: BrowserContext): Promise<void> {
	const page = await context.newPage();
	await page.goto('/');
	await page.getByLabel('Username').fill(COORDINATOR);
	await page.getByLabel('Password').fill(PASSWORD);
	const t0 = performance.now();
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByText(/Last synced/).waitFor({ timeout: 600_000 });
	const held = await localTicketCount(page, COORDINATOR);
	if (held !== TICKETS) throw new Error(`the device holds ${held} tickets after the first sync, expected ${TICKETS}`);
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	log(`  first sync of ${held} tickets done in ${fmtMs(performance.now() - t0)} (unthrottled, untimed for the figures)`);
	await page.close();
}

/** A tab with the CPU slowed, on a same-origin document that starts no app (so the throttled renderer is the one measured). */
async function throttledTab(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
	const page = await context.newPage();
	await page.goto('/favicon.png');
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
	return { page, cdp };
}

/** With BENCH_DASH_PROFILE set, records a CPU profile of `work` in the tab into that folder (open it in Chromium's DevTools). */
async function profiled<T>(cdp: CDPSession, name: string | undefined, work: () => Promise<T>): Promise<T> {
	if (!PROFILE_DIR || !name) return work();
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await cdp.send('Profiler.start');
	const result = await work();
	const { profile } = await cdp.send('Profiler.stop');
	mkdirSync(PROFILE_DIR, { recursive: true });
	writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
	log(`  profile written: ${join(PROFILE_DIR, `${name}.cpuprofile`)}`);
	return result;
}

type Mark = 'counts' | 'full' | 'list';

async function waitForMarks(page: Page, marks: Mark[], what: string): Promise<DashboardMarks> {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page
		.waitForFunction((wanted) => wanted.every((m) => (window as unknown as { __dash?: () => Record<string, unknown> }).__dash?.()[m] !== undefined), marks, { timeout: MARK_TIMEOUT_MS, polling: 200 })
		.catch(async (error) => {
			const main = await page.evaluate(() => document.querySelector('main')?.textContent?.replace(/\s+/g, ' ').slice(0, 300)).catch(() => '?');
			throw new Error(`${what}: ${marks.join(', ')} never showed (${error instanceof Error ? error.message.split('\n')[0] : error}); page: ${main}; errors: ${errors.join(' | ') || 'none'}`);
		});
	return dashboardMarks(page);
}

/** Opens a path in a new throttled tab: times from the navigation's start. */
async function pageLoad(context: BrowserContext, path: string, marks: Mark[], profile?: string): Promise<DashboardMarks> {
	const { page, cdp } = await throttledTab(context);
	try {
		return await profiled(cdp, profile, async () => {
			await page.goto(path, { waitUntil: 'commit' });
			return waitForMarks(page, marks, `open ${path}`);
		});
	} finally {
		await page.close();
	}
}

/** With the app open on one ticket's page (shown once the device's database is read), clicks a main navigation link: times from the click. */
async function inApp(context: BrowserContext, number: string, link: string, marks: Mark[], profile?: string): Promise<DashboardMarks> {
	const { page, cdp } = await throttledTab(context);
	try {
		await page.goto(`/tickets/${number}`);
		await page.getByText(/Last synced/).waitFor({ timeout: MARK_TIMEOUT_MS });
		await page.locator('main').getByText(number).first().waitFor({ timeout: MARK_TIMEOUT_MS });
		return await profiled(cdp, profile, async () => {
			await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
			return waitForMarks(page, marks, `click ${link}`);
		});
	} finally {
		await page.close();
	}
}

// ---------------------------------------------------------------- report

interface Row {
	measure: string;
	values: number[];
	anchor: number[];
}
const rows: Row[] = [];

function record(measure: string, values: number[], anchor: number[]) {
	rows.push({ measure, values, anchor });
	log(`  => ${measure}: median ${fmtMs(median(values))} vs anchor ${fmtMs(median(anchor))}, ratio ${(median(values) / median(anchor)).toFixed(2)}`);
}

function printTable() {
	const header = ['measure', 'median', 'anchor', 'ratio', 'samples (ms)'];
	const body = rows.map((r) => [
		r.measure,
		fmtMs(median(r.values)),
		fmtMs(median(r.anchor)),
		(median(r.values) / median(r.anchor)).toFixed(2),
		`${r.values.map((v) => v.toFixed(0)).join(', ')}; anchor ${r.anchor.map((v) => v.toFixed(0)).join(', ')}`
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
	console.log(`\n=== Dashboard bench: ${TICKETS} open tickets on the device, CPU throttled ${CPU_RATE}x (medians of ${RUNS}; ratio = value / anchor, lower is better) ===`);
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of body) console.log(line(row));
	console.log(
		`- anchor: the all-tickets list (/tickets, open tickets most urgent first, 200 rows drawn) of the same tickets, in the same run; "load": a new tab from the navigation's start (app start, reading the device's database included); "in-app": from the click on the main navigation's link, the app open on a ticket's page. Each time ends after the rendering of the first frame that shows it.`
	);
	console.log(`- ${load()} at the end: on a shared machine the times move together, so read each against its anchor.`);
	console.log(`total bench time ${((performance.now() - START) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- main

async function main() {
	checkBuild(log);
	const now = Math.floor(Date.now() / 60_000) * 60_000;
	console.log(`Dashboard bench: ${TICKETS} open tickets, ${RUNS} runs per figure, CPU throttled ${CPU_RATE}x (Emulation.setCPUThrottlingRate); node ${process.version}`);
	log('set-up: server (embedded store), district, tickets written into the store…');
	const server = await startServer();
	cleanups.push(async () => {
		await withTimeout(server.dispose(), 10_000);
		await server.stop('SIGKILL');
		await server.dispose();
	});
	await provision(server);
	const number = await seed(server, now);

	const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
	cleanups.push(() => browser.close());
	log(`  Chromium ${browser.version()}; ${load()}`);
	const context = await browser.newContext({ ...DEVICE, baseURL: server.url });
	await context.addInitScript({ content: `var __name = (f) => f; (${watchDashboard})(${TICKETS}, ${JSON.stringify(FULL_DASHBOARD)}, ${JSON.stringify(listCountWords(TICKETS))});` });
	await signInAndSync(context);

	if (PROFILE_DIR) {
		log(`profiling one of each into ${PROFILE_DIR}…`);
		await pageLoad(context, '/dashboard', ['counts', 'full'], 'dashboard-load');
		await inApp(context, number, 'Dashboard', ['counts', 'full'], 'dashboard-in-app');
		await pageLoad(context, '/tickets', ['list'], 'list-load');
		await inApp(context, number, 'All tickets', ['list'], 'list-in-app');
	}
	const figures = { loadCounts: [] as number[], loadFull: [] as number[], loadList: [] as number[], appCounts: [] as number[], appFull: [] as number[], appList: [] as number[] };
	for (let run = 1; run <= RUNS; run++) {
		// Alternate which goes first, so a slow moment of the shared machine falls on both.
		const order = run % 2 ? ['dashboard', 'list'] : ['list', 'dashboard'];
		for (const which of order) {
			if (which === 'dashboard') {
				const opened = await pageLoad(context, '/dashboard', ['counts', 'full']);
				const clicked = await inApp(context, number, 'Dashboard', ['counts', 'full']);
				figures.loadCounts.push(opened.counts! - opened.start);
				figures.loadFull.push(opened.full! - opened.start);
				figures.appCounts.push(clicked.counts! - clicked.start);
				figures.appFull.push(clicked.full! - clicked.start);
				log(`  run ${run} dashboard: load → counts ${fmtMs(figures.loadCounts.at(-1)!)}, → full ${fmtMs(figures.loadFull.at(-1)!)} (${opened.longTasks.count} long tasks, longest ${fmtMs(opened.longTasks.longest)}); in-app → counts ${fmtMs(figures.appCounts.at(-1)!)}, → full ${fmtMs(figures.appFull.at(-1)!)} (longest task ${fmtMs(clicked.longTasks.longest)})`);
			} else {
				const opened = await pageLoad(context, '/tickets', ['list']);
				const clicked = await inApp(context, number, 'All tickets', ['list']);
				figures.loadList.push(opened.list! - opened.start);
				figures.appList.push(clicked.list! - clicked.start);
				log(`  run ${run} all-tickets list: load ${fmtMs(figures.loadList.at(-1)!)} (${opened.longTasks.count} long tasks, longest ${fmtMs(opened.longTasks.longest)}); in-app ${fmtMs(figures.appList.at(-1)!)} (longest task ${fmtMs(clicked.longTasks.longest)})`);
			}
		}
	}
	record('load → counts', figures.loadCounts, figures.loadList);
	record('load → full dashboard', figures.loadFull, figures.loadList);
	record('in-app → counts', figures.appCounts, figures.appList);
	record('in-app → full dashboard', figures.appFull, figures.appList);
	printTable();
}

await runBench(main, { report: () => rows.length > 0 && printTable(), cleanup, log });

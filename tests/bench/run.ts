/**
 * Sync benchmark: the gateway (/db/helpdesk, auth + scope filtering) against the bare CouchDB stand-in
 * (express-pouchdb over LevelDB, no auth) as the anchor, with the same documents, on this machine.
 *
 *   npm run bench            (tsx tests/bench/run.ts; never part of npm test)
 *
 * 1. 10,000 tickets of ~1 KB: push and pull separately (batch_size 100, then 500 if time allows).
 * 2. A building technician's first pull of a 5,000-ticket scope (server holds 5,000 north + 5,000 south).
 * 3. Propagation latency with 100 and 500 live devices, each a PouchDB pulling live in one of BENCH_P3_WORKERS child
 *    processes (tests/bench/live-propagation.ts): p50/p95/max over every device, and the CPU per change of each side.
 *
 * Knobs (environment): BENCH_DOCS (10000), BENCH_SAMPLES (30), BENCH_CLIENTS ("100,500"),
 * BENCH_BATCHES ("100,500"), BENCH_PARTS ("1,2,3"), BENCH_BUDGET_S (570), BENCH_SAMPLE_CAP_S (90: sampling time per
 * live-client configuration), BENCH_LIVE_USERS ("coord": every background client sees every change, as on the
 * stand-in; "mixed": district users, so scope filtering spares some), BENCH_PROFILE_DIR (gateway runs with --cpu-prof),
 * BENCH_P3_GATEWAY_ONLY=1 (part 3 without the stand-in, for profiling), BENCH_P3_WORKERS (4: processes holding the live
 * devices), BENCH_SERVER_ROOT (the gateway of another checkout, e.g. main's, for paired runs), BENCH_KEEPALIVE=1 (parts 1
 * and 2's PouchDB clients reuse connections, as browsers do; by default node-fetch sends `Connection: close` and opens
 * a connection per request; part 3's live devices reuse them unless BENCH_KEEPALIVE=0).
 * Every replication also prints the client-side time per kind of request (_changes, _bulk_get, _bulk_docs, _local…).
 * All traffic goes to 127.0.0.1. Temp dirs and child processes are removed at the end, even on failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { PASSWORD, provision } from '../support/district';
import { freePort, type RunningServer } from '../support/server';
import { runBench } from './harness';
import { fmtMs, type LatencyResult, type LiveSettings, propagation } from './live-propagation';
import { cpuSeconds, startGatewayProcess } from './monday-processes';
import { benchTickets } from './tickets';

const ROOT = resolve(import.meta.dirname, '../..');

type Db = PouchDB.Database<Record<string, unknown>>;
type Standin = { url: string; pid: number | undefined; dispose(): Promise<void> };

// ---------------------------------------------------------------- settings

const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
};
const envList = (name: string, fallback: number[]) =>
	process.env[name] ? process.env[name]!.split(',').map(Number).filter((n) => n > 0) : fallback;

const N_DOCS = envNum('BENCH_DOCS', 10_000);
const SAMPLES = envNum('BENCH_SAMPLES', 30);
const WARMUP_SAMPLES = 1;
const PARTS = new Set(envList('BENCH_PARTS', [1, 2, 3]));
const SAMPLE_CAP_MS = envNum('BENCH_SAMPLE_CAP_S', 90) * 1000;
const CLIENT_COUNTS = envList('BENCH_CLIENTS', [100, 500]);
const BATCHES = envList('BENCH_BATCHES', [100, 500]);
const BUDGET_MS = envNum('BENCH_BUDGET_S', 570) * 1000;
const LIVE_USERS = process.env.BENCH_LIVE_USERS === 'mixed' ? 'mixed' : 'coord';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const WAIT_ALL_MS = 40_000; // bound on the wait for every device (lets a saturated server drain between samples)
const P3_WORKERS = envNum('BENCH_P3_WORKERS', 4);
const SERVER_ROOT = resolve(process.env.BENCH_SERVER_ROOT ?? ROOT);
/** Part 3's devices reuse connections as browsers do, unless BENCH_KEEPALIVE=0. */
const P3_KEEPALIVE = process.env.BENCH_KEEPALIVE !== '0';

const START = performance.now();
const elapsed = () => performance.now() - START;
const stamp = () => `[${(elapsed() / 1000).toFixed(1).padStart(6)} s]`;
const log = (...parts: unknown[]) => console.log(stamp(), ...parts);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- cleanup

const TMP = mkdtempSync(join(tmpdir(), 'hd-bench-'));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		await sleep(300);
		for (const step of cleanups.splice(0).reverse()) {
			try {
				await Promise.race([step(), sleep(15_000)]);
			} catch {
				// keep cleaning
			}
		}
		rmSync(TMP, { recursive: true, force: true });
	})();
	return cleaning;
}
// A live replication whose server is gone can throw from inside node-fetch; log it, never die before cleanup.
let strayErrors = 0;
const stray = (error: unknown) => {
	if (++strayErrors <= 3 && !cleaning) console.error('stray error (ignored):', error instanceof Error ? error.message : error);
};
process.on('uncaughtException', stray);
process.on('unhandledRejection', stray);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		console.error(`\n${signal}: cleaning up`);
		void cleanup().finally(() => process.exit(130));
	});
}

let localCounter = 0;
/** A local PouchDB on LevelDB under the bench's temp folder, closed at cleanup. */
function newLocal(name: string): Db {
	const dir = join(TMP, `${name}-${++localCounter}`);
	mkdirSync(dir, { recursive: true });
	const db = new PouchDB<Record<string, unknown>>(join(dir, 'db'));
	cleanups.push(() => db.close().catch(() => undefined));
	return db;
}

async function destroyLocal(db: Db) {
	await db.destroy().catch(() => undefined);
}

/** The gateway under test: server/main.ts of this checkout, or of BENCH_SERVER_ROOT (another checkout, e.g. main's). */
type Gateway = { url: string; pid: number; dataDir: string; stop(): Promise<void> };

async function launchGateway(label: string): Promise<Gateway> {
	log(`starting gateway server (${label}) from ${SERVER_ROOT}${PROFILE_DIR ? ` with --cpu-prof into ${PROFILE_DIR}` : ''}…`);
	const port = await freePort();
	const dataDir = join(TMP, `server-${port}`);
	mkdirSync(dataDir, { recursive: true });
	const server = { ...(await startGatewayProcess(port, dataDir, PROFILE_DIR, SERVER_ROOT)), dataDir };
	cleanups.push(() => disposeGateway(server));
	await provision({ url: server.url } as RunningServer);
	return server;
}

/**
 * The CouchDB stand-in (tests/support/couch-standin.ts), started here rather than with startCouchStandin so that its
 * LevelDB folder lives under the bench's temp folder and is removed even when the process is gone before cleanup.
 */
async function launchStandin(): Promise<Standin> {
	log('starting CouchDB stand-in (express-pouchdb over LevelDB)…');
	const port = await freePort();
	const dir = join(TMP, 'standin');
	// node itself with the tsx loader (not the tsx wrapper), so that a SIGKILL reaches the process holding the store.
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/couch-standin.ts', String(port), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	const stop = () => stopChild(child);
	cleanups.push(stop);
	await new Promise<void>((ready, fail) => {
		let output = '';
		const timer = setTimeout(() => fail(new Error(`stand-in did not start:\n${output}`)), 60_000);
		child.stdout?.on('data', (c: Buffer) => {
			output += c.toString();
			if (output.includes('couch stand-in ready')) {
				clearTimeout(timer);
				ready();
			}
		});
		child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`stand-in exited with ${code}:\n${output}`));
		});
	});
	return { url: `http://127.0.0.1:${port}`, pid: child.pid, dispose: stop };
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
function stopChild(child: ChildProcess): Promise<void> {
	return new Promise<void>((done) => {
		if (child.exitCode !== null || child.signalCode !== null) return done();
		const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
		child.once('exit', () => {
			clearTimeout(hard);
			done();
		});
		child.kill('SIGTERM');
	});
}

/** SIGTERM (SIGKILL after 30 s) and removal of the server's data folder; safe to call twice. */
async function disposeGateway(server: Gateway) {
	await server.stop();
	rmSync(server.dataDir, { recursive: true, force: true });
}

/**
 * Time to response headers per kind of request, seen from the client. Both servers build a whole JSON answer before
 * sending headers, so this is close to the server's time per request (plus loopback); it shows where a run's time goes.
 */
class Trace {
	#by = new Map<string, { n: number; ms: number }>();
	reset() {
		this.#by.clear();
	}
	add(kind: string, ms: number) {
		const entry = this.#by.get(kind) ?? { n: 0, ms: 0 };
		entry.n++;
		entry.ms += ms;
		this.#by.set(kind, entry);
	}
	summary(): string {
		return [...this.#by]
			.sort((a, b) => b[1].ms - a[1].ms)
			.map(([k, v]) => `${k} ${v.n}× ${fmtMs(v.ms)} (${(v.ms / v.n).toFixed(1)} ms each)`)
			.join('; ');
	}
}
const trace = new Trace();
function requestKind(url: string, method: string): string {
	const path = new URL(url).pathname.replace(/^\/db\/helpdesk|^\/[^/]+/, '');
	const name = path === '' || path === '/' ? 'info' : path.startsWith('/_local/') ? '_local' : path.startsWith('/_') ? path.split('/')[1] : 'doc';
	return `${method} ${name}`;
}
const keepAlive = process.env.BENCH_KEEPALIVE === '1' ? new Agent({ keepAlive: true }) : undefined;
const fetchInto = (into?: Trace) =>
	(async (url: string, init?: RequestInit) => {
		const t0 = performance.now();
		const response = await PouchDB.fetch(url, keepAlive ? ({ ...init, agent: keepAlive } as RequestInit) : init);
		into?.add(requestKind(url, init?.method ?? 'GET'), performance.now() - t0);
		return response;
	}) as unknown as PouchDB.Core.Options['fetch'];
const fetchOption = (traced?: Trace) => (traced || keepAlive ? { fetch: fetchInto(traced) } : {});

const gatewayDb = (server: Gateway, username: string, traced?: Trace): Db =>
	new PouchDB<Record<string, unknown>>(`${server.url}/db/helpdesk`, { auth: { username, password: PASSWORD }, skip_setup: true, ...fetchOption(traced) });
const standinDb = (couch: Standin, name: string, traced?: Trace): Db => new PouchDB<Record<string, unknown>>(`${couch.url}/${name}`, fetchOption(traced));

// ---------------------------------------------------------------- results

interface Row {
	section: string;
	what: string;
	gateway: number;
	anchor: number;
	unit: 'ms';
	note?: string;
	/** An absolute goal (the gateway's figure must be under it), judged instead of the 1.5x speed-up. */
	goalBelowMs?: number;
}
const rows: Row[] = [];
const notes: string[] = [];

function ratioLine(gateway: number, anchor: number) {
	const ratio = gateway / anchor;
	const speedup = anchor / gateway;
	return `gateway/anchor time ratio ${ratio.toFixed(2)}; speed-up anchor/gateway ${speedup.toFixed(2)}x (goal ≥ 1.5x: ${speedup >= 1.5 ? 'MET' : 'NOT MET'})`;
}

/** Whether a row meets its goal: its absolute bound when it has one, else the 1.5x speed-up. */
const meetsGoal = (r: Row) => (r.goalBelowMs === undefined ? r.anchor / r.gateway >= 1.5 : r.gateway < r.goalBelowMs);

function record(row: Row) {
	rows.push(row);
	const absolute = row.goalBelowMs === undefined ? '' : `; goal < ${fmtMs(row.goalBelowMs)}: ${meetsGoal(row) ? 'MET' : 'NOT MET'}`;
	log(`  => ${row.section} ${row.what}: gateway ${fmtMs(row.gateway)}, anchor ${fmtMs(row.anchor)}; ${ratioLine(row.gateway, row.anchor)}${absolute}`);
}

// ---------------------------------------------------------------- part 1 and 2: bulk replication

/**
 * Times one replication run by this process against the server whose pid is given, and prints the CPU seconds each side
 * used meanwhile: this process (the PouchDB client, the same work for both servers) and the server (its whole process).
 * A replication does one batch at a time, so its time is at least roughly the client's CPU plus the server's.
 */
async function timedReplication(label: string, run: () => PouchDB.Replication.Replication<Record<string, unknown>>, expectAtLeast: number, serverPid: number | undefined) {
	trace.reset();
	const cpuAt = { server: serverPid ? cpuSeconds(serverPid) : NaN, client: process.cpuUsage() };
	const t0 = performance.now();
	const result = await run();
	const ms = performance.now() - t0;
	const clientUsage = process.cpuUsage(cpuAt.client);
	const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
	const serverCpu = serverPid ? cpuSeconds(serverPid) - cpuAt.server : NaN;
	if (result.doc_write_failures > 0 || result.docs_written < expectAtLeast) {
		throw new Error(`${label}: wrote ${result.docs_written} (expected ≥ ${expectAtLeast}), ${result.doc_write_failures} failures: ${JSON.stringify(result.errors).slice(0, 500)}`);
	}
	log(`  ${label}: ${result.docs_written} docs in ${fmtMs(ms)} (${Math.round((result.docs_written / ms) * 1000)} docs/s)`);
	log(`    requests (time to headers, client side): ${trace.summary()}`);
	log(`    CPU meanwhile: server ${serverCpu.toFixed(2)} s, this process (the client) ${clientCpu.toFixed(2)} s; ${load()}`);
	return ms;
}

async function countTickets(db: Db) {
	return (await db.allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff' })).rows.length;
}

async function bulkRound(source: Db, couch: Standin, batch: number, server: Gateway) {
	const section = `1. replicate ${N_DOCS} docs, batch_size ${batch}`;
	log(`${section}: push (${load()})`);
	// Open both targets first (auth cache, database creation), so the timed runs are replication only.
	const gwPushTarget = gatewayDb(server, 'coord', trace);
	await gwPushTarget.info();
	const anPushTarget = standinDb(couch, `push_b${batch}`, trace);
	await anPushTarget.info();
	const pushGw = await timedReplication('push → gateway (coord)', () => source.replicate.to(gwPushTarget, { batch_size: batch }), N_DOCS, server.pid);
	const pushAn = await timedReplication('push → stand-in', () => source.replicate.to(anPushTarget, { batch_size: batch }), N_DOCS, couch.pid);
	record({ section, what: 'push', gateway: pushGw, anchor: pushAn, unit: 'ms' });

	log(`${section}: pull (fresh local LevelDB each)`);
	const gwLocal = newLocal(`pull-gw-b${batch}`);
	const anLocal = newLocal(`pull-an-b${batch}`);
	const pullGw = await timedReplication('pull ← gateway (coord)', () => gwLocal.replicate.from(gatewayDb(server, 'coord', trace), { batch_size: batch }), N_DOCS, server.pid);
	const pullAn = await timedReplication('pull ← stand-in', () => anLocal.replicate.from(standinDb(couch, `push_b${batch}`, trace), { batch_size: batch }), N_DOCS, couch.pid);
	const [gwCount, anCount] = [await countTickets(gwLocal), await countTickets(anLocal)];
	if (gwCount !== N_DOCS || anCount !== N_DOCS) throw new Error(`pull b${batch}: tickets on device gateway ${gwCount}, anchor ${anCount}, expected ${N_DOCS}`);
	await destroyLocal(gwLocal);
	await destroyLocal(anLocal);
	record({ section, what: 'pull', gateway: pullGw, anchor: pullAn, unit: 'ms' });
}

async function technicianFirstSync(source: Db, couch: Standin, server: Gateway) {
	const section = '2. tech-n first pull (5,000-ticket scope)';
	const north = N_DOCS / 2;
	log(`${section} (${load()}): loading the same ${north} north tickets into stand-in db "north" (untimed)…`);
	const anNorth = standinDb(couch, 'north', trace);
	const northDocs = (await source.allDocs({ include_docs: true })).rows.flatMap((r) => ((r.doc as { building?: string } | undefined)?.building === 'north' ? [r.doc!] : []));
	for (let i = 0; i < northDocs.length; i += 1000) await anNorth.bulkDocs(northDocs.slice(i, i + 1000), { new_edits: false });
	const gwLocal = newLocal('tech-n-gw');
	const anLocal = newLocal('tech-n-an');
	const remote = gatewayDb(server, 'tech-n', trace);
	await remote.info();
	await anNorth.info();
	const gw = await timedReplication('pull ← gateway as tech-n (server holds north + south)', () => gwLocal.replicate.from(remote, { batch_size: 100 }), north, server.pid);
	const an = await timedReplication('pull ← stand-in (north only)', () => anLocal.replicate.from(anNorth, { batch_size: 100 }), north, couch.pid);
	const [gwCount, anCount] = [await countTickets(gwLocal), await countTickets(anLocal)];
	log(`  tickets on device: gateway ${gwCount}, anchor ${anCount} (expected ${north})`);
	if (gwCount !== north || anCount !== north) throw new Error('tech-n first pull: wrong number of tickets on the device');
	const south = (await gwLocal.allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff', include_docs: true })).rows.filter((r) => (r.doc as { building?: string })?.building !== 'north').length;
	if (south) throw new Error(`tech-n received ${south} tickets outside building north`);
	await destroyLocal(gwLocal);
	await destroyLocal(anLocal);
	record({ section, what: 'first pull', gateway: gw, anchor: an, unit: 'ms', note: 'batch_size 100' });
}

// ---------------------------------------------------------------- main

async function main() {
	console.log(`Sync benchmark: gateway vs bare stand-in (express-pouchdb), ${N_DOCS} tickets, node ${process.version}, temp ${TMP}`);
	console.log(
		`Settings: ${keepAlive ? 'clients keep connections alive, ' : ''}parts ${[...PARTS].join(',')}, batches ${BATCHES.join(',')}, live clients ${CLIENT_COUNTS.join(',')}, ${SAMPLES} samples (+${WARMUP_SAMPLES} warm-up, cap ${SAMPLE_CAP_MS / 1000} s per configuration), budget ${BUDGET_MS / 1000} s; ${load()}`
	);

	// The documents: generated once, stored once in a local source database, so every target gets the same revisions.
	log(`generating ${N_DOCS} tickets…`);
	const docs = benchTickets(N_DOCS);
	const source = newLocal('source');
	for (let i = 0; i < docs.length; i += 500) await source.bulkDocs(docs.slice(i, i + 500) as unknown as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
	const sample = (await source.allDocs({ include_docs: true, limit: 1000 })).rows.map((r) => JSON.stringify(r.doc).length);
	log(`  ${(await source.info()).doc_count} valid tickets in the source db; stored JSON size avg ${Math.round(sample.reduce((a, b) => a + b, 0) / sample.length)} B (min ${Math.min(...sample)}, max ${Math.max(...sample)})`);

	const couch = await launchStandin();
	let server: Gateway | null = null;
	let anchorDb = '';

	// Part 1 per batch size, each on a fresh server; part 2 on the first (batch_size 100) server.
	for (const [index, batch] of BATCHES.entries()) {
		if (index > 0 && elapsed() > BUDGET_MS - 420_000) {
			notes.push(`batch_size ${batch} skipped: not enough time left in the budget`);
			log(`skipping batch_size ${batch}: not enough time left`);
			continue;
		}
		if (server) await disposeGateway(server);
		server = await launchGateway(`batch ${batch}`);
		anchorDb = `push_b${batch}`;
		if (PARTS.has(1)) await bulkRound(source, couch, batch, server);
		else await populate(source, couch, batch, server);
		if (index === 0 && PARTS.has(2)) await technicianFirstSync(source, couch, server);
	}
	if (!server) throw new Error('no batch size given');

	// Part 3: live devices against the server holding the tickets, and against the stand-in db holding the same.
	if (PARTS.has(3)) {
		log(`3. propagation latency (${CLIENT_COUNTS.join(' and ')} live devices in ${P3_WORKERS} processes${P3_KEEPALIVE ? ', keeping connections alive' : ', a connection per request'}; users ${LIVE_USERS}; ${load()})`);
		const settings = (runIndex: number): LiveSettings => ({
			counts: CLIENT_COUNTS,
			samples: SAMPLES,
			warmup: WARMUP_SAMPLES,
			sampleCapMs: SAMPLE_CAP_MS,
			waitMs: WAIT_ALL_MS,
			workers: P3_WORKERS,
			keepAlive: P3_KEEPALIVE,
			users: LIVE_USERS,
			dir: join(TMP, 'live'),
			runIndex,
			timeLeft: () => elapsed() < BUDGET_MS,
			newLocal,
			log,
			onCleanup: (step) => cleanups.push(step)
		});
		const gw = server;
		const gwLat = await propagation(
			{ label: 'gateway', device: (username) => ({ url: `${gw.url}/db/helpdesk`, username, password: PASSWORD }), remote: (u) => gatewayDb(gw, u), serverPid: gw.pid },
			settings(0)
		);
		// BENCH_P3_GATEWAY_ONLY=1 skips the stand-in here (for profiling the gateway alone).
		const anLat =
			process.env.BENCH_P3_GATEWAY_ONLY === '1'
				? new Map<number, LatencyResult>()
				: await propagation({ label: 'anchor', device: () => ({ url: `${couch.url}/${anchorDb}` }), remote: () => standinDb(couch, anchorDb), serverPid: couch.pid }, settings(1));
		for (const n of CLIENT_COUNTS) recordPropagation(n, gwLat.get(n), anLat.get(n));
	}

	printTable();
}

/** Part 3's figures for `n` live devices, each beside the stand-in's (the anchor). */
function recordPropagation(n: number, g: LatencyResult | undefined, a: LatencyResult | undefined) {
	if (!g || !a) return;
	const section = `3. propagation, ${n} live devices`;
	const atLeast = (r: LatencyResult) => (r.timeouts ? `${r.timeouts} device-changes over ${WAIT_ALL_MS / 1000} s counted at the bound` : '');
	record({ section, what: 'every device p50', gateway: g.p50, anchor: a.p50, unit: 'ms', note: `changes gw ${g.samples}, anchor ${a.samples}; receiving devices gw ${g.need}, anchor ${a.need}` });
	record({ section, what: 'every device p95 (goal < 500 ms)', gateway: g.p95, anchor: a.p95, unit: 'ms', goalBelowMs: 500, note: [atLeast(g), atLeast(a)].filter(Boolean).join('; ') || undefined });
	record({ section, what: 'every device max', gateway: g.max, anchor: a.max, unit: 'ms' });
	record({ section, what: 'device B p95', gateway: g.bP95, anchor: a.bP95, unit: 'ms' });
	record({ section, what: 'last device p50', gateway: g.lastP50, anchor: a.lastP50, unit: 'ms' });
	record({ section, what: 'last device p95', gateway: g.lastP95, anchor: a.lastP95, unit: 'ms' });
	record({ section, what: 'server CPU per change', gateway: g.serverCpu, anchor: a.serverCpu, unit: 'ms', note: `gateway main thread ${fmtMs(g.serverMainCpu)}` });
	record({ section, what: 'devices CPU per change', gateway: g.clientsCpu, anchor: a.clientsCpu, unit: 'ms' });
	const floor = (r: LatencyResult) => (r.serverCpu + r.clientsCpu + r.benchCpu) / cpus().length;
	record({ section, what: `CPU floor per change (all CPU / ${cpus().length} cores)`, gateway: floor(g), anchor: floor(a), unit: 'ms' });
	notes.push(`${n} devices — gateway: ${g.trend}; ${g.load}. anchor: ${a.trend}; ${a.load}`);
	if (g.errors || a.errors) notes.push(`${n} devices: replication errors/retries gateway ${g.errors}, anchor ${a.errors}`);
}

/** Loads the tickets into a server and the stand-in without timing (when part 1 is not selected). */
async function populate(source: Db, couch: Standin, batch: number, server: Gateway) {
	log(`loading ${N_DOCS} tickets into the gateway and stand-in db push_b${batch} (untimed)…`);
	await source.replicate.to(gatewayDb(server, 'coord'), { batch_size: 500 });
	await source.replicate.to(standinDb(couch, `push_b${batch}`), { batch_size: 500 });
}

function printTable() {
	const header = ['section', 'measure', 'gateway', 'anchor', 'gw/anchor', 'speed-up', 'goal met'];
	const body = rows.map((r) => [
		r.section,
		r.what,
		fmtMs(r.gateway),
		fmtMs(r.anchor),
		(r.gateway / r.anchor).toFixed(2),
		`${(r.anchor / r.gateway).toFixed(2)}x`,
		meetsGoal(r) ? 'yes' : 'no'
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
	console.log('\n=== Final table (times; gw/anchor = time ratio, speed-up = anchor time / gateway time; goal ≥ 1.5x, or the bound a row names) ===');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of body) console.log(line(row));
	for (const note of notes) console.log(`note: ${note}`);
	console.log(`total bench time ${(elapsed() / 1000).toFixed(1)} s`);
}

await runBench(main, { report: () => rows.length > 0 && printTable(), cleanup, log });

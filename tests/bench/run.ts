/**
 * Sync benchmark: the gateway (/db/helpdesk, auth + scope filtering) against the bare CouchDB stand-in
 * (express-pouchdb over LevelDB, no auth) as the anchor, with the same documents, on this machine.
 *
 *   npm run bench            (tsx tests/bench/run.ts; never part of npm test)
 *
 * 1. 10,000 tickets of ~1 KB: push and pull separately (batch_size 100, then 500 if time allows).
 * 2. A building technician's first pull of a 5,000-ticket scope (server holds 5,000 north + 5,000 south).
 * 3. Propagation latency A → B (p50/p95) with 100 and 500 live pull clients connected.
 *
 * Knobs (environment): BENCH_DOCS (10000), BENCH_SAMPLES (30), BENCH_CLIENTS ("100,500"),
 * BENCH_BATCHES ("100,500"), BENCH_PARTS ("1,2,3"), BENCH_BUDGET_S (570), BENCH_SAMPLE_CAP_S (90: sampling time per
 * live-client configuration), BENCH_LIVE_USERS ("coord": every background client sees every change, as on the
 * stand-in; "mixed": district users, so scope filtering spares some), BENCH_PROFILE_DIR (gateway runs with --cpu-prof),
 * BENCH_P3_GATEWAY_ONLY=1 (part 3 without the stand-in, for profiling), BENCH_KEEPALIVE=1 (the bench's PouchDB clients reuse
 * connections, as browsers do; by default node-fetch sends `Connection: close` and opens a connection per request).
 * Every replication also prints the client-side time per kind of request (_changes, _bulk_get, _bulk_docs, _local…).
 * All traffic goes to 127.0.0.1. Temp dirs and child processes are removed at the end, even on failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { PASSWORD, provision } from '../support/district';
import { ADMIN_PASSWORD, freePort, type RunningServer, startServer } from '../support/server';
import { runBench } from './harness';
import { cpuSeconds } from './monday-processes';
import { benchTicket, benchTickets } from './tickets';

const ROOT = resolve(import.meta.dirname, '../..');

type Db = PouchDB.Database<Record<string, unknown>>;
type Rep = PouchDB.Replication.Replication<Record<string, unknown>>;
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
const WAIT_B_MS = 30_000; // bound on the wait for B
const WAIT_ALL_MS = 40_000; // bound on the wait for every client (lets a saturated server drain between samples)

const START = performance.now();
const elapsed = () => performance.now() - START;
const stamp = () => `[${(elapsed() / 1000).toFixed(1).padStart(6)} s]`;
const log = (...parts: unknown[]) => console.log(stamp(), ...parts);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`);

// ---------------------------------------------------------------- cleanup

const TMP = mkdtempSync(join(tmpdir(), 'hd-bench-'));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
const liveReps = new Set<{ cancel(): void }>();
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		for (const rep of liveReps) rep.cancel();
		liveReps.clear();
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

async function launchGateway(label: string): Promise<RunningServer> {
	log(`starting gateway server (${label})${PROFILE_DIR ? ` with --cpu-prof into ${PROFILE_DIR}` : ''}…`);
	const server = PROFILE_DIR ? await startProfiledServer(PROFILE_DIR) : await startServer();
	cleanups.push(() => disposeGateway(server));
	await provision(server);
	return server;
}

/** Like startServer, but node runs with --cpu-prof (not allowed in NODE_OPTIONS); the profile is written at exit. */
async function startProfiledServer(dir: string): Promise<RunningServer> {
	const port = await freePort();
	const dataDir = join(TMP, `server-${port}`);
	mkdirSync(dataDir, { recursive: true });
	const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '0', ADMIN_PASSWORD, WEB_DIR: join(ROOT, 'build') };
	let output = '';
	const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
	await new Promise<void>((ready, fail) => {
		child.stdout?.on('data', (c: Buffer) => {
			output += c.toString();
			if (output.includes('Helpdesk ready')) ready();
		});
		child.once('exit', (code) => fail(new Error(`profiled server exited with ${code}:\n${output}`)));
	});
	const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			child.once('exit', () => done());
			child.kill(signal);
		});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dataDir,
		env,
		pid: () => child.pid,
		stop,
		restart: () => Promise.reject(new Error('not supported')),
		dispose: stop,
		output: () => output
	};
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

/** SIGTERM (SIGKILL after 5 s) and removal of the server's data folder; safe to call twice. */
async function disposeGateway(server: RunningServer) {
	await Promise.race([server.stop(), sleep(PROFILE_DIR ? 30_000 : 5000)]);
	await server.stop('SIGKILL');
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

const gatewayDb = (server: RunningServer, username: string, traced?: Trace): Db =>
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
}
const rows: Row[] = [];
const notes: string[] = [];

function ratioLine(gateway: number, anchor: number) {
	const ratio = gateway / anchor;
	const speedup = anchor / gateway;
	return `gateway/anchor time ratio ${ratio.toFixed(2)}; speed-up anchor/gateway ${speedup.toFixed(2)}x (goal ≥ 1.5x: ${speedup >= 1.5 ? 'MET' : 'NOT MET'})`;
}

function record(row: Row) {
	rows.push(row);
	log(`  => ${row.section} ${row.what}: gateway ${fmtMs(row.gateway)}, anchor ${fmtMs(row.anchor)}; ${ratioLine(row.gateway, row.anchor)}`);
}

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
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

async function bulkRound(source: Db, couch: Standin, batch: number, server: RunningServer) {
	const section = `1. replicate ${N_DOCS} docs, batch_size ${batch}`;
	log(`${section}: push (${load()})`);
	// Open both targets first (auth cache, database creation), so the timed runs are replication only.
	const gwPushTarget = gatewayDb(server, 'coord', trace);
	await gwPushTarget.info();
	const anPushTarget = standinDb(couch, `push_b${batch}`, trace);
	await anPushTarget.info();
	const pushGw = await timedReplication('push → gateway (coord)', () => source.replicate.to(gwPushTarget, { batch_size: batch }), N_DOCS, server.pid?.());
	const pushAn = await timedReplication('push → stand-in', () => source.replicate.to(anPushTarget, { batch_size: batch }), N_DOCS, couch.pid);
	record({ section, what: 'push', gateway: pushGw, anchor: pushAn, unit: 'ms' });

	log(`${section}: pull (fresh local LevelDB each)`);
	const gwLocal = newLocal(`pull-gw-b${batch}`);
	const anLocal = newLocal(`pull-an-b${batch}`);
	const pullGw = await timedReplication('pull ← gateway (coord)', () => gwLocal.replicate.from(gatewayDb(server, 'coord', trace), { batch_size: batch }), N_DOCS, server.pid?.());
	const pullAn = await timedReplication('pull ← stand-in', () => anLocal.replicate.from(standinDb(couch, `push_b${batch}`, trace), { batch_size: batch }), N_DOCS, couch.pid);
	const [gwCount, anCount] = [await countTickets(gwLocal), await countTickets(anLocal)];
	if (gwCount !== N_DOCS || anCount !== N_DOCS) throw new Error(`pull b${batch}: tickets on device gateway ${gwCount}, anchor ${anCount}, expected ${N_DOCS}`);
	await destroyLocal(gwLocal);
	await destroyLocal(anLocal);
	record({ section, what: 'pull', gateway: pullGw, anchor: pullAn, unit: 'ms' });
}

async function technicianFirstSync(source: Db, couch: Standin, server: RunningServer) {
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
	const gw = await timedReplication('pull ← gateway as tech-n (server holds north + south)', () => gwLocal.replicate.from(remote, { batch_size: 100 }), north, server.pid?.());
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

// ---------------------------------------------------------------- part 3: propagation latency

interface LiveClient {
	local: Db;
	rep: Rep | null;
	/** Resolves at the replication's first 'paused' (caught up). */
	ready: Promise<void>;
}

class Fanout {
	#pending = new Map<string, { need: number; got: number; t0: number; done: (ms: number) => void }>();
	errors = 0;
	expect(id: string, need: number, t0: number): Promise<number> {
		return new Promise((done) => this.#pending.set(id, { need, got: 0, t0, done }));
	}
	arrived(id: string) {
		const p = this.#pending.get(id);
		if (!p) return;
		if (++p.got >= p.need) {
			this.#pending.delete(id);
			p.done(performance.now() - p.t0);
		}
	}
	forget(id: string) {
		this.#pending.delete(id);
	}
}

interface LatencyResult {
	p50: number;
	p95: number;
	fanP50: number;
	fanP95: number;
	timeouts: number;
	fanTimeouts: number;
	samples: number;
	errors: number;
	need: number;
	trend: string;
}

/** One target (gateway or stand-in): live clients joined in steps (100, then 500), samples at each step. */
async function propagation(
	target: 'gateway' | 'anchor',
	remoteFor: (username: string, traced?: Trace) => Db,
	counts: number[],
	pool: Db[],
	runIndex: number,
	serverPid: number | undefined
): Promise<Map<number, LatencyResult>> {
	const out = new Map<number, LatencyResult>();
	const fanout = new Fanout();
	const liveTrace = new Trace();
	const reps: Rep[] = [];
	let repErrors = 0;
	let sampleSeq = 0;
	const track = (rep: Rep) => {
		reps.push(rep);
		liveReps.add(rep);
		rep.on('paused', (err) => err && repErrors++);
		rep.on('denied', () => repErrors++);
		rep.on('error', () => repErrors++);
		return rep;
	};

	// Device A: the coordinator's device with a live push.
	const aLocal = newLocal(`A-${target}`);
	const aRep = track(aLocal.replicate.to(remoteFor('coord'), { live: true, retry: true, batch_size: 100 }) as Rep);
	void aRep;

	// Device B: the north technician's device with a live pull; its local 'change' event ends a sample.
	const bLocal = newLocal(`B-${target}`);
	const bWaiters = new Map<string, (t: number) => void>();
	const bFeed = bLocal.changes({ since: 'now', live: true });
	liveReps.add(bFeed);
	bFeed.on('change', (change) => {
		const t = performance.now();
		bWaiters.get(change.id)?.(t);
	});
	// Live clients start at the current sequence: they join a district whose devices are already in sync.
	const since = (await remoteFor('coord').info()).update_seq;

	const startClient = (local: Db, username: string): LiveClient => {
		let ready!: () => void;
		const readyP = new Promise<void>((r) => (ready = r));
		const rep = track(local.replicate.from(remoteFor(username, liveTrace), { live: true, retry: true, batch_size: 100, since: since as number }) as Rep);
		rep.on('change', (info) => {
			for (const doc of info.docs) fanout.arrived(doc._id);
		});
		rep.on('paused', (err) => !err && ready());
		return { local, rep, ready: readyP };
	};
	const users = ['coord', 'tech-n', 'tech-s', 'spec', 'ann', 'bob', 'cat'];
	const userFor = (i: number) => (LIVE_USERS === 'coord' ? 'coord' : users[i % users.length]);
	// The bench tickets are north tickets requested by ann and assigned to tech-n: those, and the coordinator, receive them.
	const receives = (u: string) => target === 'anchor' || ['coord', 'tech-n', 'ann'].includes(u);
	const clients: { user: string; client: LiveClient }[] = [{ user: 'tech-n', client: startClient(bLocal, 'tech-n') }];

	for (const total of counts) {
		if (elapsed() > BUDGET_MS) {
			notes.push(`part 3 ${target} with ${total} clients skipped: time budget used`);
			log(`  skipping ${total} clients: time budget used`);
			continue;
		}
		const joining = total - clients.length;
		const t0 = performance.now();
		for (let i = clients.length - 1; i < total - 1; i++) {
			const user = userFor(i);
			clients.push({ user, client: startClient(pool[i], user) });
		}
		await Promise.race([Promise.all(clients.map((c) => c.client.ready)), sleep(120_000)]);
		log(`  ${target}: ${total} live pull clients connected (${joining} joined in ${fmtMs(performance.now() - t0)}; background users: ${LIVE_USERS}; replication errors so far ${repErrors}; ${load()})`);
		await sleep(500);

		const need = clients.filter((c) => receives(c.user)).length; // B (tech-n) included
		const latencies: number[] = [];
		const fan: number[] = [];
		let timeouts = 0;
		let fanTimeouts = 0;
		const sampling = performance.now();
		// CPU seconds of the server and of this process (the live clients) while sampling: where a change's time goes.
		const cpuAt = { server: serverPid ? cpuSeconds(serverPid) : 0, clients: process.cpuUsage() };
		liveTrace.reset();
		for (let s = 0; s < WARMUP_SAMPLES + SAMPLES; s++) {
			if (s > WARMUP_SAMPLES && performance.now() - sampling > SAMPLE_CAP_MS) {
				log(`    ${target} ${total} clients: sampling time cap (${SAMPLE_CAP_MS / 1000} s) reached after ${s - WARMUP_SAMPLES} samples`);
				notes.push(`part 3 ${target} ${total} clients: ${s - WARMUP_SAMPLES} of ${SAMPLES} samples (time cap ${SAMPLE_CAP_MS / 1000} s per configuration)`);
				break;
			}
			const ticket = benchTicket(200_000 + sampleSeq, 900 + runIndex, sampleSeq++, 'north');
			const gotB = new Promise<number>((resolve) => bWaiters.set(ticket._id, resolve));
			const start = performance.now();
			const all = fanout.expect(ticket._id, need, start);
			await aLocal.put(ticket as unknown as Record<string, unknown>);
			const atB = await Promise.race([gotB, sleep(WAIT_B_MS).then(() => NaN)]);
			bWaiters.delete(ticket._id);
			const allMs = await Promise.race([all, sleep(Math.max(0, WAIT_ALL_MS - (performance.now() - start))).then(() => NaN)]);
			fanout.forget(ticket._id);
			if (s < WARMUP_SAMPLES) continue;
			// A timeout counts as its bound, so percentiles stay honest (they then read "at least").
			if (Number.isNaN(atB)) timeouts++;
			latencies.push(Number.isNaN(atB) ? WAIT_B_MS : atB - start);
			if (Number.isNaN(allMs)) fanTimeouts++;
			fan.push(Number.isNaN(allMs) ? WAIT_ALL_MS : allMs);
			const n = s - WARMUP_SAMPLES + 1;
			if (n % 10 === 0 || (total >= 500 && n % 5 === 0) || performance.now() - start > 5000) {
				log(`    ${target} ${total} clients: ${n}/${SAMPLES} samples, last A→B ${fmtMs(latencies.at(-1)!)}, last all-clients ${fmtMs(fan.at(-1)!)}`);
			}
			await sleep(100);
		}
		const changes = latencies.length + WARMUP_SAMPLES;
		const serverCpu = serverPid ? cpuSeconds(serverPid) - cpuAt.server : NaN;
		const clientsUsage = process.cpuUsage(cpuAt.clients);
		const clientsCpu = (clientsUsage.user + clientsUsage.system) / 1e6;
		const cpu = `server ${serverCpu.toFixed(1)} s (${((serverCpu / changes) * 1000).toFixed(0)} ms per change), this process (clients) ${clientsCpu.toFixed(1)} s (${((clientsCpu / changes) * 1000).toFixed(0)} ms per change), ${changes} changes, wall ${((performance.now() - sampling) / 1000).toFixed(1)} s`;
		const third = Math.max(1, Math.floor(latencies.length / 3));
		const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
		const trend = `A→B median of first ${third} samples ${fmtMs(median(latencies.slice(0, third)))}, of last ${third} ${fmtMs(median(latencies.slice(-third)))}`;
		const sortedB = [...latencies].sort((a, b) => a - b);
		const sortedAll = [...fan].sort((a, b) => a - b);
		const result: LatencyResult = {
			p50: percentile(sortedB, 50),
			p95: percentile(sortedB, 95),
			fanP50: percentile(sortedAll, 50),
			fanP95: percentile(sortedAll, 95),
			timeouts,
			fanTimeouts,
			samples: latencies.length,
			errors: repErrors,
			need,
			trend
		};
		out.set(total, result);
		log(
			`  ${target} ${total} clients: A→B p50 ${fmtMs(result.p50)}, p95 ${fmtMs(result.p95)} (${result.samples} samples, ${timeouts} over ${WAIT_B_MS / 1000} s); all ${need} receiving clients p50 ${fmtMs(result.fanP50)}, p95 ${fmtMs(result.fanP95)} (${fanTimeouts} over ${WAIT_ALL_MS / 1000} s); replication errors ${repErrors}`
		);
		log(`    trend: ${trend}`);
		log(`    CPU during sampling: ${cpu}; ${load()}`);
		notes.push(`${target} ${total} clients, CPU during sampling: ${cpu}`);
		log(`    live clients' requests during sampling (${latencies.length + WARMUP_SAMPLES} changes; time to headers): ${liveTrace.summary()}`);
	}

	log(`  ${target}: stopping ${reps.length} live replications…`);
	bFeed.cancel();
	liveReps.delete(bFeed);
	for (const rep of reps) {
		rep.cancel();
		liveReps.delete(rep);
	}
	await sleep(1000);
	await destroyLocal(aLocal);
	await destroyLocal(bLocal);
	return out;
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
	let server: RunningServer | null = null;
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

	// Part 3: live clients against the server holding the tickets, and against the stand-in db holding the same.
	if (PARTS.has(3)) {
		log(`3. propagation latency A → B (${CLIENT_COUNTS.join(' and ')} live pull clients; background clients as ${LIVE_USERS}; ${load()})`);
		const maxClients = Math.max(...CLIENT_COUNTS);
		const pool = Array.from({ length: maxClients }, (_, i) => newLocal(`c${i}`));
		const gw = server;
		const gwLat = await propagation('gateway', (u, t) => gatewayDb(gw, u, t), CLIENT_COUNTS, pool, 0, gw.pid?.());
		// BENCH_P3_GATEWAY_ONLY=1 skips the stand-in here (for profiling the gateway alone).
		const anLat = process.env.BENCH_P3_GATEWAY_ONLY === '1' ? new Map<number, LatencyResult>() : await propagation('anchor', (_u, t) => standinDb(couch, anchorDb, t), CLIENT_COUNTS, pool, 1, couch.pid);
		for (const n of CLIENT_COUNTS) {
			const g = gwLat.get(n);
			const a = anLat.get(n);
			if (!g || !a) continue;
			const section = `3. propagation, ${n} live clients`;
			const atLeast = (r: LatencyResult, v: number, bound: number) => (v >= bound ? ` (≥: ${r.timeouts + r.fanTimeouts} timed out)` : '');
			record({ section, what: 'A→B p50', gateway: g.p50, anchor: a.p50, unit: 'ms', note: `samples gw ${g.samples}, anchor ${a.samples}` });
			record({ section, what: 'A→B p95', gateway: g.p95, anchor: a.p95, unit: 'ms', note: `${atLeast(g, g.p95, WAIT_B_MS)}${atLeast(a, a.p95, WAIT_B_MS)}`.trim() || undefined });
			record({ section, what: 'all clients p50', gateway: g.fanP50, anchor: a.fanP50, unit: 'ms', note: `receiving clients gw ${g.need}, anchor ${a.need}` });
			record({ section, what: 'all clients p95', gateway: g.fanP95, anchor: a.fanP95, unit: 'ms' });
			notes.push(`${n} clients trend — gateway: ${g.trend}; anchor: ${a.trend}`);
			if (g.timeouts || a.timeouts || g.fanTimeouts || a.fanTimeouts)
				notes.push(`${n} clients: A→B over ${WAIT_B_MS / 1000} s gateway ${g.timeouts}, anchor ${a.timeouts}; all-clients over ${WAIT_ALL_MS / 1000} s gateway ${g.fanTimeouts}, anchor ${a.fanTimeouts} (counted at the bound)`);
			if (g.errors || a.errors) notes.push(`${n} clients: replication errors/retries gateway ${g.errors}, anchor ${a.errors}`);
		}
		await Promise.all(pool.map((db) => db.close().catch(() => undefined)));
	}

	printTable();
}

/** Loads the tickets into a server and the stand-in without timing (when part 1 is not selected). */
async function populate(source: Db, couch: Standin, batch: number, server: RunningServer) {
	log(`loading ${N_DOCS} tickets into the gateway and stand-in db push_b${batch} (untimed)…`);
	await source.replicate.to(gatewayDb(server, 'coord'), { batch_size: 500 });
	await source.replicate.to(standinDb(couch, `push_b${batch}`), { batch_size: 500 });
}

function printTable() {
	const header = ['section', 'measure', 'gateway', 'anchor', 'gw/anchor', 'speed-up', '≥1.5x'];
	const body = rows.map((r) => [
		r.section,
		r.what,
		fmtMs(r.gateway),
		fmtMs(r.anchor),
		(r.gateway / r.anchor).toFixed(2),
		`${(r.anchor / r.gateway).toFixed(2)}x`,
		r.anchor / r.gateway >= 1.5 ? 'yes' : 'no'
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
	console.log('\n=== Final table (times; gw/anchor = time ratio, speed-up = anchor time / gateway time; goal ≥ 1.5x) ===');
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of body) console.log(line(row));
	for (const note of notes) console.log(`note: ${note}`);
	console.log(`total bench time ${(elapsed() / 1000).toFixed(1)} s`);
}

await runBench(main, { report: () => rows.length > 0 && printTable(), cleanup, log });

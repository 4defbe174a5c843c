/**
 * "A Monday morning after the summer": a district of 50,000 tickets over 15 buildings, and 300 devices doing their first
 * sync at once, each a building technician's (one in ten) or a requester's scope. The same devices then pull from the
 * bare stand-in (express-pouchdb over LevelDB, no auth) as the anchor, and every figure is printed beside the anchor's.
 *
 *   npx tsx tests/bench/monday.ts          (part of `npm run bench`; never of npm test)
 *
 * The stand-in has no scopes, so each of its devices pulls a database holding exactly the tickets its gateway scope
 * holds: a technician pulls its building's database (one per building, all of that building's tickets), a requester
 * its own database (CouchDB's database-per-user pattern, the usual way to give a bare server per-person data). A filtered
 * replication (doc_ids) would have made the stand-in scan the whole district for every requester, which measures its
 * filter, not its serving. The gateway also sends each device the district's few shared documents (buildings, profiles).
 *
 * Reported for each server: devices finished with no replication error (and with every ticket of their scope), time to
 * finish p50/p95/max, the server process's peak RSS (VmRSS polled every 250 ms; VmHWM too), and the response time of
 * /api/health (the stand-in: GET /) sampled every 250 ms throughout. Goals: all finish, p95 < 30 s, RSS < 1 GB,
 * health < 200 ms throughout.
 *
 * Seeding: the gateway gets a tenth of the tickets (at most 5,000) through its own _bulk_docs as the coordinator, in
 * batches of 1,000, and the rest written straight into its stopped store's LevelDB folder; both rates are printed.
 * The devices live in BENCH_MONDAY_WORKERS child processes (tests/bench/monday-devices.ts), so the client side does not
 * queue on one event loop; all of them share the machine with the server.
 *
 * Knobs: BENCH_MONDAY_TICKETS (50000), BENCH_MONDAY_DEVICES (300), BENCH_MONDAY_BUILDINGS (15), BENCH_MONDAY_WORKERS (3),
 * BENCH_MONDAY_BATCH (250, the PWA's pull batch), BENCH_MONDAY_TIMEOUT_S (600 per device), BENCH_PROFILE_DIR (gateway
 * runs with --cpu-prof), BENCH_MONDAY_STANDIN=0 (the gateway alone), BENCH_MONDAY_NOTIFICATIONS (0: how many notifications
 * of the coordinator, who has no device, the store also holds; documents every device's first sync must not pay for),
 * BENCH_SERVER_ROOT (the gateway of another checkout, for paired runs). A small run: BENCH_MONDAY_TICKETS=5000 BENCH_MONDAY_DEVICES=30 (a minute or two).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PASSWORD } from '../support/district';
import { freePort, type RunningServer } from '../support/server';
import { runBench } from './harness';
import { buildDistrict, coordinatorNotifications, type District, LOADER, loadIntoStore, loadStandin, loadThroughGateway, provisionDistrict, standinDbName } from './monday-district';
import type { DeviceResult, WorkerDevice } from './monday-devices';
import { cpuSeconds, type NodeProcess, type Probes, startGatewayProcess, startProbes, startStandinProcess } from './monday-processes';

const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
};
const TICKETS = envNum('BENCH_MONDAY_TICKETS', 50_000);
const DEVICES = envNum('BENCH_MONDAY_DEVICES', 300);
const BUILDINGS = envNum('BENCH_MONDAY_BUILDINGS', 15);
const WORKERS = envNum('BENCH_MONDAY_WORKERS', 3);
const BATCH = envNum('BENCH_MONDAY_BATCH', 250);
const TIMEOUT_MS = envNum('BENCH_MONDAY_TIMEOUT_S', 600) * 1000;
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
/** BENCH_MONDAY_STANDIN=0 runs the gateway alone, to compare two versions of it back to back in less time. */
const WITH_STANDIN = process.env.BENCH_MONDAY_STANDIN !== '0';
const NOTIFICATIONS = Math.min(envNum('BENCH_MONDAY_NOTIFICATIONS', 0), TICKETS);
/** BENCH_SERVER_ROOT: the gateway of another checkout (e.g. an older commit's worktree), for paired runs. */
const SERVER_ROOT = resolve(process.env.BENCH_SERVER_ROOT ?? resolve(import.meta.dirname, '../..'));

const START = performance.now();
const log = (...parts: unknown[]) => console.log(`[${((performance.now() - START) / 1000).toFixed(1).padStart(6)} s]`, ...parts);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`);
const rate = (n: number, ms: number) => `${n} tickets in ${fmtMs(ms)} (${Math.round((n / ms) * 1000)}/s)`;

const TMP = mkdtempSync(join(tmpdir(), 'hd-monday-'));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
async function cleanup() {
	for (const step of cleanups.splice(0).reverse()) await Promise.resolve(step()).catch(() => undefined);
	rmSync(TMP, { recursive: true, force: true });
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

interface Outcome {
	results: DeviceResult[];
	probes: Awaited<ReturnType<Probes['stop']>>;
	wallMs: number;
	/** CPU seconds used during the run by the server, and by the device processes together. */
	serverCpuS: number;
	/** Of serverCpuS, its main thread's (the rest is the libuv pool: argon2 password checks, LevelDB reads). */
	serverMainCpuS: number;
	devicesCpuS: number;
}

/** Runs every device's first pull at once, spread over the worker processes, while the probes watch the server. */
async function monday(label: string, server: NodeProcess, healthUrl: string, devices: WorkerDevice[]): Promise<Outcome> {
	const dir = join(TMP, label);
	const workers: ChildProcess[] = [];
	const results: DeviceResult[] = [];
	const finished: Promise<void>[] = [];
	const ready: Promise<void>[] = [];
	for (let w = 0; w < Math.min(WORKERS, devices.length); w++) {
		const child = fork(join(import.meta.dirname, 'monday-devices.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		workers.push(child);
		cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
		ready.push(new Promise((done) => child.on('message', (m: { type: string }) => m.type === 'ready' && done())));
		finished.push(
			new Promise((done, fail) => {
				child.on('message', (m: { type: string } & DeviceResult) => {
					if (m.type === 'done') results.push(m);
					if (m.type === 'finished') done();
				});
				child.once('exit', (code) => fail(new Error(`device worker exited early (${code})`)));
			})
		);
		const share = devices.filter((_, i) => i % WORKERS === w);
		child.send({ type: 'devices', dir: join(dir, `w${w}`), batchSize: BATCH, timeoutMs: TIMEOUT_MS, devices: share });
	}
	await Promise.all(ready);
	log(`${label}: ${devices.length} devices ready in ${workers.length} worker processes; go (${load()})`);
	const probes = startProbes(server.pid, healthUrl);
	const devicesCpu = () => workers.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0);
	const cpuAtGo = { server: cpuSeconds(server.pid), serverMain: cpuSeconds(server.pid, true), devices: devicesCpu() };
	const t0 = performance.now();
	for (const child of workers) child.send({ type: 'go' });
	let shown = 0;
	const progress = setInterval(() => {
		if (results.length === shown) return;
		shown = results.length;
		log(`  ${label}: ${shown}/${devices.length} devices done (${results.filter((r) => r.error).length} with an error; ${load()})`);
	}, 5000);
	await Promise.all(finished).finally(() => clearInterval(progress));
	const wallMs = performance.now() - t0;
	const serverCpuS = cpuSeconds(server.pid) - cpuAtGo.server;
	const serverMainCpuS = cpuSeconds(server.pid, true) - cpuAtGo.serverMain;
	const devicesCpuS = devicesCpu() - cpuAtGo.devices;
	const probed = await probes.stop();
	for (const child of workers) child.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
	for (const r of results.filter((x) => x.error).slice(0, 3)) log(`  ${label}: ${r.label}: ${r.error}`);
	return { results, probes: probed, wallMs, serverCpuS, serverMainCpuS, devicesCpuS };
}

function report(district: District, gateway: Outcome, standin: Outcome | null) {
	const figures = (o: Outcome) => {
		const times = o.results.map((r) => r.ms);
		return {
			ok: o.results.filter((r) => !r.error).length,
			p50: percentile(times, 50),
			p95: percentile(times, 95),
			max: Math.max(...times),
			rss: o.probes.peakRssMb,
			hwm: o.probes.hwmMb,
			hp95: percentile(o.probes.health, 95),
			hmax: Math.max(...o.probes.health),
			hover: o.probes.health.filter((ms) => ms >= 200).length,
			hn: o.probes.health.length,
			docs: o.results.reduce((s, r) => s + r.docs, 0),
			serverCpu: o.serverCpuS,
			serverMainCpu: o.serverMainCpuS,
			devicesCpu: o.devicesCpuS
		};
	};
	const g = figures(gateway);
	const a = standin ? figures(standin) : null;
	const n = district.devices.length;
	const rows: [string, string, string, string, string][] = [
		['finished with no error', `${g.ok}/${n}`, a ? `${a.ok}/${n}` : '-', '', g.ok === n ? 'MET' : 'NOT MET'],
		['time to finish p50', fmtMs(g.p50), a ? fmtMs(a.p50) : '-', a ? (g.p50 / a.p50).toFixed(2) : '', ''],
		['time to finish p95 (goal < 30 s)', fmtMs(g.p95), a ? fmtMs(a.p95) : '-', a ? (g.p95 / a.p95).toFixed(2) : '', g.p95 < 30_000 ? 'MET' : 'NOT MET'],
		['time to finish max', fmtMs(g.max), a ? fmtMs(a.max) : '-', a ? (g.max / a.max).toFixed(2) : '', ''],
		['server peak RSS (goal < 1 GB)', `${g.rss} MB (HWM ${g.hwm})`, a ? `${a.rss} MB (HWM ${a.hwm})` : '-', a ? (g.rss / a.rss).toFixed(2) : '', g.rss < 1024 ? 'MET' : 'NOT MET'],
		['health p95 (goal < 200 ms)', fmtMs(g.hp95), a ? fmtMs(a.hp95) : '-', a ? (g.hp95 / a.hp95).toFixed(2) : '', g.hp95 < 200 ? 'MET' : 'NOT MET'],
		['health max (goal < 200 ms)', fmtMs(g.hmax), a ? fmtMs(a.hmax) : '-', a ? (g.hmax / a.hmax).toFixed(2) : '', g.hmax < 200 ? 'MET' : 'NOT MET'],
		['health samples ≥ 200 ms', `${g.hover} of ${g.hn}`, a ? `${a.hover} of ${a.hn}` : '-', '', ''],
		['documents written on devices', String(g.docs), a ? String(a.docs) : '-', '', ''],
		['server CPU during the run', `${g.serverCpu.toFixed(1)} s`, a ? `${a.serverCpu.toFixed(1)} s` : '-', a ? (g.serverCpu / a.serverCpu).toFixed(2) : '', ''],
		['  of which its main thread', `${g.serverMainCpu.toFixed(1)} s`, a ? `${a.serverMainCpu.toFixed(1)} s` : '-', a ? (g.serverMainCpu / a.serverMainCpu).toFixed(2) : '', ''],
		['device processes CPU during the run', `${g.devicesCpu.toFixed(1)} s`, a ? `${a.devicesCpu.toFixed(1)} s` : '-', a ? (g.devicesCpu / a.devicesCpu).toFixed(2) : '', '']
	];
	const header: [string, string, string, string, string] = ['figure', 'gateway', 'stand-in', 'gw/stand-in', 'goal'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
	const techs = district.devices.filter((d) => d.role === 'building-tech');
	console.log(
		`\n=== Monday morning: ${TICKETS} tickets${NOTIFICATIONS ? ` and ${NOTIFICATIONS} notifications of the coordinator` : ''}, ${BUILDINGS} buildings, ${n} devices (${techs.length} technicians of ~${techs[0]?.tickets ?? 0} tickets, ${n - techs.length} requesters of ~${district.devices.at(-1)?.tickets ?? 0}), batch_size ${BATCH}, ${WORKERS} device processes ===`
	);
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const row of rows) console.log(line(row));
	const worst = (o: Outcome) => [...o.probes.slow].sort((x, y) => y.ms - x.ms).slice(0, 10).sort((x, y) => x.atMs - y.atMs);
	const slowAt = (o: Outcome) => worst(o).map((x) => `${fmtMs(x.ms)} at +${(x.atMs / 1000).toFixed(1)} s`).join(', ') || 'none';
	console.log(`the 10 slowest health samples ≥ 200 ms, sent at (seconds after go): gateway ${slowAt(gateway)}${standin ? `; stand-in ${slowAt(standin)}` : ''}`);
	console.log(`wall time for all devices: gateway ${fmtMs(gateway.wallMs)}${standin ? `, stand-in ${fmtMs(standin.wallMs)}` : ''}; ${load()}`);
	const floor = (o: Outcome) => fmtMs(((o.serverCpuS + o.devicesCpuS) / cpus().length) * 1000);
	console.log(
		`CPU floor on this machine's ${cpus().length} cores (server + devices CPU / cores; no run can finish sooner): gateway ${floor(gateway)}${standin ? `, stand-in ${floor(standin)}` : ''}`
	);
}

async function main() {
	console.log(`Monday bench: ${TICKETS} tickets, ${NOTIFICATIONS} notifications of the coordinator, ${DEVICES} devices, ${BUILDINGS} buildings, node ${process.version}, temp ${TMP}; ${load()}`);
	const district = buildDistrict(TICKETS, DEVICES, BUILDINGS);
	log(`district generated: ${district.tickets.length} tickets, ${district.people.length} people with devices`);

	const port = await freePort();
	const dataDir = join(TMP, 'gateway');
	mkdirSync(dataDir, { recursive: true });
	log(`gateway: server/main.ts of ${SERVER_ROOT}`);
	let gateway = await startGatewayProcess(port, dataDir, undefined, SERVER_ROOT);
	cleanups.push(() => gateway.stop());
	const asServer = { url: `http://127.0.0.1:${port}` } as RunningServer;
	await provisionDistrict(asServer, { ...district, people: [LOADER, ...district.people] });
	log(`provisioned ${district.buildings.length} buildings and ${district.people.length + 1} people`);
	const viaGateway = district.tickets.slice(0, Math.min(5000, Math.floor(TICKETS / 10)));
	const gatewayMs = await loadThroughGateway(asServer, viaGateway);
	log(`seed through the gateway's _bulk_docs (batches of 1,000): ${rate(viaGateway.length, gatewayMs)}`);
	await gateway.stop();
	const direct = district.tickets.slice(viaGateway.length);
	const directMs = await loadIntoStore(dataDir, direct);
	log(`seed straight into the stopped store's LevelDB (batches of 5,000): ${rate(direct.length, directMs)}`);
	if (NOTIFICATIONS) log(`${NOTIFICATIONS} notifications of the coordinator written into the store in ${fmtMs(await loadIntoStore(dataDir, coordinatorNotifications(district.tickets, NOTIFICATIONS)))}`);
	gateway = await startGatewayProcess(port, dataDir, PROFILE_DIR, SERVER_ROOT);
	log(`gateway restarted on the full store (pid ${gateway.pid}${PROFILE_DIR ? `, --cpu-prof into ${PROFILE_DIR}` : ''}): ${gateway.readyLine}`);

	const label = (i: number) => `${district.devices[i].username}#${i}`;
	const gwDevices = district.devices.map((d, i) => ({ label: label(i), url: `${gateway.url}/db/helpdesk`, username: d.username, password: PASSWORD, expectTickets: d.tickets }));
	if (!WITH_STANDIN) return report(district, await monday('gateway', gateway, `${gateway.url}/api/health`, gwDevices), null);
	const standin = await startStandinProcess(await freePort(), join(TMP, 'standin'));
	cleanups.push(() => standin.stop());
	log(`stand-in loaded over HTTP: ${rate(district.tickets.length + [...district.byRequester.values()].reduce((s, d) => s + d.length, 0), await loadStandin(standin.url, district))} (buildings and requesters' databases)`);

	const gw = await monday('gateway', gateway, `${gateway.url}/api/health`, gwDevices);
	const anDevices = district.devices.map((d, i) => ({ label: label(i), url: `${standin.url}/${standinDbName(d)}`, expectTickets: d.tickets }));
	const an = await monday('stand-in', standin, `${standin.url}/`, anDevices);
	report(district, gw, an);
}

await runBench(main, { report: () => undefined, cleanup, log });

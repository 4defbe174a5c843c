/**
 * Part 3 of the sync bench (tests/bench/run.ts): propagation latency with live devices. Device A (the coordinator's,
 * in the bench process) writes a ticket and pushes it live, as the PWA does; every live device pulls it, each a real
 * PouchDB on LevelDB in one of a few child processes (tests/bench/live-clients.ts). A change's latency on a device runs
 * from A's local write being acknowledged to that device's pull having written it locally; both ends are read as
 * performance.timeOrigin + performance.now() (epoch milliseconds, the same system clock in every process).
 *
 * Per configuration it prints the latency over every (device, change) pair (p50/p95/max), device B's (the north
 * technician's), the last device's per change, and the CPU seconds per change of the server, of the device processes
 * and of the bench process, with the load average.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type PouchDB from 'pouchdb';
import { REPLICATION } from '../../web/lib/reconnect';
import type { Arrival, LiveDevice } from './live-clients';
import { LiveWorkers } from './live-workers';
import { cpuSeconds } from './monday-processes';
import { benchTicket } from './tickets';

type Db = PouchDB.Database<Record<string, unknown>>;

export interface LiveTarget {
	label: 'gateway' | 'anchor';
	/** Where `username`'s device replicates from (the stand-in ignores the user). */
	device(username: string): Omit<LiveDevice, 'index'>;
	remote(username: string): Db;
	serverPid: number | undefined;
}

export interface LiveSettings {
	counts: number[];
	samples: number;
	warmup: number;
	sampleCapMs: number;
	waitMs: number;
	workers: number;
	keepAlive: boolean;
	/** "coord": every device sees every change, as on the stand-in; "mixed": district users, scope spares some. */
	users: 'coord' | 'mixed';
	dir: string;
	runIndex: number;
	timeLeft(): boolean;
	newLocal(name: string): Db;
	log(...parts: unknown[]): void;
	onCleanup(step: () => unknown): void;
}

export interface LatencyResult {
	/** Every receiving device's latency for every change. */
	p50: number;
	p95: number;
	max: number;
	/** Device B's (the north technician's). */
	bP50: number;
	bP95: number;
	/** The last receiving device's, per change. */
	lastP50: number;
	lastP95: number;
	samples: number;
	need: number;
	timeouts: number;
	errors: number;
	/** CPU milliseconds per change. */
	serverCpu: number;
	serverMainCpu: number;
	clientsCpu: number;
	benchCpu: number;
	trend: string;
	load: string;
}

const USERS = ['coord', 'tech-n', 'tech-s', 'spec', 'ann', 'bob', 'cat'];
const epochMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`);

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** Collects the arrivals of the change being sampled; resolves once `need` devices have it. */
class Arrivals {
	#id = '';
	#times = new Map<number, number>();
	#need = 0;
	#done: () => void = () => undefined;
	expect(id: string, need: number): Promise<void> {
		this.#id = id;
		this.#times = new Map();
		this.#need = need;
		return new Promise((done) => (this.#done = done));
	}
	hear([id, index, at]: Arrival) {
		if (id !== this.#id || this.#times.has(index)) return;
		this.#times.set(index, at);
		if (this.#times.size >= this.#need) this.#done();
	}
	take(): Map<number, number> {
		this.#id = '';
		return this.#times;
	}
}

/** One target: live devices joined in steps (settings.counts), samples at each step. */
export async function propagation(target: LiveTarget, settings: LiveSettings): Promise<Map<number, LatencyResult>> {
	const { log } = settings;
	const out = new Map<number, LatencyResult>();
	const arrivals = new Arrivals();
	const workers = new LiveWorkers(settings.workers, (a) => arrivals.hear(a));
	settings.onCleanup(() => workers.kill());

	const aLocal = settings.newLocal(`A-${target.label}`);
	const aPush = aLocal.replicate.to(target.remote('coord'), { ...REPLICATION, batch_size: 10 });
	settings.onCleanup(() => aPush.cancel());
	let pushErrors = 0;
	aPush.on('paused', (error) => error && pushErrors++);
	aPush.on('error', () => pushErrors++);
	// Devices start at the current sequence: they join a district whose devices are already in sync.
	const since = (await target.remote('coord').info()).update_seq;

	const userFor = (i: number) => (i === 0 ? 'tech-n' : settings.users === 'coord' ? 'coord' : USERS[i % USERS.length]);
	// The bench tickets are north tickets requested by ann and assigned to tech-n: those, and the coordinator, receive them.
	const receives = (u: string) => target.label === 'anchor' || ['coord', 'tech-n', 'ann'].includes(u);
	const users: string[] = [];
	let seq = 0;

	for (const total of settings.counts) {
		if (!settings.timeLeft()) {
			log(`  skipping ${total} devices: time budget used`);
			continue;
		}
		const t0 = performance.now();
		const joining = Array.from({ length: total - users.length }, (_, k) => users.length + k);
		for (const i of joining) users.push(userFor(i));
		await workers.add(
			joining.map((index) => ({ index, ...target.device(users[index]) })),
			{ since, keepAlive: settings.keepAlive },
			join(settings.dir, target.label)
		);
		log(`  ${target.label}: ${total} live devices in ${settings.workers} processes (${joining.length} joined in ${fmtMs(performance.now() - t0)}; users ${settings.users}; errors so far ${workers.errors()}; ${load()})`);

		const receiving = users.flatMap((u, i) => (receives(u) ? [i] : []));
		const every: number[] = [];
		const atB: number[] = [];
		const last: number[] = [];
		let timeouts = 0;
		const sampling = performance.now();
		const cpuAt = { server: cpu(target.serverPid), serverMain: cpu(target.serverPid, true), clients: workers.cpuSeconds(), bench: process.cpuUsage() };
		let changes = 0;
		for (let s = 0; s < settings.warmup + settings.samples; s++) {
			if (s > settings.warmup && performance.now() - sampling > settings.sampleCapMs) {
				log(`    ${target.label} ${total}: sampling time cap (${settings.sampleCapMs / 1000} s) reached after ${s - settings.warmup} samples`);
				break;
			}
			const ticket = benchTicket(200_000 + seq, 900 + settings.runIndex, seq++, 'north');
			const all = arrivals.expect(ticket._id, receiving.length);
			await aLocal.put(ticket as unknown as Record<string, unknown>);
			const written = epochMs();
			await Promise.race([all, sleep(settings.waitMs)]);
			const times = arrivals.take();
			changes++;
			if (s < settings.warmup) continue;
			// A device that did not see the change within the bound counts at the bound: percentiles then read "at least".
			const latencies = receiving.map((i) => (times.has(i) ? times.get(i)! - written : settings.waitMs));
			timeouts += receiving.length - times.size;
			every.push(...latencies);
			atB.push(latencies[0]);
			last.push(Math.max(...latencies));
			const n = s - settings.warmup + 1;
			if (n % 10 === 0 || last.at(-1)! > 5000) log(`    ${target.label} ${total}: ${n}/${settings.samples} samples, last B ${fmtMs(atB.at(-1)!)}, last device ${fmtMs(last.at(-1)!)}`);
			await sleep(100);
		}
		const bench = process.cpuUsage(cpuAt.bench);
		const perChange = (seconds: number) => (seconds / changes) * 1000;
		const third = Math.max(1, Math.floor(atB.length / 3));
		const result: LatencyResult = {
			p50: percentile(every, 50),
			p95: percentile(every, 95),
			max: Math.max(...every),
			bP50: percentile(atB, 50),
			bP95: percentile(atB, 95),
			lastP50: percentile(last, 50),
			lastP95: percentile(last, 95),
			samples: atB.length,
			need: receiving.length,
			timeouts,
			errors: workers.errors() + pushErrors,
			serverCpu: perChange(cpu(target.serverPid) - cpuAt.server),
			serverMainCpu: perChange(cpu(target.serverPid, true) - cpuAt.serverMain),
			clientsCpu: perChange(workers.cpuSeconds() - cpuAt.clients),
			benchCpu: perChange((bench.user + bench.system) / 1e6),
			trend: `B median of first ${third} samples ${fmtMs(percentile(atB.slice(0, third), 50))}, of last ${third} ${fmtMs(percentile(atB.slice(-third), 50))}`,
			load: load()
		};
		out.set(total, result);
		log(
			`  ${target.label} ${total} devices: every device p50 ${fmtMs(result.p50)}, p95 ${fmtMs(result.p95)}, max ${fmtMs(result.max)} (${result.samples} changes × ${result.need} receiving devices, ${timeouts} over ${settings.waitMs / 1000} s); B p50 ${fmtMs(result.bP50)}, p95 ${fmtMs(result.bP95)}; last device p50 ${fmtMs(result.lastP50)}, p95 ${fmtMs(result.lastP95)}; replication errors ${result.errors}`
		);
		log(
			`    CPU per change: server ${fmtMs(result.serverCpu)} (main thread ${fmtMs(result.serverMainCpu)}), device processes ${fmtMs(result.clientsCpu)}, bench process ${fmtMs(result.benchCpu)}; ${changes} changes in ${((performance.now() - sampling) / 1000).toFixed(1)} s; ${result.load}`
		);
		log(`    trend: ${result.trend}`);
	}

	log(`  ${target.label}: stopping the live devices…`);
	aPush.cancel();
	await workers.stop();
	await aLocal.destroy().catch(() => undefined);
	return out;
}

function cpu(pid: number | undefined, mainThread = false): number {
	return pid ? cpuSeconds(pid, mainThread) : 0;
}

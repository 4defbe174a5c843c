/**
 * The Monday bench's server processes, started here (not with tests/support/server.ts) because the bench needs their
 * pids, and the probes that watch one of them: its resident memory and its health route's response time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN_PASSWORD } from '../support/server';

const ROOT = resolve(import.meta.dirname, '../..');
const PROBE_EVERY_MS = 250;
/** A health request still unanswered after this long is counted at this bound. */
const PROBE_TIMEOUT_MS = 10_000;

export interface NodeProcess {
	pid: number;
	url: string;
	/** The line that said the process was ready. */
	readyLine: string;
	stop(): Promise<void>;
}

/** Starts `node <flags> --import tsx <args>` and resolves once it has printed every line of `ready`, in any order. */
function startNode(flags: string[], args: string[], env: Record<string, string>, ready: RegExp[], url: string, cwd = ROOT): Promise<NodeProcess> {
	// node itself, not the tsx wrapper: a signal must reach the process that holds the store (and its pid is polled).
	const child: ChildProcess = spawn(process.execPath, [...flags, '--import', 'tsx', ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const stop = () =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			const hard = setTimeout(() => child.kill('SIGKILL'), 30_000);
			child.once('exit', () => {
				clearTimeout(hard);
				done();
			});
			child.kill('SIGTERM');
		});
	return new Promise((done, fail) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const lines = ready.map((pattern) => output.match(pattern)?.[0]);
			if (lines.every(Boolean)) done({ pid: child.pid!, url, readyLine: lines.join('; '), stop });
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => fail(new Error(`${args.at(-1)} exited with ${code}:\n${output}`)));
	});
}

/**
 * Starts the gateway (server/main.ts of the checkout at `root`, this one by default) on `port` over the LevelDB store in
 * `dataDir`; with `profileDir`, under --cpu-prof.
 */
export function startGatewayProcess(port: number, dataDir: string, profileDir?: string, root = ROOT): Promise<NodeProcess> {
	const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '0', ADMIN_PASSWORD, WEB_DIR: join(root, 'build') };
	const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
	// With the scope index on (SCOPE_INDEX unset or 1), devices start once it is built: a server up since the summer has it.
	const ready = process.env.SCOPE_INDEX === '0' ? [/Helpdesk ready/] : [/Helpdesk ready/, /scope index ready: [^\n]*/];
	return startNode(flags, ['server/main.ts'], env, ready, `http://127.0.0.1:${port}`, root);
}

/** Starts the bare CouchDB stand-in (tests/support/couch-standin.ts) on `port` over LevelDB in `dir`. */
export function startStandinProcess(port: number, dir: string): Promise<NodeProcess> {
	return startNode([], ['tests/support/couch-standin.ts', String(port), dir], {}, [/couch stand-in ready/], `http://127.0.0.1:${port}`);
}

/** A process's resident memory in MB (`field` VmRSS: now; VmHWM: its peak so far), or 0 once it is gone. */
function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Math.round(Number(match[1]) / 1024) : 0;
	} catch {
		return 0;
	}
}

/**
 * CPU seconds (user + system) a process has used so far, or 0 once it is gone (Linux's 100 clock ticks a second). With
 * `mainThread`, only its main thread's (JavaScript, and LevelDB's and argon2's completions; not the libuv pool's work).
 */
export function cpuSeconds(pid: number, mainThread = false): number {
	try {
		// Fields after the command name's closing parenthesis: state is the 3rd field, utime the 14th, stime the 15th.
		const fields = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

export interface Probes {
	/** `slow`: the health samples of 200 ms or more, each with when it was sent (ms after the probes started). */
	stop(): Promise<{ health: number[]; slow: { atMs: number; ms: number }[]; peakRssMb: number; hwmMb: number }>;
}

/** Every 250 ms: reads the process's VmRSS, and sends one GET to `healthUrl`, timing it (each on its own, none waits). */
export function startProbes(pid: number, healthUrl: string): Probes {
	const health: number[] = [];
	const slow: { atMs: number; ms: number }[] = [];
	const started = performance.now();
	const pending = new Set<Promise<void>>();
	let peakRssMb = memoryMb(pid, 'VmRSS');
	const tick = () => {
		peakRssMb = Math.max(peakRssMb, memoryMb(pid, 'VmRSS'));
		const t0 = performance.now();
		const probe = fetch(healthUrl, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
			.then(async (response) => {
				await response.arrayBuffer();
				return response.ok ? performance.now() - t0 : PROBE_TIMEOUT_MS;
			})
			.catch(() => PROBE_TIMEOUT_MS)
			.then((ms) => {
				health.push(ms);
				if (ms >= 200) slow.push({ atMs: t0 - started, ms });
			})
			.finally(() => pending.delete(probe));
		pending.add(probe);
	};
	tick();
	const timer = setInterval(tick, PROBE_EVERY_MS);
	return {
		async stop() {
			clearInterval(timer);
			await Promise.all(pending);
			return { health, slow, peakRssMb, hwmMb: memoryMb(pid, 'VmHWM') };
		}
	};
}

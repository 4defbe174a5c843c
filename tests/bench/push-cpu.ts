/**
 * Push and pull CPU: the server's CPU time (user + system, from /proc, so Linux only) to accept 10,000 bench tickets
 * pushed by a PouchDB client in batches of 100, then to send them all to a second client (the coordinator's first pull),
 * for this checkout and another one, in alternating runs (on a loaded machine only pairs taken close together compare).
 * Prints each run, the medians, their ratios and the load average.
 *
 *   npx tsx tests/bench/push-cpu.ts <other checkout> [pairs, 3] [profile dir]
 *
 * The other checkout is a worktree of an older commit with its node_modules (e.g. `git worktree add ../old <commit>`).
 * With a profile dir, each server runs with --cpu-prof (the profile is written when it stops). With BENCH_STORE_OPS=1,
 * each server also counts its store operations (store-ops-counter.ts) and the run prints those per pushed document.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import PouchDB from 'pouchdb';
import { PASSWORD, provision } from '../support/district';
import { ADMIN_PASSWORD, freePort, type RunningServer } from '../support/server';
import { benchTickets } from './tickets';

const HERE = resolve(import.meta.dirname, '../..');
const [otherArg, pairsArg, profileDir] = process.argv.slice(2);
if (!otherArg) throw new Error('Name the checkout to compare with: npx tsx tests/bench/push-cpu.ts <other checkout> [pairs]');
const OTHER = resolve(otherArg);
const PAIRS = Number(pairsArg ?? 3);
const DOCS = 10_000;
const COUNT_OPS = process.env.BENCH_STORE_OPS === '1';

/** CPU time (ms) a process has used, from /proc/<pid>/stat (utime + stime, in ticks of 10 ms). */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resolves once the process used no CPU for half a second (its start-up work is done), or after 10 s. */
async function untilIdle(pid: number): Promise<void> {
	const tick = () => new Promise((done) => setTimeout(done, 500));
	for (let i = 0, before = cpuMs(pid); i < 20; i++) {
		await tick();
		const now = cpuMs(pid);
		if (now === before) return;
		before = now;
	}
}

/** The server's store operations so far (store-ops-counter.ts writes them to `file` on SIGUSR2). */
async function storeOps(pid: number, file: string): Promise<Record<string, number>> {
	rmSync(file, { force: true });
	process.kill(pid, 'SIGUSR2');
	while (!existsSync(file)) await new Promise((done) => setTimeout(done, 20));
	return JSON.parse(readFileSync(file, 'utf8'));
}

/** Operations per pushed document between two counts, by name, for those that happened. */
function perDoc(before: Record<string, number>, after: Record<string, number>): string {
	return Object.keys(after)
		.filter((key) => after[key]! > (before[key] ?? 0))
		.sort()
		.map((key) => `  ${key}: ${((after[key]! - (before[key] ?? 0)) / DOCS).toFixed(3)}`)
		.join('\n');
}

type Run = { cpuMs: number; wallMs: number };

/**
 * Measures `work` on the server: its CPU and the wall time; with BENCH_STORE_OPS=1 also prints its store operations per
 * document, counting what it sets off after its last answer (the feed, the notifier).
 */
async function measured(pid: number, opsFile: string, what: string, work: () => Promise<void>): Promise<Run> {
	await untilIdle(pid);
	const ops0 = COUNT_OPS ? await storeOps(pid, opsFile) : {};
	const cpu0 = cpuMs(pid);
	const t0 = performance.now();
	await work();
	const run = { cpuMs: cpuMs(pid) - cpu0, wallMs: Math.round(performance.now() - t0) };
	if (COUNT_OPS) {
		await untilIdle(pid);
		console.log(`${what}: store operations per document\n${perDoc(ops0, await storeOps(pid, opsFile))}`);
	}
	return run;
}

/** One push of the bench tickets to a fresh server started from `root`, then one pull of them all. */
async function pushAndPull(root: string): Promise<{ push: Run; pull: Run }> {
	const tmp = mkdtempSync(join(tmpdir(), 'push-cpu-'));
	const port = await freePort();
	const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(tmp, 'data'), DEMO: '0', ADMIN_PASSWORD, WEB_DIR: join(root, 'build') };
	const opsFile = join(tmp, 'store-ops.json');
	const flags = [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--import', 'tsx', ...(COUNT_OPS ? ['--import', join(HERE, 'tests/bench/store-ops-counter.ts')] : [])];
	const child = spawn(process.execPath, [...flags, 'server/main.ts'], { cwd: root, env: { ...process.env, ...env, STORE_OPS_FILE: opsFile }, stdio: ['ignore', 'pipe', 'inherit'] });
	const exited = new Promise((done) => child.once('exit', done));
	try {
		await new Promise<void>((ready, failed) => {
			child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Helpdesk ready') && ready());
			child.once('exit', () => failed(new Error(`the server in ${root} stopped before it was ready`)));
		});
		await provision({ url: `http://127.0.0.1:${port}`, port } as RunningServer);
		const source = new PouchDB<Record<string, unknown>>(join(tmp, 'source'));
		const docs = benchTickets(DOCS);
		for (let i = 0; i < docs.length; i += 1000) await source.bulkDocs(docs.slice(i, i + 1000) as unknown as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
		const target = new PouchDB<Record<string, unknown>>(`http://127.0.0.1:${port}/db/helpdesk`, { auth: { username: 'coord', password: PASSWORD }, skip_setup: true });
		await target.info();
		const push = await measured(child.pid!, opsFile, `${root} push`, async () => {
			const result = await source.replicate.to(target, { batch_size: 100 });
			if (result.docs_written !== DOCS) throw new Error(`${root}: ${result.docs_written} of ${DOCS} written, ${result.doc_write_failures} refused`);
		});
		await source.close();
		const pulled = new PouchDB<Record<string, unknown>>(join(tmp, 'pulled'));
		const pull = await measured(child.pid!, opsFile, `${root} pull`, async () => {
			const result = await pulled.replicate.from(target, { batch_size: 100 });
			// The coordinator also receives the people and buildings the district was provisioned with.
			if (result.docs_written < DOCS) throw new Error(`${root}: ${result.docs_written} of ${DOCS} pulled`);
		});
		await pulled.close();
		return { push, pull };
	} finally {
		child.kill('SIGTERM');
		await exited;
		rmSync(tmp, { recursive: true, force: true });
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const runs = new Map<string, { push: Run; pull: Run }[]>([
	[HERE, []],
	[OTHER, []]
]);
for (let pair = 1; pair <= PAIRS; pair++) {
	for (const root of runs.keys()) {
		const run = await pushAndPull(root);
		runs.get(root)!.push(run);
		const { push, pull } = run;
		console.log(`pair ${pair}: ${root}: server CPU push ${push.cpuMs} ms (wall ${push.wallMs} ms), pull ${pull.cpuMs} ms (wall ${pull.wallMs} ms) (load average ${load()})`);
	}
}
console.log('');
for (const kind of ['push', 'pull'] as const) {
	const [here, other] = [...runs.values()].map((list) => ({ cpu: median(list.map((r) => r[kind].cpuMs)), wall: median(list.map((r) => r[kind].wallMs)) }));
	const pairs = runs.get(HERE)!.map((r, i) => (r[kind].cpuMs / runs.get(OTHER)![i]![kind].cpuMs).toFixed(2)).join(', ');
	console.log(`${kind}: medians of ${PAIRS} pairs: this checkout ${here!.cpu} ms CPU (${here!.wall} ms wall), ${OTHER} ${other!.cpu} ms CPU (${other!.wall} ms wall)`);
	console.log(`${kind}: server CPU, this checkout / the other: ${(here!.cpu / other!.cpu).toFixed(2)} (pairs ${pairs}; load average ${load()})`);
}

/**
 * What following the store's changes costs per written document on LevelDB, with and without include_docs, beside the
 * anchor of the same writes with nothing following: LevelDB operations per document and the process's CPU time.
 * Writes 10,000 documents of about 1 KB in batches of 100 (as a push does) into a fresh PouchDB LevelDB store.
 *
 *   npx tsx tests/bench/feed-reads.ts [rounds, 3]
 *
 * PouchDB's LevelDB changes stream reads each change's body from the by-sequence store and its metadata from the
 * document store whatever include_docs says (it only drops the body from the row): the counts show it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const DOCS = 10_000;
const BATCH = 100;
const ROUNDS = Number(process.argv[2] ?? 3);
type Mode = 'nothing follows' | 'live feed, include_docs' | 'live feed, no docs';

const counts: Record<string, number> = {};
const fromHere = createRequire(join(process.cwd(), 'package.json'));
const leveldownDir = join(fromHere.resolve('leveldown'), '..');
for (const [file, methods] of [
	['leveldown.js', ['_get', '_put', '_batch', '_iterator']],
	['iterator.js', ['_next']]
] as const) {
	const proto = fromHere(join(leveldownDir, file)).prototype as Record<string, (...args: unknown[]) => unknown>;
	for (const method of methods) {
		const original = proto[method]!;
		proto[method] = function (this: unknown, ...args: unknown[]) {
			counts[method] = (counts[method] ?? 0) + 1;
			return original.apply(this, args);
		};
	}
}
// Loaded after the patch, so the store's LevelDB is the counted one.
const { default: PouchDB } = await import('pouchdb');

/** Writes the documents while `mode` follows the store; the LevelDB operations per document and the CPU milliseconds. */
async function run(mode: Mode): Promise<{ ops: Record<string, number>; cpuMs: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'feed-reads-'));
	const db = new PouchDB<Record<string, unknown>>(join(dir, 'db'));
	await db.info();
	let seen = 0;
	let allSeen = () => {};
	const caughtUp = new Promise<void>((resolve) => (allSeen = resolve));
	const feed = mode === 'nothing follows' ? null : db.changes({ since: 'now', live: true, include_docs: mode === 'live feed, include_docs', style: 'all_docs' });
	feed?.on('change', () => {
		if (++seen === DOCS) allSeen();
	});
	const before = { ...counts };
	const start = process.cpuUsage();
	const title = 'x'.repeat(900);
	for (let b = 0; b < DOCS / BATCH; b++) {
		await db.bulkDocs(Array.from({ length: BATCH }, (_, i) => ({ _id: `ticket:${b * BATCH + i}`, title })));
	}
	if (feed) await caughtUp;
	const used = process.cpuUsage(start);
	const ops = Object.fromEntries(Object.keys(counts).filter((k) => counts[k]! > (before[k] ?? 0)).map((k) => [k, (counts[k]! - (before[k] ?? 0)) / DOCS]));
	feed?.cancel();
	await db.close();
	rmSync(dir, { recursive: true, force: true });
	return { ops, cpuMs: (used.user + used.system) / 1000 };
}

const modes: Mode[] = ['nothing follows', 'live feed, include_docs', 'live feed, no docs'];
const cpu = new Map<Mode, number[]>(modes.map((m) => [m, []]));
for (let round = 1; round <= ROUNDS; round++) {
	for (const mode of modes) {
		const { ops, cpuMs } = await run(mode);
		cpu.get(mode)!.push(cpuMs);
		const perDoc = Object.entries(ops).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ');
		console.log(`round ${round}, ${mode}: ${cpuMs.toFixed(0)} ms CPU; LevelDB per document: ${perDoc}`);
	}
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const anchor = median(cpu.get('nothing follows')!);
for (const mode of modes.slice(1)) {
	console.log(`${mode}: CPU ${(median(cpu.get(mode)!) / anchor).toFixed(2)}x the writes alone (medians of ${ROUNDS}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
}

/**
 * Search on the device: 10,000 tickets in a PouchDB replica (LevelDB in a temp folder), each figure beside an anchor
 * measured in the same run, alternating:
 *
 *   npx tsx tests/bench/search.ts     (also part of npm run bench; never part of npm test)
 *
 * A. Build: read the replica and parse its tickets as the device does (the anchor, which a linear scan also needs),
 *    then build the index from them (core/search/device-search.ts, as the results page does).
 * B. Queries: p95 and the slowest of a realistic set (ticket numbers with and without the dash, phones in other
 *    spellings, full names, last names, words of titles and notes, a miss), against a linear scan of the same tickets
 *    (every word a substring of the ticket's lower-cased text, prepared once, numbers and phones compared whole; it
 *    collects every match, as ranking needs, but does not rank them).
 *    Goal: every query under 50 ms. Each query's CPU time is printed too: on a busy machine wall times mostly measure
 *    waiting for a core.
 * C. Following the changes feed: a note added to 200 tickets, each update of the index from the feed.
 *
 * Knobs (environment): BENCH_SEARCH_TICKETS (10000), BENCH_SEARCH_RUNS (3). The temp folder is removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { Ticket } from '../../core/schemas';
import { parseQuery, ticketSearchText } from '../../core/search/ticket-text';
import { appendEntries } from '../../core/ticket';
import { DeviceSearch } from '../../core/search/device-search';
import { runBench } from './harness';
import { benchQueries, searchTickets } from './search-tickets';

const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isInteger(v) && v > 0 ? v : fallback;
};
const TICKETS = envNum('BENCH_SEARCH_TICKETS', 10_000);
const RUNS = envNum('BENCH_SEARCH_RUNS', 3);
const GOAL_MS = 50;

const START = performance.now();
const log = (...parts: unknown[]) => console.log(`[${((performance.now() - START) / 1000).toFixed(1).padStart(6)} s]`, ...parts);
const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? NaN;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

const folder = mkdtempSync(join(tmpdir(), 'bench-search-'));
const figures: Record<string, number[]> = {};
let slowestQuery = '';
const note = (name: string, value: number) => (figures[name] ??= []).push(value);

/** The anchor's scan: each ticket's text lower-cased once; a number or phone compared whole, otherwise every word a substring. */
function linearScan(tickets: readonly Ticket[]) {
	const texts = tickets.map((t) => {
		const s = ticketSearchText(t);
		return { id: s.id, number: s.number, phones: s.phones.split(' '), text: `${s.title}\n${s.people}\n${s.description}\n${s.notes}`.toLowerCase() };
	});
	// Every match is collected: ranking the results needs them all.
	return (query: string) => {
		const q = parseQuery(query);
		const found: string[] = [];
		for (const t of texts) {
			const hit = (q.number !== null && t.number === q.number) || (q.phone !== null && t.phones.includes(q.phone)) || (q.words.length > 0 && q.words.every((w) => t.text.includes(w)));
			if (hit) found.push(t.id);
		}
		return found;
	};
}

const cpuMs = () => {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
};

/** Each query's wall time and this process's CPU time for it (less swayed by other work on a busy machine). */
function timeQueries(queries: readonly string[], run: (q: string) => unknown): { wall: number[]; cpu: number[] } {
	const wall: number[] = [];
	const cpu: number[] = [];
	for (const q of queries) {
		const c = cpuMs();
		const t = performance.now();
		run(q);
		wall.push(performance.now() - t);
		cpu.push(cpuMs() - c);
	}
	return { wall, cpu };
}

async function main() {
	log(`${TICKETS} tickets into a LevelDB replica in ${folder}; ${load()}`);
	const db = new PouchDB<Record<string, unknown>>(join(folder, 'replica'));
	const docs = searchTickets(TICKETS);
	for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000) as unknown as Record<string, unknown>[]);
	const queries = benchQueries(docs);
	log(`${queries.length} queries; ${RUNS} runs, alternating index and scan`);

	let search = new DeviceSearch();
	for (let run = 0; run < RUNS; run++) {
		const t0 = performance.now();
		const rows = (await db.allDocs({ include_docs: true })).rows;
		const tickets = rows.flatMap((r) => {
			const parsed = Ticket.safeParse(r.doc);
			return parsed.success ? [parsed.data] : [];
		});
		const read = performance.now() - t0;
		note('read and parse the replica', read);
		const t1 = performance.now();
		search = new DeviceSearch();
		await search.update(tickets);
		note('build the index', performance.now() - t1);
		if (search.size !== TICKETS) throw new Error(`the index holds ${search.size} tickets, not ${TICKETS}`);

		const scan = linearScan(tickets);
		// One untimed search each first, so neither pays the compiler's first-call cost inside the figures.
		search.search('warm up', 50);
		scan('warm up');
		const both = [
			['index', () => timeQueries(queries, (q) => search.search(q, 50))],
			['scan', () => timeQueries(queries, (q) => scan(q))]
		] as const;
		for (const [name, time] of run % 2 === 0 ? both : [...both].reverse()) {
			const { wall, cpu } = time();
			note(`${name} p95`, p95(wall));
			note(`${name} slowest`, Math.max(...wall));
			note(`${name} cpu p95`, p95(cpu));
			if (name === 'index') slowestQuery = queries[wall.indexOf(Math.max(...wall))] ?? '';
		}
	}

	// C: the index follows the feed as the device's data manager does: each change replaces that ticket's copy.
	const byId = new Map((await db.allDocs({ include_docs: true })).rows.map((r) => [r.id, Ticket.parse(r.doc)]));
	const updates: number[] = [];
	let pending = 200;
	const done = new Promise<void>((resolve) => {
		// One update at a time, as the results page runs them.
		let queue = Promise.resolve();
		const feed = db.changes({ since: 'now', live: true, include_docs: true }).on('change', (change) => {
			byId.set(change.id, Ticket.parse(change.doc));
			queue = queue.then(async () => {
				const t = performance.now();
				await search.update(byId.values());
				updates.push(performance.now() - t);
				if (--pending === 0) {
					feed.cancel();
					resolve();
				}
			});
		});
	});
	const changed = [...byId.values()].slice(0, 200).map((t) => appendEntries(t, [{ id: `${t.number}-bench-note`, at: new Date().toISOString(), by: 'tech-n', kind: 'note', text: 'Benchmark zeppelin note.' }]));
	await db.bulkDocs(changed as unknown as Record<string, unknown>[]);
	await done;
	note('update from one change', p95(updates));
	const found = search.search('zeppelin', 500).length;
	if (found !== 200) throw new Error(`after the feed, "zeppelin" finds ${found} tickets, not 200`);
	await db.close();
}

function report() {
	const m = (name: string) => median(figures[name] ?? []);
	console.log(`\nSearch over ${TICKETS} tickets on the device (medians of ${RUNS} runs; ${load()})`);
	console.log(`  A. build:   read and parse the replica ${ms(m('read and parse the replica'))} (anchor);  build the index ${ms(m('build the index'))}  (${(m('build the index') / m('read and parse the replica')).toFixed(2)}× the anchor)`);
	console.log(`  B. queries: index p95 ${ms(m('index p95'))}, slowest ${ms(m('index slowest'))};  linear scan p95 ${ms(m('scan p95'))}, slowest ${ms(m('scan slowest'))}  (index p95 ${(m('index p95') / m('scan p95')).toFixed(2)}× the scan's)`);
	console.log(`              CPU time per query: index p95 ${ms(m('index cpu p95'))};  linear scan p95 ${ms(m('scan cpu p95'))}  (${(m('index cpu p95') / m('scan cpu p95')).toFixed(2)}×)`);
	const worst = Math.max(...(figures['index slowest'] ?? [Infinity]));
	console.log(`     goal, every query under ${GOAL_MS} ms: ${worst < GOAL_MS ? 'met' : 'NOT met'} (slowest of all runs ${ms(worst)}; slowest in the last run: "${slowestQuery}")`);
	if (figures['update from one change']) console.log(`  C. feed:    one change into the index, p95 ${ms(m('update from one change'))} (200 changes)`);
}

void runBench(async () => {
	await main();
	report();
}, { report: () => {}, cleanup: async () => rmSync(folder, { recursive: true, force: true }), log });

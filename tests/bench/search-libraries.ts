/**
 * Why the search index is MiniSearch: it and FlexSearch indexing the same 10,000 tickets with the same query plan
 * (a ticket or phone number looked up whole, otherwise every word in any text field), in one run, alternating.
 *
 *   node --expose-gc --import tsx tests/bench/search-libraries.ts      (not part of npm run bench)
 *
 * Prints build time, heap held by the index and p95 query time for each, and the FlexSearch/MiniSearch ratio.
 */
import { Document } from 'flexsearch';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { TicketIndex } from '../../core/search/ticket-index';
import { parseQuery, ticketSearchText, type TicketSearchText } from '../../core/search/ticket-text';
import { benchQueries, searchTickets } from './search-tickets';

const TEXT_FIELDS = ['title', 'people', 'description', 'notes'] as const;
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);

const heap = () => {
	globalThis.gc?.();
	return process.memoryUsage().heapUsed;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Contender {
	build(tickets: ReturnType<typeof searchTickets>): unknown;
	search(index: unknown, query: string): number;
}

const mini: Contender = {
	build(tickets) {
		const index = new TicketIndex();
		index.addAll(tickets);
		return index;
	},
	search: (index, query) => (index as TicketIndex).search(query, 50).length
};

type FlexDoc = Record<Exclude<keyof TicketSearchText, 'open'>, string>;
type Flex = Document<FlexDoc>;
const flex: Contender = {
	build(tickets) {
		const index: Flex = new Document<FlexDoc>({
			tokenize: 'forward',
			document: { id: 'id', index: [{ field: 'number', tokenize: 'strict' }, { field: 'phones', tokenize: 'strict' }, ...TEXT_FIELDS.map((field) => ({ field }))] }
		});
		for (const t of tickets) {
			const { open: _open, ...text } = ticketSearchText(t);
			index.add(text);
		}
		return index;
	},
	search(index, query) {
		const flexIndex = index as Flex;
		const parsed = parseQuery(query);
		const ids = (q: string, fields: readonly (keyof FlexDoc)[]) =>
			new Set((flexIndex.search(q, { index: [...fields], limit: 10_000 }) as { result: (string | number)[] }[]).flatMap((r) => r.result));
		if (parsed.number) return ids(parsed.number, ['number']).size;
		if (parsed.phone) return ids(parsed.phone, ['phones']).size;
		// Every word in some field: FlexSearch ANDs words within one field only, so the fields are joined here.
		let found: Set<string | number> | null = null as Set<string | number> | null;
		for (const word of parsed.words) {
			const mine = ids(word, TEXT_FIELDS);
			found = found ? new Set([...found].filter((id) => mine.has(id))) : mine;
		}
		return Math.min(50, found?.size ?? 0);
	}
};

function measure(name: string, contender: Contender, tickets: ReturnType<typeof searchTickets>, queries: string[]) {
	const before = heap();
	const start = performance.now();
	const index = contender.build(tickets);
	const build = performance.now() - start;
	const held = heap() - before;
	const times = queries.map((q) => {
		const t = performance.now();
		contender.search(index, q);
		return performance.now() - t;
	});
	return { name, build, held, p95: p95(times) };
}

const tickets = searchTickets(10_000);
const queries = benchQueries(tickets);
const rows: Record<string, { build: number[]; held: number[]; p95: number[] }> = { minisearch: { build: [], held: [], p95: [] }, flexsearch: { build: [], held: [], p95: [] } };
for (let round = 0; round < ROUNDS; round++) {
	const order = round % 2 === 0 ? ([['minisearch', mini], ['flexsearch', flex]] as const) : ([['flexsearch', flex], ['minisearch', mini]] as const);
	for (const [name, contender] of order) {
		const r = measure(name, contender, tickets, queries);
		rows[name]?.build.push(r.build);
		rows[name]?.held.push(r.held);
		rows[name]?.p95.push(r.p95);
	}
}
const m = rows.minisearch as (typeof rows)[string];
const f = rows.flexsearch as (typeof rows)[string];
console.log(`search libraries, 10,000 tickets, ${queries.length} queries, ${ROUNDS} rounds (medians), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`  build   minisearch ${median(m.build).toFixed(0)} ms   flexsearch ${median(f.build).toFixed(0)} ms   ratio ${(median(f.build) / median(m.build)).toFixed(2)}`);
console.log(`  heap    minisearch ${(median(m.held) / 1e6).toFixed(1)} MB   flexsearch ${(median(f.held) / 1e6).toFixed(1)} MB   ratio ${(median(f.held) / median(m.held)).toFixed(2)}`);
console.log(`  p95     minisearch ${median(m.p95).toFixed(2)} ms   flexsearch ${median(f.p95).toFixed(2)} ms   ratio ${(median(f.p95) / median(m.p95)).toFixed(2)}`);

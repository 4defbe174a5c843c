import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type { Ticket } from '../schemas';
import { searchWords } from './query-words';
import { parseQuery, ticketSearchText, type TicketSearchText } from './ticket-text';

/** One ticket a search found: its id, how well it matched, and the indexed words that matched (for highlighting). */
export interface SearchHit {
	id: string;
	score: number;
	/** Words as the index holds them (lower case; a number without its dash, a phone as digits). */
	terms: string[];
	/** Which kinds of text matched: 'number', 'phones', 'people', 'title', 'description', 'notes'. */
	fields: string[];
}

const TEXT_FIELDS = ['title', 'people', 'description', 'notes'] as const;
/** Where a search of only common words looks ("the" in notes would be every ticket). */
const COMMON_WORD_FIELDS = ['title', 'people'] as const;
/** A word in the title or the person's name says more than one in a long note. */
const BOOST = { title: 3, people: 3, description: 1, notes: 1 };
/** A number or a phone matched whole outranks any words. */
const EXACT_SCORE_FACTOR = 1000;
/** A caller usually rings about what is still open: an open ticket counts twice a closed one that matches as well. */
const OPEN_FACTOR = 2;

/** Every word must match; which are prefixes or forgive a typo is core's searchWords rule. */
const wordOptions: SearchOptions = { fields: [...TEXT_FIELDS], boost: BOOST, maxFuzzy: 1, combineWith: 'AND' };

/** The words of a search as one MiniSearch query: one walk of the index per word searchWords keeps. */
function wordsQuery(words: readonly string[]): Query | null {
	const kept = searchWords(words);
	if (kept.length === 0) return null;
	return {
		combineWith: 'AND',
		queries: kept.map((w) => ({ queries: [w.term], prefix: w.prefix, fuzzy: w.fuzzy ? 1 : 0, ...(w.common ? { fields: [...COMMON_WORD_FIELDS] } : {}) }))
	};
}

const newIndex = (fields: string[]) =>
	new MiniSearch<TicketSearchText>({
		fields,
		// The ticket's own fields are read where it is kept; the index holds only what it needs to rank.
		storeFields: ['open'],
		processTerm: (term) => term.toLowerCase()
	});

/**
 * The search index of the tickets on a device or on the server. A ticket number or phone number is looked up whole
 * (and ranks first); every search also looks for all its words in titles, names, descriptions and notes. Numbers and
 * phones have an index of their own, so a word's prefix never walks the thousands of them ("nbz" would match every
 * number of one device).
 */
export class TicketIndex {
	#text = newIndex([...TEXT_FIELDS]);
	#exact = newIndex(['number', 'phones']);

	/** How many tickets the index holds. */
	get size(): number {
		return this.#text.documentCount;
	}

	/** Whether the index holds the ticket with this id. */
	has(id: string): boolean {
		return this.#text.has(id);
	}

	/** Adds many tickets at once (the first build); each must not be in the index yet. */
	addAll(tickets: readonly Ticket[]): void {
		const texts = tickets.map(ticketSearchText);
		this.#text.addAll(texts);
		this.#exact.addAll(texts);
	}

	/** Adds many tickets in chunks, letting other work run between them (a first build of thousands takes about a second). */
	async addAllInChunks(tickets: readonly Ticket[], chunkSize = 500): Promise<void> {
		const texts = tickets.map(ticketSearchText);
		await this.#text.addAllAsync(texts, { chunkSize });
		await this.#exact.addAllAsync(texts, { chunkSize });
	}

	/** Adds a ticket, or replaces the copy the index holds. */
	put(ticket: Ticket): void {
		const text = ticketSearchText(ticket);
		for (const index of [this.#text, this.#exact]) {
			if (index.has(text.id)) index.replace(text);
			else index.add(text);
		}
	}

	/** Forgets a ticket (deleted, or no longer readable); nothing happens for one it does not hold. */
	remove(id: string): void {
		for (const index of [this.#text, this.#exact]) if (index.has(id)) index.discard(id);
	}

	/** The tickets that match a search, best first; `keep` leaves out ids the caller may not show. */
	search(text: string, limit: number, keep: (id: string) => boolean = () => true): SearchHit[] {
		const parsed = parseQuery(text);
		const common: SearchOptions = { filter: (r) => keep(String(r.id)) };
		const exactQueries: Query[] = [];
		if (parsed.number) exactQueries.push({ queries: [parsed.number], fields: ['number'] });
		if (parsed.phone) exactQueries.push({ queries: [parsed.phone], fields: ['phones'] });
		const exact = exactQueries.length ? this.#exact.search({ combineWith: 'OR', queries: exactQueries }, { ...common, prefix: false, fuzzy: false }) : [];
		// Words are looked for too: "warranty" also spells a ticket number (WAR-RANTY).
		const query = wordsQuery(parsed.words);
		const words = query ? this.#text.search(query, { ...wordOptions, ...common }) : [];
		// Scores are summed per ticket; what matched is gathered only for the tickets that make the list.
		const found = new Map<string, { score: number; results: SearchResult[] }>();
		for (const [results, factor] of [
			[exact, EXACT_SCORE_FACTOR],
			[words, 1]
		] as const) {
			for (const r of results) {
				const id = String(r.id);
				// Applied here rather than as MiniSearch's boostDocument, which is called per word and document: twice as slow.
				const score = r.score * factor * (r.open ? OPEN_FACTOR : 1);
				const seen = found.get(id);
				if (seen) {
					seen.score += score;
					seen.results.push(r);
				} else found.set(id, { score, results: [r] });
			}
		}
		return [...found]
			.sort(([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : 1))
			.slice(0, limit)
			.map(([id, { score, results }]) => ({
				id,
				score,
				terms: [...new Set(results.flatMap((r) => r.terms))],
				fields: [...new Set(results.flatMap((r) => Object.values(r.match).flat()))]
			}));
	}
}

import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import type { Ticket } from '../schemas';
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
/** A word in the title or the person's name says more than one in a long note. */
const BOOST = { title: 3, people: 3, description: 1, notes: 1 };
/** A number or a phone matched whole outranks any words. */
const EXACT_SCORE_FACTOR = 1000;
/** A caller usually rings about what is still open: an open ticket counts twice a closed one that matches as well. */
const OPEN_FACTOR = 2;

/** Prefixes from 3 letters ("proj" finds "projector"); one typo forgiven in words of 6 letters or more. */
const wordOptions: SearchOptions = {
	fields: [...TEXT_FIELDS],
	boost: BOOST,
	prefix: (term) => term.length >= 3,
	fuzzy: (term) => (term.length >= 6 ? 1 : 0),
	maxFuzzy: 1,
	combineWith: 'AND'
};

/**
 * The search index of the tickets on a device or on the server. A ticket number or phone number is looked up whole
 * (and ranks first); every search also looks for all its words in titles, names, descriptions and notes.
 */
export class TicketIndex {
	#index = new MiniSearch<TicketSearchText>({
		fields: ['number', 'phones', ...TEXT_FIELDS],
		// The ticket's own fields are read where it is kept; the index holds only what it needs to rank.
		storeFields: ['open'],
		processTerm: (term) => term.toLowerCase()
	});

	/** How many tickets the index holds. */
	get size(): number {
		return this.#index.documentCount;
	}

	/** Whether the index holds the ticket with this id. */
	has(id: string): boolean {
		return this.#index.has(id);
	}

	/** Adds many tickets at once (the first build); each must not be in the index yet. */
	addAll(tickets: readonly Ticket[]): void {
		this.#index.addAll(tickets.map(ticketSearchText));
	}

	/** Adds many tickets in chunks, letting other work run between them (a first build of thousands takes about a second). */
	addAllInChunks(tickets: readonly Ticket[], chunkSize = 500): Promise<void> {
		return this.#index.addAllAsync(tickets.map(ticketSearchText), { chunkSize });
	}

	/** Adds a ticket, or replaces the copy the index holds. */
	put(ticket: Ticket): void {
		const text = ticketSearchText(ticket);
		if (this.#index.has(text.id)) this.#index.replace(text);
		else this.#index.add(text);
	}

	/** Forgets a ticket (deleted, or no longer readable); nothing happens for one it does not hold. */
	remove(id: string): void {
		if (this.#index.has(id)) this.#index.discard(id);
	}

	/** The tickets that match a search, best first; `keep` leaves out ids the caller may not show. */
	search(text: string, limit: number, keep: (id: string) => boolean = () => true): SearchHit[] {
		const parsed = parseQuery(text);
		const queries: Query[] = [];
		if (parsed.number) queries.push({ queries: [parsed.number], fields: ['number'], prefix: false, fuzzy: false, boostTerm: () => EXACT_SCORE_FACTOR });
		if (parsed.phone) queries.push({ queries: [parsed.phone], fields: ['phones'], prefix: false, fuzzy: false, boostTerm: () => EXACT_SCORE_FACTOR });
		// Words are looked for too: "warranty" also spells a ticket number (WAR-RANTY).
		if (parsed.words.length) queries.push({ ...wordOptions, queries: [parsed.words.join(' ')] });
		if (queries.length === 0) return [];
		const results = this.#index.search(
			{ combineWith: 'OR', queries },
			{ filter: (r) => keep(String(r.id)), boostDocument: (_id, _term, stored) => (stored?.open ? OPEN_FACTOR : 1) }
		);
		return results.slice(0, limit).map((r) => ({
			id: String(r.id),
			score: r.score,
			terms: r.terms,
			fields: [...new Set(Object.values(r.match).flat())]
		}));
	}
}

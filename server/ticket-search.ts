import { canRead, type Actor } from '../core/access';
import { Ticket } from '../core/schemas';
import { type ScopeFacts, scopeFacts } from '../core/scope-facts';
import { TicketIndex } from '../core/search/ticket-index';
import { searchResult, type SearchResult } from '../core/search/results';
import type { ChangeRow, SharedFeed } from './gateway/feed';
import { parseStored } from './gateway/parsed-revisions';
import type { Db } from './store';

/** Tickets read and parsed at a time by the first build. */
const BUILD_PAGE = 500;

/**
 * The server's search over every ticket it holds, closed long ago or not. Built on the first search, then kept current
 * from the shared changes feed; rebuilt when the feed resumes after a failure (changes may have been missed).
 */
export class ServerTicketSearch {
	#index: TicketIndex | null = null;
	/** Each indexed ticket's scope facts (core's), so a search filters by scope before reading any ticket. */
	#facts = new Map<string, ScopeFacts>();
	#building: Promise<TicketIndex | null> | null = null;
	/** Changes seen while the index is being built, applied after it. */
	#pending: ChangeRow[] = [];
	/** Counts the feed's resumptions: a build started before one must not become the index. */
	#generation = 0;

	#listening = false;

	constructor(
		private readonly db: Db,
		private readonly feed: SharedFeed
	) {}

	/** Follows the shared feed from the first search on (a server nobody searches keeps no index and hears nothing). */
	#listen(): void {
		if (this.#listening) return;
		this.#listening = true;
		const feed = this.feed;
		feed.onChange((row) => {
			if (!row.id.startsWith('ticket:')) return;
			if (this.#index) this.#apply(this.#index, row);
			else if (this.#building) this.#pending.push(row);
		});
		feed.onResume(() => {
			this.#generation++;
			this.#index = null;
			this.#building = null;
			this.#pending = [];
		});
	}

	#apply(index: TicketIndex, row: ChangeRow): void {
		const parsed = row.deleted ? null : parseStored(row.doc);
		if (parsed?.type === 'ticket') {
			index.put(parsed);
			this.#facts.set(row.id, scopeFacts(parsed));
		} else {
			index.remove(row.id);
			this.#facts.delete(row.id);
		}
	}

	/** The index and facts of every ticket now stored, or null when a feed resumption made the build obsolete. */
	async #build(): Promise<TicketIndex | null> {
		const generation = this.#generation;
		const index = new TicketIndex();
		const facts = new Map<string, ScopeFacts>();
		// A page at a time, with a turn for other work after each: the phone line's webhooks keep answering.
		for (let startkey = 'ticket:'; ; ) {
			const page = await this.db.allDocs({ startkey, endkey: 'ticket:\uffff', include_docs: true, limit: BUILD_PAGE });
			if (generation !== this.#generation) return null;
			const tickets: Ticket[] = [];
			for (const row of page.rows) {
				const parsed = Ticket.safeParse(row.doc);
				if (!parsed.success) continue;
				tickets.push(parsed.data);
				facts.set(row.id, scopeFacts(parsed.data));
			}
			await index.addAllInChunks(tickets);
			const last = page.rows.at(-1);
			if (!last || page.rows.length < BUILD_PAGE) break;
			startkey = `${last.id}\u0000`;
		}
		if (generation !== this.#generation) return null;
		this.#facts = facts;
		for (const row of this.#pending.splice(0)) this.#apply(index, row);
		this.#index = index;
		this.#building = null;
		return index;
	}

	/** The current index: built if there is none, built again if the feed resumed while it was being built. */
	async #current(): Promise<TicketIndex> {
		this.#listen();
		for (;;) {
			if (this.#index) return this.#index;
			this.#building ??= this.#startBuild();
			const index = await this.#building;
			if (index && index === this.#index) return index;
		}
	}

	#startBuild(): Promise<TicketIndex | null> {
		const generation = this.#generation;
		return this.#build().catch((error: unknown) => {
			// Changes seen during a failed build are older than what the next build will read: they are dropped with it.
			if (generation === this.#generation) {
				this.#building = null;
				this.#pending = [];
			}
			throw error;
		});
	}

	/** The tickets the actor may read that match a search, best first, read from the store as they are now. */
	async search(actor: Actor, text: string, limit: number): Promise<SearchResult[]> {
		const index = await this.#current();
		// The same rule as the gateway's (core's canRead on the scope facts), so a search never names a ticket the person could not sync.
		const hits = index.search(text, limit, (id) => {
			const facts = this.#facts.get(id);
			return !!facts && canRead(actor, facts);
		});
		if (hits.length === 0) return [];
		const rows = (await this.db.allDocs({ keys: hits.map((h) => h.id), include_docs: true })).rows;
		const results: SearchResult[] = [];
		for (const [i, row] of rows.entries()) {
			const parsed = Ticket.safeParse('doc' in row ? row.doc : null);
			const hit = hits[i];
			// Checked again on the stored copy with the gateway's own canRead: it may have changed since it was indexed.
			if (hit && parsed.success && canRead(actor, parsed.data)) results.push(searchResult(parsed.data, hit));
		}
		return results;
	}

	/** A ticket by its number, if the actor may read it (the gateway's rule, without the device's closed-ticket window). */
	async ticket(actor: Actor, number: string): Promise<Ticket | null> {
		try {
			const parsed = Ticket.safeParse(await this.db.get(`ticket:${number}`));
			return parsed.success && canRead(actor, parsed.data) ? parsed.data : null;
		} catch {
			return null;
		}
	}
}

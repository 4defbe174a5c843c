import type { Ticket } from '../schemas';
import { TicketIndex } from './ticket-index';
import { searchResult, type SearchResult } from './results';

/** What one update of the index did. */
export interface IndexUpdate {
	added: number;
	replaced: number;
	removed: number;
}

/**
 * The search index of the tickets on this device. It follows the device's tickets as the changes feed updates them:
 * each update adds, replaces or forgets only the tickets whose copy changed, so typing never rebuilds it.
 */
export class DeviceSearch {
	#index = new TicketIndex();
	#seen = new Map<string, Ticket>();

	/** How many tickets the index holds. */
	get size(): number {
		return this.#index.size;
	}

	/**
	 * Brings the index up to the tickets now on the device (a ticket object is replaced whole whenever it changes). New
	 * tickets are added in chunks, so a first build does not freeze the page; the caller waits for one update to end
	 * before it starts the next.
	 */
	async update(tickets: Iterable<Ticket>): Promise<IndexUpdate> {
		const next = new Map<string, Ticket>();
		const fresh: Ticket[] = [];
		let replaced = 0;
		for (const ticket of tickets) {
			next.set(ticket._id, ticket);
			const seen = this.#seen.get(ticket._id);
			if (seen === ticket) continue;
			if (seen) {
				this.#index.put(ticket);
				replaced++;
			} else fresh.push(ticket);
		}
		let removed = 0;
		for (const id of this.#seen.keys()) {
			if (next.has(id)) continue;
			this.#index.remove(id);
			removed++;
		}
		// Searches during the build look only at what is indexed: every ticket they name is already in #seen.
		this.#seen = next;
		await this.#index.addAllInChunks(fresh);
		return { added: fresh.length, replaced, removed };
	}

	/** The tickets on this device that match a search, best first, as result rows. */
	search(text: string, limit: number): SearchResult[] {
		return this.#index.search(text, limit).flatMap((hit) => {
			const ticket = this.#seen.get(hit.id);
			return ticket ? [searchResult(ticket, hit)] : [];
		});
	}
}

import { untrack } from 'svelte';
import type { Ticket } from '$core/schemas';
import { DeviceSearch } from '$core/search/device-search';
import type { SearchResult } from '$core/search/results';
import { data } from './data-manager.svelte';

/**
 * The device's ticket search. The index is built the first time a search box or the results page needs it, then
 * follows the tickets the data manager keeps from the local changes feed: each change updates only that ticket.
 */
class SearchManager {
	#search = new DeviceSearch();
	#version = $state(0);
	#stop: (() => void) | null = null;
	/** The newest tickets not indexed yet; updates run one at a time and the last one wins. */
	#waiting: readonly Ticket[] | null = null;
	#running = false;

	/** Builds the index and starts following the device's tickets (once; later calls do nothing). */
	start(): void {
		if (this.#stop) return;
		this.#stop = $effect.root(() => {
			$effect(() => {
				const tickets = data.tickets;
				untrack(() => this.#follow(tickets));
			});
		});
	}

	async #follow(tickets: readonly Ticket[]): Promise<void> {
		this.#waiting = tickets;
		if (this.#running) return;
		this.#running = true;
		try {
			while (this.#waiting) {
				const next = this.#waiting;
				this.#waiting = null;
				await this.#search.update(next);
				this.#version++;
			}
		} finally {
			this.#running = false;
		}
	}

	/** Whether the index holds the device's tickets (it is built on first use). */
	get ready(): boolean {
		return this.#version > 0;
	}

	/** The tickets on this device that match a search, best first. */
	results(text: string, limit: number): SearchResult[] {
		void this.#version;
		return text.trim() ? this.#search.search(text, limit) : [];
	}
}

export const ticketSearch = new SearchManager();

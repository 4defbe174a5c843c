import { ticketKeys } from '../../core/scope-keys';
import type { IndexEntry } from './scope-index';

/** The list judged for everyone: every document but tickets (a few hundred), and old tombstones still being looked up. */
const EVERYONE = '*';

/** The keys an entry is filed under: a ticket's own (core's ticketKeys), everyone's for any other document, none for what nobody gets. */
function keysOf(entry: IndexEntry): string[] {
	if (entry.pending) return [EVERYONE];
	if (entry.deleted && entry.deletion) return entry.deletion.type === 'ticket' ? ticketKeys(entry.deletion) : [EVERYONE];
	// A live document that does not parse, or a tombstone with nothing to judge it by: nobody gets it (see viewEntry).
	if (!entry.facts) return [];
	return entry.facts.type === 'ticket' ? ticketKeys(entry.facts) : [EVERYONE];
}

/** The position of the first entry after `since` in a list in sequence order. */
function firstAfter(list: readonly IndexEntry[], since: number): number {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (list[middle].seq <= since) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * The scope index's entries filed by key (the people and buildings of core's ticketKeys), each list in sequence order,
 * so that a first sync walks the tickets filed under its person's keys (core's actorKeys) and the few other documents,
 * not the whole district. A superseded entry stays in its lists until the next rebuild; walks skip it.
 */
export class KeyedEntries {
	#lists = new Map<string, IndexEntry[]>();

	/** Files every entry anew, from entries in sequence order. */
	rebuild(ordered: readonly IndexEntry[]): void {
		this.#lists.clear();
		for (const entry of ordered) for (const key of keysOf(entry)) this.#listOf(key).push(entry);
	}

	/** Files a new entry in sequence order. */
	place(entry: IndexEntry): void {
		for (const key of keysOf(entry)) {
			const list = this.#listOf(key);
			const last = list.at(-1);
			if (!last || last.seq < entry.seq) list.push(entry);
			else list.splice(firstAfter(list, entry.seq), 0, entry);
		}
	}

	/**
	 * Up to `max` entries after `since` filed under any of `keys` or for everyone, in sequence order and each once, keeping
	 * only those `live` accepts; `end` says whether every list was walked to its end.
	 */
	after(since: number, keys: readonly string[], max: number, live: (entry: IndexEntry) => boolean): { entries: IndexEntry[]; end: boolean } {
		const lists = [...keys, EVERYONE].map((key) => this.#lists.get(key)).filter((list): list is IndexEntry[] => list !== undefined);
		const at = lists.map((list) => firstAfter(list, since));
		const entries: IndexEntry[] = [];
		let last = since;
		while (entries.length < max) {
			let next = -1;
			for (let i = 0; i < lists.length; i++) if (at[i] < lists[i].length && (next < 0 || lists[i][at[i]].seq < lists[next][at[next]].seq)) next = i;
			if (next < 0) return { entries, end: true };
			const entry = lists[next][at[next]++];
			// The same entry filed under two of the keys comes twice in a row.
			if (entry.seq === last) continue;
			last = entry.seq;
			if (live(entry)) entries.push(entry);
		}
		return { entries, end: lists.every((list, i) => at[i] >= list.length) };
	}

	#listOf(key: string): IndexEntry[] {
		let list = this.#lists.get(key);
		if (!list) this.#lists.set(key, (list = []));
		return list;
	}
}

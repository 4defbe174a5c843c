import { documentKeys } from '../../core/scope-keys';
import type { IndexEntry } from './scope-index';

/** The list judged for everyone: the documents no key narrows (profiles, buildings...), and old tombstones still being looked up. */
const EVERYONE = '*';

/** The keys an entry is filed under: core's documentKeys of its facts or deletion scope, none for what nobody gets. */
function keysOf(entry: IndexEntry): string[] {
	if (entry.pending) return [EVERYONE];
	const of = entry.deleted && entry.deletion ? entry.deletion : entry.facts;
	// A live document that does not parse, or a tombstone with nothing to judge it by: nobody gets it (see viewEntry).
	if (!of) return [];
	const keys = documentKeys(of);
	return keys === 'everyone' ? [EVERYONE] : keys;
}

/** The position of the first entry after `since` in a list in sequence order. */
export function firstAfter(list: readonly IndexEntry[], since: number): number {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (list[middle].seq <= since) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Puts an entry into a list in sequence order (at the end, nearly always). */
export function placeInOrder(list: IndexEntry[], entry: IndexEntry): void {
	const last = list.at(-1);
	if (!last || last.seq < entry.seq) list.push(entry);
	else list.splice(firstAfter(list, entry.seq), 0, entry);
}

/**
 * The scope index's entries filed by key (the people, buildings and staff of core's documentKeys), each list in sequence
 * order, so that a first sync walks the documents filed under its person's keys (core's actorKeys) and the few filed for
 * everyone, not the whole district. A superseded entry stays in its lists until the next rebuild; walks skip it.
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
		for (const key of keysOf(entry)) placeInOrder(this.#listOf(key), entry);
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

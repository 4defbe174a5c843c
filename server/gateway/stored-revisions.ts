import type { Db } from '../store';

/** What the store holds under an id: its winning revision, and whether that is a deletion. */
export interface StoredRevision {
	rev: string;
	deleted: boolean;
}

type Row = { id?: string; key?: string; value?: { rev: string; deleted?: boolean }; error?: string };

/** Whether the store is a CouchDB server (PouchDB's http adapter), where one request answers for many ids. */
export const isRemote = (db: Db): boolean => (db as { adapter?: string }).adapter === 'http';

/** Live documents a range may pass over besides the ones asked for, before the rest are read one by one. */
const RANGE_SLACK = 50;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Orders ids as LevelDB does: by their UTF-8 bytes, that is by code points, not by UTF-16 code units as `<` does. */
export function byBytes(a: string, b: string): number {
	for (let i = 0, j = 0; i < a.length && j < b.length; ) {
		const x = a.codePointAt(i)!;
		const y = b.codePointAt(j)!;
		if (x !== y) return x - y;
		i += x > 0xffff ? 2 : 1;
		j += y > 0xffff ? 2 : 1;
	}
	return a.length - b.length;
}

/** Characters after the kind (the text up to the first ":") that ids must share to be read as one range. */
const PREFIX_AFTER_KIND = 4;

/**
 * The prefix an id's range is read under: its kind and the next PREFIX_AFTER_KIND characters (a ticket's device code,
 * "ticket:K7M-"), or null for an id without one. A range reads every deletion between its ends, deletions not counting
 * towards its limit: a narrow prefix bounds that to one device's tickets or one outage's people, whatever ids a device
 * sends (two far-apart ids of one kind read every deletion of that kind).
 */
export function rangePrefix(id: string): string | null {
	const colon = id.indexOf(':');
	if (colon < 1 || id.length < colon + 1 + PREFIX_AFTER_KIND) return null;
	return id.slice(0, colon + 1 + PREFIX_AFTER_KIND);
}

/** The rows the store answers for ids, as a map from each id it holds (live or deleted) to its revision. */
function collect(rows: Row[], wanted: ReadonlySet<string>, into: Map<string, StoredRevision>): void {
	for (const row of rows) {
		const id = row.id ?? row.key;
		if (id !== undefined && wanted.has(id) && row.value && !row.error) into.set(id, { rev: row.value.rev, deleted: row.value.deleted === true });
	}
}

/**
 * One id range of the embedded store, from the smallest of `ids` to the largest, deletions included. The range stops
 * after RANGE_SLACK live documents more than were asked for; the ids past where it stopped are read as keys.
 */
async function rangeOf(db: Db, ids: string[], into: Map<string, StoredRevision>): Promise<void> {
	const sorted = [...ids].sort(byBytes);
	const wanted = new Set(ids);
	// PouchDB answers nothing when the start is after the end by `>` (UTF-16), though LevelDB orders by UTF-8 bytes.
	if (sorted[0]! > sorted.at(-1)!) return collect((await db.allDocs({ keys: sorted })).rows as Row[], wanted, into);
	const limit = ids.length + RANGE_SLACK;
	// `deleted: 'ok'` is the option PouchDB's own keys query passes to its LevelDB adapter to list deletions too.
	const { rows } = (await db.allDocs({ startkey: sorted[0], endkey: sorted.at(-1), limit, deleted: 'ok' } as PouchDB.Core.AllDocsWithinRangeOptions)) as { rows: Row[] };
	collect(rows, wanted, into);
	const live = rows.filter((row) => !row.value?.deleted);
	if (live.length < limit) return;
	const last = live.at(-1)!.id!;
	const rest = sorted.filter((id) => byBytes(id, last) > 0);
	if (rest.length) collect((await db.allDocs({ keys: rest })).rows as Row[], wanted, into);
}

/**
 * Which of `ids` the store holds, live or deleted, with each one's winning revision; an id it never held is absent.
 * Reads no document bodies. On CouchDB one request. On the embedded LevelDB store one range per prefix of id (its kind
 * and the next four characters: see rangePrefix), which costs a fraction of a point read per id: a read of an id the store lacks (as every
 * document of a first push is) costs a LevelDB look-up and a PouchDB error with its stack.
 */
export async function storedRevisions(db: Db, ids: readonly string[]): Promise<Map<string, StoredRevision>> {
	const found = new Map<string, StoredRevision>();
	const unique = [...new Set(ids)];
	if (!unique.length) return found;
	if (isRemote(db)) {
		collect((await db.allDocs({ keys: unique })).rows as Row[], new Set(unique), found);
		return found;
	}
	const kinds = new Map<string, string[]>();
	const asKeys: string[] = [];
	for (const id of unique) {
		// PouchDB stores no document under an empty id. One that is not valid UTF-16 has no exact place in the order of
		// UTF-8 bytes, and one with no narrow prefix could span the whole store: they are looked up as keys.
		if (!id) continue;
		const prefix = rangePrefix(id);
		if (prefix === null || LONE_SURROGATE.test(id)) asKeys.push(id);
		else {
			const group = kinds.get(prefix);
			if (group) group.push(id);
			else kinds.set(prefix, [id]);
		}
	}
	for (const group of kinds.values()) await rangeOf(db, group, found);
	if (asKeys.length) collect((await db.allDocs({ keys: asKeys })).rows as Row[], new Set(asKeys), found);
	return found;
}

/**
 * The store's revs_diff: which of the asked revisions it lacks, per id. On the embedded store the ids it never held are
 * found with storedRevisions and answered without a read each (every revision is missing); CouchDB is asked at once.
 */
export async function missingRevisions(db: Db, asked: [string, string[]][]): Promise<Map<string, string[]>> {
	const stored = isRemote(db) ? null : await storedRevisions(db, asked.map(([id]) => id));
	const held = stored ? asked.filter(([id]) => stored.has(id)) : asked;
	const diff = held.length ? ((await db.revsDiff(Object.fromEntries(held) as PouchDB.Core.RevisionDiffOptions)) as Record<string, { missing?: string[] } | undefined>) : {};
	return new Map(asked.map(([id, revs]) => [id, stored && !stored.has(id) ? revs : (diff[id]?.missing ?? [])]));
}

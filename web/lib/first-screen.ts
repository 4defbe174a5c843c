import type { LocalDb } from './local-db';

/** Where a copy of the first screen's documents is kept on this device (one signed-in person at a time). */
const COPY_KEY = 'hd:first-screen';
/** Rows kept per list: more than a Chromebook's first screen shows. */
export const FIRST_SCREEN_ROWS = 25;

type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;
type Copy = { db: string; rows: readonly Row[] };
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const browserStore = (): Store | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** The ids of the first rows of each list (in order, each once): what the home page shows before anything is scrolled. */
export function firstScreenIds(lists: readonly (readonly { _id: string }[])[], rows = FIRST_SCREEN_ROWS): string[] {
	return [...new Set(lists.flatMap((list) => list.slice(0, rows).map((t) => t._id)))];
}

/** The document ids the given tickets name beside their own (buildings and people), for showing their rows. */
export function namedIds(tickets: readonly Row[]): string[] {
	const ids = new Set<string>();
	for (const t of tickets) {
		if (typeof t.building === 'string') ids.add(`building:${t.building}`);
		for (const who of [t.assignee, t.escalatedTo, t.requester]) if (typeof who === 'string') ids.add(`user:${who}`);
	}
	return [...ids];
}

// Bumped whenever the copy is dropped: a keeper then saves again even when the rows it shows did not change.
let dropped = 0;

/**
 * The first screen's documents as copied from a database (the tickets, then the buildings and people their rows
 * name): read without opening the database, so a cold start shows its first rows before PouchDB has even loaded.
 * Empty when there is no copy, it is another database's, or it cannot be read. The documents are still unchecked.
 */
export function readFirstScreen(dbName: string, store = browserStore()): Row[] {
	try {
		const copy = JSON.parse(store?.getItem(COPY_KEY) ?? 'null') as Partial<Copy> | null;
		if (copy?.db !== dbName || !Array.isArray(copy.rows)) return [];
		return copy.rows.filter((row): row is Row => typeof row === 'object' && row !== null && typeof row._id === 'string');
	} catch {
		return [];
	}
}

/** Whether there is a copy of this database's first screen (a quick look, without reading its documents). */
export function hasFirstScreen(dbName: string, store = browserStore()): boolean {
	return store?.getItem(COPY_KEY)?.startsWith(JSON.stringify({ db: dbName }).slice(0, -1)) ?? false;
}

/** Copies the first screen's documents; only a cache, so a full store is ignored. */
export function saveFirstScreen(dbName: string, rows: readonly Row[], store = browserStore()): void {
	try {
		store?.setItem(COPY_KEY, JSON.stringify({ db: dbName, rows } satisfies Copy));
	} catch {
		// Out of space: the next cold start reads the database instead.
	}
}

/** Drops the copy (sign-out, or a write to the database it came from is about to make it older than the database). */
export function forgetFirstScreen(store = browserStore()): void {
	dropped++;
	store?.removeItem(COPY_KEY);
}

/**
 * Drops the copy before every write to this database, so a copy on the device is never older than the database: a
 * device closed after a sync took a ticket off it, and before the copy was saved again, has no copy, and its next cold
 * start reads the database. A keeper saves the copy again once the write has been applied.
 */
export function guardFirstScreen(db: LocalDb, store = browserStore()): void {
	const write = db.bulkDocs.bind(db) as (...args: unknown[]) => unknown;
	db.bulkDocs = ((...args: unknown[]) => {
		forgetFirstScreen(store);
		return write(...args);
	}) as LocalDb['bulkDocs'];
}

/**
 * Keeps a database's first-screen copy current: saved at once when what it shows changes (or the copy was dropped),
 * then at most once a second (a live sync changes it with every batch). `rowsOf` gives the documents for the ids as the
 * page holds them now.
 */
export class FirstScreenKeeper {
	#dbName: string;
	#rowsOf: (ids: readonly string[]) => Row[];
	#store: Store | null;
	#ids: readonly string[] = [];
	#saved = '';
	#savedAt = -1;
	#due = false;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(dbName: string, rowsOf: (ids: readonly string[]) => Row[], store = browserStore()) {
		this.#dbName = dbName;
		this.#rowsOf = rowsOf;
		this.#store = store;
		// A save waiting for its second is made when the app is closed or put away (the copy may have been dropped).
		globalThis.addEventListener?.('pagehide', this.#flush);
		globalThis.document?.addEventListener('visibilitychange', this.#flush);
	}

	#flush = (): void => {
		if (this.#due && globalThis.document?.visibilityState !== 'visible') this.#save();
	};

	/** The page shows these ids first now (call again with the same ids when their documents may have changed). */
	keep(ids: readonly string[]): void {
		this.#ids = ids;
		this.#due = true;
		if (this.#timer) return;
		this.#save();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (this.#due) this.#save();
		}, 1000);
	}

	/** The same ids again: their documents may have changed, or the copy was dropped. */
	refresh(): void {
		if (this.#ids.length) this.keep(this.#ids);
	}

	/** Saves nothing more (the person signed out, or another database is open). */
	cancel(): void {
		globalThis.removeEventListener?.('pagehide', this.#flush);
		globalThis.document?.removeEventListener('visibilitychange', this.#flush);
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#due = false;
	}

	#save(): void {
		this.#due = false;
		const tickets = this.#rowsOf(this.#ids);
		const rows = [...tickets, ...this.#rowsOf(namedIds(tickets))];
		const json = JSON.stringify(rows);
		if (json === this.#saved && this.#savedAt === dropped) return;
		saveFirstScreen(this.#dbName, rows, this.#store);
		this.#saved = json;
		this.#savedAt = dropped;
	}
}

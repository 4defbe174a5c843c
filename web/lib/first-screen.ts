import type { LocalDb } from './local-db';
import { localDbName } from './local-db-name';
import { storedUsername } from './stored-profile';

/** Where a copy of the first screen's documents is kept on this device (one signed-in person at a time). */
const COPY_KEY = 'hd:first-screen';
/** Where the first screen's ids are remembered in the database too, for a cold start that finds no copy. */
const IDS_DOC = '_local/hd-first-screen';
/**
 * Rows kept per list: more than a first screen shows (a row is ~100 px tall: ~4 on a Chromebook's 768 px, ~8 at
 * 1080 px). Each is parsed and drawn before the first frame: 12 against 25 took ~20-40 ms less (paired runs).
 */
export const FIRST_SCREEN_ROWS = 12;
/** The most the copy's tickets take (characters of JSON): a few long tickets must not fill the device's small store. */
export const COPY_BUDGET = 256 * 1024;

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

// Writes to guarded databases begun and not yet settled, and how many ever began (each one drops the copy first).
let writing = 0;
let writesBegun = 0;

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
		store?.removeItem(COPY_KEY);
	}
}

/** Drops the copy (sign-out, a database destroyed, or a write about to make it older than the database). */
export function forgetFirstScreen(store = browserStore()): void {
	store?.removeItem(COPY_KEY);
}

/**
 * Drops the copy before every write to this database (PouchDB's put, post, remove, attachments and the pull's writes
 * all go through bulkDocs), so a copy on the device is never older than the database: a device closed after a sync
 * took a ticket off it, and before the copy was saved again, has no copy, and its next cold start reads the database.
 */
export function guardFirstScreen(db: LocalDb, store = browserStore()): void {
	const write = db.bulkDocs.bind(db) as (...args: unknown[]) => Promise<unknown> | undefined;
	db.bulkDocs = ((...args: unknown[]) => {
		writing++;
		writesBegun++;
		forgetFirstScreen(store);
		const settled = () => void writing--;
		// PouchDB's callback form returns nothing: the callback says when the write settled.
		const callback = args.findIndex((arg) => typeof arg === 'function');
		if (callback >= 0) {
			const done = args[callback] as (...result: unknown[]) => void;
			args[callback] = (...result: unknown[]) => (settled(), done(...result));
			return write(...args);
		}
		const written = write(...args);
		written?.then(settled, settled);
		return written;
	}) as LocalDb['bulkDocs'];
}

/** The documents with these ids as the database holds them now, leaving out deleted and missing ones. */
async function stored(db: LocalDb, ids: readonly string[]): Promise<Row[]> {
	if (!ids.length) return [];
	const { rows } = await db.allDocs({ keys: [...ids], include_docs: true });
	return rows.flatMap((r) => ('doc' in r && r.doc && !r.value?.deleted ? [r.doc as unknown as Row] : []));
}

/**
 * Without a copy (the device closed between a write and the copy's next save): the first screen's tickets remembered
 * by id in the database, read as stored now (a ticket deleted or taken out of the person's scope since is not there),
 * with the buildings and people their rows name. Empty when nothing is remembered.
 */
export async function readRememberedFirstScreen(db: LocalDb): Promise<Row[]> {
	const remembered = await db.get<{ ids?: unknown }>(IDS_DOC).catch(() => null);
	if (!Array.isArray(remembered?.ids)) return [];
	const tickets = await stored(db, remembered.ids.filter((id): id is string => typeof id === 'string'));
	return [...tickets, ...(await stored(db, namedIds(tickets)))];
}

/** Remembers the first screen's ids in the database (a _local document, never replicated, never dropping the copy). */
export async function rememberFirstScreenIds(db: LocalDb, ids: readonly string[]): Promise<void> {
	const remembered = await db.get<{ ids?: unknown }>(IDS_DOC).catch(() => null);
	if (Array.isArray(remembered?.ids) && remembered.ids.join('\n') === ids.join('\n')) return;
	await db.put({ _id: IDS_DOC, ...(remembered ? { _rev: remembered._rev } : {}), ids: [...ids] }).catch(() => undefined);
}

/** The tickets, in order, that fit the copy's budget. */
function withinBudget(tickets: readonly Row[]): Row[] {
	let size = 0;
	const kept: Row[] = [];
	for (const ticket of tickets) {
		size += JSON.stringify(ticket).length;
		if (size > COPY_BUDGET) break;
		kept.push(ticket);
	}
	return kept;
}

/**
 * Keeps a database's first-screen copy current: saved at once when the page says what it shows (or that it may have
 * changed), then at most once a second. The documents are read from the database itself, and only while no write to
 * it is under way: a save that a write overtook is not made (the write dropped the copy; the change, once applied,
 * asks for a save again). Nothing is saved once the database's person is no longer the one signed in on the device.
 */
export class FirstScreenKeeper {
	#db: LocalDb;
	#store: Store | null;
	#ids: readonly string[] = [];
	#due = false;
	#running: Promise<void> | null = null;
	#idsRemembered = '';
	#idsSaves: Promise<void> = Promise.resolve();
	#cancelled = false;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(db: LocalDb, store = browserStore()) {
		this.#db = db;
		this.#store = store;
		// A save waiting for its second is made when the app is closed or put away.
		globalThis.addEventListener?.('pagehide', this.#flush);
		globalThis.document?.addEventListener('visibilitychange', this.#flush);
	}

	#flush = (): void => {
		if (this.#due && globalThis.document?.visibilityState !== 'visible') void this.#save();
	};

	/** The page shows these ids first now (call again with the same ids when their documents may have changed). */
	keep(ids: readonly string[]): void {
		if (this.#cancelled) return;
		this.#ids = ids;
		this.#due = true;
		if (this.#timer) return;
		void this.#save();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (this.#due) void this.#save();
		}, 1000);
	}

	/** The same ids again: their documents may have changed, or a write dropped the copy. */
	refresh(): void {
		if (this.#ids.length) this.keep(this.#ids);
	}

	/** Saves nothing more (the person signed out, or another database is open). */
	cancel(): void {
		this.#cancelled = true;
		globalThis.removeEventListener?.('pagehide', this.#flush);
		globalThis.document?.removeEventListener('visibilitychange', this.#flush);
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#due = false;
	}

	/** Resolves when the saves under way (if any) are over: for tests. */
	async settled(): Promise<void> {
		await this.#idsSaves;
		while (this.#running) await this.#running;
	}

	/** A save not made now is tried again a moment later (a write under way, or one that overtook it). */
	#again(): void {
		this.#due = true;
		this.#timer ??= setTimeout(() => {
			this.#timer = null;
			if (this.#due) void this.#save();
		}, 250);
	}

	#save(): Promise<void> {
		if (this.#cancelled) return Promise.resolve();
		this.#rememberIds();
		// One at a time; a write under way is waited out.
		if (this.#running || writing > 0) {
			this.#again();
			return Promise.resolve();
		}
		this.#due = false;
		const running = (this.#running = this.#copy().finally(() => {
			if (this.#running === running) this.#running = null;
		}));
		return running;
	}

	/** The ids in the database too, one save after another (a _local document must not conflict with itself). */
	#rememberIds(): void {
		const ids = this.#ids;
		if (ids.join('\n') === this.#idsRemembered) return;
		this.#idsRemembered = ids.join('\n');
		this.#idsSaves = this.#idsSaves.then(() => rememberFirstScreenIds(this.#db, ids));
	}

	async #copy(): Promise<void> {
		const begun = writesBegun;
		try {
			const tickets = withinBudget(await stored(this.#db, this.#ids));
			const rows = [...tickets, ...(await stored(this.#db, namedIds(tickets)))];
			const signedIn = storedUsername(this.#store);
			// A write began while the documents were read: they may be older than the database.
			if (this.#cancelled || !signedIn || localDbName(signedIn) !== this.#db.name) return;
			if (writesBegun !== begun) return this.#again();
			if (tickets.length) saveFirstScreen(this.#db.name, rows, this.#store);
			else forgetFirstScreen(this.#store);
		} catch {
			// The database is closing or gone (sign-out in another tab): nothing to copy.
		}
	}
}

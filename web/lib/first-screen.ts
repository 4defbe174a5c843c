import type { LocalDb } from './local-db';

const FIRST_SCREEN_DOC = '_local/hd-first-screen';
/** Rows kept per list: more than a Chromebook's first screen shows. */
export const FIRST_SCREEN_ROWS = 25;

type Stored = { ids: string[] };
type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;

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

/** Reads documents by id as they are stored now: a deleted or missing one is left out. */
async function current(db: LocalDb, ids: readonly string[]): Promise<Row[]> {
	if (!ids.length) return [];
	const { rows } = await db.allDocs({ keys: [...ids], include_docs: true });
	return rows.flatMap((r) => ('doc' in r && r.doc && !r.value?.deleted ? [r.doc as unknown as Row] : []));
}

/**
 * The documents of the first screen remembered in a database, read as they are stored now (a ticket deleted or taken
 * out of the person's scope since is not there any more), with the buildings and people their rows name. Only ids are
 * remembered, never contents, so nothing shown can be older than the database. Empty when nothing is remembered.
 */
export async function readFirstScreen(db: LocalDb): Promise<Row[]> {
	const stored = await db.get<Stored>(FIRST_SCREEN_DOC).catch(() => null);
	if (!Array.isArray(stored?.ids)) return [];
	const tickets = await current(db, stored.ids.filter((id): id is string => typeof id === 'string'));
	return [...tickets, ...(await current(db, namedIds(tickets)))];
}

/** Remembers which tickets the first screen shows (a _local document, never replicated); only a cache, so a failure is ignored. */
export async function saveFirstScreen(db: LocalDb, ids: readonly string[]): Promise<void> {
	const stored = await db.get<Stored>(FIRST_SCREEN_DOC).catch(() => null);
	if (Array.isArray(stored?.ids) && stored.ids.join('\n') === ids.join('\n')) return;
	await db.put({ _id: FIRST_SCREEN_DOC, ...(stored ? { _rev: stored._rev } : {}), ids: [...ids] }).catch(() => undefined);
}

/**
 * Keeps a database's remembered first screen current: saved at once when the ids change, then at most once a second
 * (a first sync changes them with every batch), one save after another so the _local document never conflicts.
 */
export class FirstScreenKeeper {
	#db: LocalDb;
	#saved = '';
	#waiting: readonly string[] | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#saves: Promise<void> = Promise.resolve();

	constructor(db: LocalDb) {
		this.#db = db;
	}

	/** Saves these ids as the first screen's, now or within a second. */
	keep(ids: readonly string[]): void {
		// Back to the saved ids: a change waiting for the timer is no longer what the page shows.
		this.#waiting = ids.join('\n') === this.#saved ? null : ids;
		if (!this.#waiting) return;
		if (this.#timer) return;
		this.#save();
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#save();
		}, 1000);
	}

	/** Saves nothing more (the person signed out, or another database is open). */
	cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#waiting = null;
	}

	#save(): void {
		const ids = this.#waiting;
		if (!ids) return;
		this.#waiting = null;
		this.#saved = ids.join('\n');
		this.#saves = this.#saves.then(() => saveFirstScreen(this.#db, ids));
	}
}

import type { LocalDb } from './local-db';

const PARSED_DOC = '_local/hd-parsed';
// Saved at most this often while documents arrive (a first sync parses thousands); the cache only saves work.
const SAVE_AFTER_MS = 2000;

type Stored = { version: string; revs: Record<string, string> };

/** Whether two JSON values are equal, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	const keys = Object.keys(x);
	if (keys.length !== Object.keys(y).length) return false;
	return keys.every((key) => Object.hasOwn(y, key) && sameJson(x[key], y[key]));
}

/**
 * The document revisions that this build's schemas accepted unchanged (the parse gave back the stored document
 * itself), remembered in a _local document (never replicated) so that a cold start does not parse 5,000 tickets
 * again: a revision's content never changes, and another build (other schemas) starts from none.
 */
export class ParsedRevisions {
	#db: LocalDb;
	#version: string;
	#revs: Map<string, string>;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#saves: Promise<unknown> = Promise.resolve();

	private constructor(db: LocalDb, version: string, revs: Record<string, string>) {
		this.#db = db;
		this.#version = version;
		this.#revs = new Map(Object.entries(revs));
	}

	/** Reads what a database remembers for this build; nothing when it remembers another build's, or cannot be read. */
	static async load(db: LocalDb, version: string): Promise<ParsedRevisions> {
		const stored = await db.get<Stored>(PARSED_DOC).catch(() => null);
		return new ParsedRevisions(db, version, stored?.version === version ? stored.revs : {});
	}

	/** Whether this revision of the document was accepted unchanged. */
	has(id: string, rev: string): boolean {
		return this.#revs.get(id) === rev;
	}

	/** Remembers that this revision was accepted unchanged (replacing the document's older one). */
	add(id: string, rev: string): void {
		if (this.#revs.get(id) === rev) return;
		this.#revs.set(id, rev);
		this.#later();
	}

	/** Forgets a document (deleted, or a revision that did not parse). */
	forget(id: string): void {
		if (this.#revs.delete(id)) this.#later();
	}

	/** Saves now what is waiting to be saved; resolves when it is written (or could not be: it is only a cache). */
	flush(): Promise<unknown> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const doc = { version: this.#version, revs: Object.fromEntries(this.#revs) };
		// One save after another, each on the stored revision, so the _local document never conflicts with itself.
		this.#saves = this.#saves.then(async () => {
			const current = await this.#db.get(PARSED_DOC).catch(() => null);
			await this.#db.put({ _id: PARSED_DOC, ...(current ? { _rev: current._rev } : {}), ...doc });
		});
		// A database closed or destroyed meanwhile (sign-out) has nothing left to remember.
		this.#saves = this.#saves.catch(() => undefined);
		return this.#saves;
	}

	/** Stops saving (the person signed out, or another database is open). */
	cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#later(): void {
		this.#timer ??= setTimeout(() => void this.flush(), SAVE_AFTER_MS);
	}
}

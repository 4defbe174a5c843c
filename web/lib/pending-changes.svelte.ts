import type { LocalDb } from './local-db';

const PENDING_DOC = '_local/hd-pending';

/**
 * The local changes the server has not received yet: document id → the revision written here.
 * Kept in a _local document (never replicated), so the count survives a reload offline.
 */
export class PendingChanges {
	#revs = $state.raw<Record<string, string>>({});
	#saves: Promise<unknown> = Promise.resolve();
	#db: LocalDb;
	#onError: (error: unknown) => void;

	private constructor(db: LocalDb, revs: Record<string, string>, onError: (error: unknown) => void) {
		this.#db = db;
		this.#revs = revs;
		this.#onError = onError;
	}

	/** Reads the list kept in a person's database; a database that never had one (or cannot be read) starts empty. */
	static async load(db: LocalDb, onError: (error: unknown) => void): Promise<PendingChanges> {
		const stored = await db.get<{ revs: Record<string, string> }>(PENDING_DOC).catch((error: { status?: number }) => {
			if (error.status !== 404) onError(error);
			return null;
		});
		return new PendingChanges(db, stored?.revs ?? {}, onError);
	}

	get count(): number {
		return Object.keys(this.#revs).length;
	}

	/** The waiting revision of each waiting document. */
	get revs(): Readonly<Record<string, string>> {
		return this.#revs;
	}

	has(id: string): boolean {
		return id in this.#revs;
	}

	/** Records a local write. */
	mark(id: string, rev: string): Promise<unknown> {
		this.#revs = { ...this.#revs, [id]: rev };
		return this.#save();
	}

	/** Forgets documents the server now has (or refused). */
	unmark(ids: readonly string[]): Promise<unknown> {
		if (!ids.some((id) => id in this.#revs)) return Promise.resolve();
		this.#revs = Object.fromEntries(Object.entries(this.#revs).filter(([id]) => !ids.includes(id)));
		return this.#save();
	}

	// Saves run one after another so the _local document never conflicts with itself.
	#save(): Promise<unknown> {
		const revs = this.#revs;
		const saved = this.#saves.then(async () => {
			const current = await this.#db.get(PENDING_DOC).catch(() => null);
			await this.#db.put({ _id: PENDING_DOC, ...(current ? { _rev: current._rev } : {}), revs });
		});
		this.#saves = saved.catch(this.#onError);
		return this.#saves;
	}
}

import type { LocalDb } from './local-db';

type Rev = { _id: string; _rev?: string; _deleted?: boolean };
const key = (doc: Rev) => `${doc._id}@${doc._rev}`;

/**
 * Revisions the pull just wrote here, by `id@rev`, that the push may skip instead of asking the server whether it
 * lacks what it just sent. Only a revision that is its document's one leaf here is remembered: a document in conflict
 * may hold a local revision the pulled one won over, written in another tab (whose waiting changes this tab does not
 * know) or before, and skipping the document would move the push's checkpoint, shared by every tab, past it for good.
 */
export class PulledRevisions {
	#keys = new Set<string>();

	/**
	 * Remembers what a pull batch wrote, once the database shows it as the winner with no conflict. Remembered late, a
	 * revision the push has already read is only sent as before; a deletion is always sent.
	 */
	async add(db: LocalDb, docs: readonly Rev[]): Promise<void> {
		const wrote = new Set(docs.filter((doc) => !doc._deleted).map(key));
		const ids = [...new Set(docs.filter((doc) => !doc._deleted).map((doc) => doc._id))];
		if (!ids.length) return;
		const read = await db.allDocs({ keys: ids, include_docs: true, conflicts: true }).catch(() => null);
		for (const row of read?.rows ?? []) {
			const doc = 'doc' in row ? (row.doc as (Rev & { _conflicts?: string[] }) | null | undefined) : null;
			if (doc && !doc._conflicts?.length && wrote.has(key(doc))) this.#keys.add(key(doc));
		}
	}

	/** Whether the push may skip this revision (each is skipped once at most). */
	take(doc: Rev): boolean {
		return this.#keys.delete(key(doc));
	}

	get size(): number {
		return this.#keys.size;
	}
}

/** The push's filter: sends everything but a revision just pulled, unless its document has a change waiting here. */
export function pushFilter(pulled: PulledRevisions, isPending: (id: string) => boolean) {
	return (doc: Rev) => !pulled.take(doc) || isPending(doc._id);
}

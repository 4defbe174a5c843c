import type { LocalDb } from './local-db';
import { endQuiet, handOver } from './local-feed';

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
	/** Handed to the local feed's followers while it was quiet: remembered once endQuiet proves them alone here. */
	#handedOver: Rev[] = [];
	#settled: Promise<void> | null = null;

	/**
	 * Remembers what a pull batch wrote. While the local feed is quiet (a database filled from empty), the batch is handed
	 * to its followers from memory and checked at the end (see settle); otherwise it is read back now (add).
	 */
	wrote(db: LocalDb, docs: readonly Rev[]): Promise<void> {
		if (!handOver(db, docs.filter((doc): doc is Rev & { _rev: string } => typeof doc._rev === 'string'))) return this.add(db, docs);
		for (const doc of docs) if (!doc._deleted) this.#handedOver.push({ _id: doc._id, _rev: doc._rev });
		return Promise.resolve();
	}

	/**
	 * Ends the local feed's quiet start (once; later calls wait for the same end): the revisions handed over are
	 * remembered without a read when the feed proves them their document's only one here, and read back otherwise.
	 */
	settle(db: LocalDb): Promise<void> {
		this.#settled ??= endQuiet(db).then((alone) => {
			const handed = this.#handedOver;
			this.#handedOver = [];
			if (!alone) return this.add(db, handed);
			for (const doc of handed) if (alone.get(doc._id) === doc._rev) this.#keys.add(key(doc));
		});
		return this.#settled;
	}

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

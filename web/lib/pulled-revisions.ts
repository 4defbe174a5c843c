import type { LocalDb } from './local-db';

type Rev = { _id: string; _rev?: string };
const key = (doc: Rev) => `${doc._id}@${doc._rev}`;

/**
 * Revisions the pull just wrote here, by `id@rev`, that the push may skip instead of asking the server whether it
 * lacks what it just sent.
 */
export class PulledRevisions {
	#keys = new Set<string>();

	/** Remembers what a pull batch wrote. */
	async add(_db: LocalDb, docs: readonly Rev[]): Promise<void> {
		for (const doc of docs) this.#keys.add(key(doc));
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

import type { Db } from '../store';
import { isRemote } from './stored-revisions';

/** How many documents one store write carries at most. */
export const MAX_BATCH = 500;

type Doc = Record<string, unknown> & { _id: string; _rev?: string };
type Pending = { doc: Doc; done: (rev: string) => void; fail: (error: unknown) => void };
type Written = { ok?: boolean; rev?: string; status?: number; error?: unknown };

/**
 * Puts of different documents that arrive together go to the store as one bulkDocs (one LevelDB transaction, one write
 * lock) instead of one each; every put still resolves only once its own document is stored, with its own result (a
 * conflict rejects that put alone, as db.put would). While a write is under way the next puts wait and go together in
 * the following one, so batches grow with the load. Callers must not have two puts of one id in flight at once.
 * Over a CouchDB store each put is sent alone (its _bulk_docs handling of _local documents is not tested here).
 */
export class BatchedPuts {
	#queue: Pending[] = [];
	#busy = false;

	constructor(
		private readonly db: Db,
		private readonly maxBatch = MAX_BATCH
	) {}

	/** Stores `doc` (with `_rev` when it replaces one); resolves with the new revision once it is stored. */
	put(doc: Doc): Promise<string> {
		if (isRemote(this.db)) return this.db.put(doc).then((written) => written.rev);
		return new Promise((done, fail) => {
			this.#queue.push({ doc, done, fail });
			if (this.#busy) return;
			this.#busy = true;
			// Waits one turn of the event loop, so that the puts of requests answered together go in one write.
			setImmediate(() => void this.#drain());
		});
	}

	async #drain(): Promise<void> {
		while (this.#queue.length) await this.#write(this.#queue.splice(0, this.maxBatch));
		this.#busy = false;
	}

	/**
	 * Writes the batch's documents in one store write and answers each put. When the whole write fails (e.g. one
	 * document the store cannot serialise), each is written alone, so one bad document fails only its own put.
	 */
	async #write(batch: Pending[]): Promise<void> {
		try {
			const results = (await this.db.bulkDocs(batch.map((pending) => pending.doc))) as Written[];
			batch.forEach((pending, i) => {
				const result = results[i];
				if (result?.ok && typeof result.rev === 'string') pending.done(result.rev);
				else pending.fail(result ?? new Error('The store gave no answer for this write.'));
			});
		} catch (error) {
			if (batch.length === 1) batch[0].fail(error);
			else for (const pending of batch) await this.#write([pending]);
		}
	}
}

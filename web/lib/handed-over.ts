import type { ChangedDoc } from './local-feed';

/**
 * The revisions this tab wrote into a database that was empty when it opened, handed to the local feed's followers
 * from memory instead of read back from IndexedDB (a first sync writes thousands). Each revision written takes one
 * sequence number, so when the database's last sequence equals the number of distinct revisions counted here, nothing
 * else (another tab) wrote to it meanwhile, and each document handed over once is stored as handed over.
 */
export class HandedOver {
	#revs = new Map<string, Set<string>>();
	#count = 0;
	#reread = new Set<string>();

	/**
	 * Counts a revision this tab wrote; returns the document as the feed gives it, or null when it must be read from the
	 * database at the end: one with files (stored with stubs, not their contents) or a second revision of a document (the
	 * stored winner decides).
	 */
	add(doc: ChangedDoc & { _rev: string }): ChangedDoc | null {
		const revs = this.#revs.get(doc._id) ?? new Set<string>();
		if (!revs.has(doc._rev)) this.#count++;
		revs.add(doc._rev);
		this.#revs.set(doc._id, revs);
		if (revs.size > 1 || doc._attachments) this.#reread.add(doc._id);
		if (doc._attachments) return null;
		// Only the replicator's history: the stored document does not carry it.
		const { _revisions, ...stored } = doc;
		return stored;
	}

	/** Whether the database's last sequence number shows that only the revisions counted here were written to it. */
	onlyWriter(updateSeq: number | string): boolean {
		return Number(updateSeq) === this.#count;
	}

	/** Documents to read from the database once writing ends, for the followers to see them as stored. */
	get reread(): string[] {
		return [...this.#reread];
	}

	/** The one revision of each document handed over once, by id: with onlyWriter, the document's only revision here. */
	single(): Map<string, string> {
		const single = new Map<string, string>();
		for (const [id, revs] of this.#revs) if (revs.size === 1) single.set(id, [...revs][0]);
		return single;
	}
}

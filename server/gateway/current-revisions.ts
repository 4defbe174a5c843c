import type { ChangeRow, SharedFeed } from './feed';
import { trimOldest } from './bounded-map';

/** How many documents are kept: a 10,000-ticket pull served whole, at about 1 KB of JSON plus the parsed object each. */
const CAPACITY = 12_000;

type Stored = Record<string, unknown> & { _id: string; _rev: string; _revisions?: { start: number; ids: string[] } };

interface Entry {
	rev: string;
	/** The document as the store answers a read with revisions (`_revisions` included). */
	doc: Stored;
	/** `doc` as JSON, made the first time it is sent. */
	json: string | null;
}

const generation = (rev: string) => Number.parseInt(rev, 10);

/** Whether a document came with attachment bodies (`attachments=true`): megabytes that must not stay in memory. */
function carriesAttachmentData(doc: Record<string, unknown>): boolean {
	const attachments = doc._attachments;
	if (!attachments || typeof attachments !== 'object') return false;
	return Object.values(attachments).some((stub) => typeof stub === 'object' && stub !== null && 'data' in stub);
}

/**
 * The current revision of recently written or read documents, as a `_bulk_get` with `revs=true` answers them, so that a
 * pull reads each from memory instead of the store. An entry is only ever the winning revision the shared feed last
 * reported: every change the feed reports replaces or drops it, and nothing is kept or served while the feed is not
 * following the store. A first revision's history is its own hash, so the feed's documents are kept whole; a later
 * revision's history comes only from a store read.
 */
export class CurrentRevisions {
	#entries = new Map<string, Entry>();

	constructor(
		private readonly feed: SharedFeed,
		private readonly capacity = CAPACITY
	) {
		feed.onChange((row) => this.#changed(row));
		feed.onResume(() => this.#entries.clear());
	}

	/** How many documents are held. */
	get size(): number {
		return this.#entries.size;
	}

	/** The stored document at `rev`, with its `_revisions`, when `rev` is its current revision and it is held. */
	get(id: string, rev: string): Stored | null {
		if (!this.feed.following) return null;
		const entry = this.#entries.get(id);
		if (!entry || entry.rev !== rev) return null;
		// Most recently used last: the oldest unused entry is the one dropped.
		this.#entries.delete(id);
		this.#entries.set(id, entry);
		return entry.doc;
	}

	/** The JSON of a document this cache handed out (made once), or null for any other object. */
	json(doc: Record<string, unknown>): string | null {
		const entry = typeof doc._id === 'string' ? this.#entries.get(doc._id) : undefined;
		if (!entry || entry.doc !== doc) return null;
		entry.json ??= JSON.stringify(doc);
		return entry.json;
	}

	/** The feed's position, to pass to `offer` with documents read from the store after it. */
	mark(): string | number {
		return this.feed.lastSeq;
	}

	/**
	 * Keeps documents read from the store after `mark`: current revisions (not deleted), with `_revisions` or of the first
	 * generation. A document the feed reported a change of since `mark` may be older than what the store now holds: skipped.
	 */
	offer(mark: string | number, docs: Iterable<Record<string, unknown> | null | undefined>): void {
		const since = this.feed.after(mark);
		if (!since) return;
		const changed = new Set(since.map((row) => row.id));
		for (const doc of docs) {
			const stored = withRevisions(doc);
			if (stored && !changed.has(stored._id)) this.#set(stored);
		}
	}

	#changed(row: ChangeRow): void {
		this.#entries.delete(row.id);
		const stored = row.deleted ? null : withRevisions(row.doc);
		if (stored) this.#set(stored);
	}

	#set(doc: Stored): void {
		this.#entries.delete(doc._id);
		this.#entries.set(doc._id, { rev: doc._rev, doc, json: null });
		trimOldest(this.#entries, this.capacity);
	}
}

/** The document with its revision history, when it has one or is of the first generation; null when it cannot be kept. */
function withRevisions(doc: Record<string, unknown> | null | undefined): Stored | null {
	if (!doc || typeof doc._id !== 'string' || typeof doc._rev !== 'string' || doc._deleted === true) return null;
	if (doc._id.startsWith('_') || carriesAttachmentData(doc)) return null;
	if (doc._revisions) return doc as Stored;
	if (generation(doc._rev) !== 1) return null;
	return { ...doc, _revisions: { start: 1, ids: [doc._rev.slice(2)] } } as Stored;
}

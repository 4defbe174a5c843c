import { HandedOver } from './handed-over';
import type { LocalDb } from './local-db';

/** A changed document, as the local database's changes feed gives it (a deletion has only `_id`, `_rev`, `_deleted`). */
export type ChangedDoc = { _id: string; _rev?: string; _deleted?: boolean } & Record<string, unknown>;
type Listener = (doc: ChangedDoc) => void;

/** A manager's place on a database's shared feed: changes are held until it has read what is stored. */
export interface Follower {
	/** Hands over the changes held so far, then each change as it comes. */
	start(): void;
	/** Stops handing over changes. */
	stop(): void;
}

interface Feed {
	listeners: Set<Listener>;
	changes: PouchDB.Core.Changes<{}> | null;
	/** While this tab fills a database that was empty when it opened: what it handed over (see handOver). */
	quiet: HandedOver | null;
	ending: Promise<ReadonlyMap<string, string> | null> | null;
}

// One live feed per database: each feed reads every changed document from IndexedDB again, and four managers
// following one each read a first sync's 5,000 tickets four times, beside the replication writing them.
const feeds = new WeakMap<LocalDb, Feed>();

/**
 * Starts the shared feed of a database that was just opened, from its current end (before anything else writes to it).
 * A database that was never written to starts quiet: what this tab writes is handed over by handOver, until endQuiet.
 */
export async function openFeed(db: LocalDb): Promise<void> {
	if (feeds.has(db)) return;
	const { update_seq, doc_count } = await db.info();
	if (feeds.has(db)) return;
	const empty = Number(update_seq) === 0 && doc_count === 0;
	const feed: Feed = { listeners: new Set(), changes: null, quiet: empty ? new HandedOver() : null, ending: null };
	feeds.set(db, feed);
	if (!empty) listen(db, feed, update_seq);
}

function listen(db: LocalDb, feed: Feed, since: number | string): void {
	feed.changes = db.changes({ since, live: true, include_docs: true }).on('change', (change) => {
		if (change.doc) deliver(feed, change.doc as unknown as ChangedDoc);
	});
}

function deliver(feed: Feed, doc: ChangedDoc): void {
	// One manager failing on a document must not keep the change from the others (each had its own feed before).
	for (const listener of feed.listeners) {
		try {
			listener(doc);
		} catch (error) {
			console.error(`A follower of the local changes feed failed on ${doc._id}:`, error);
		}
	}
}

/**
 * Hands the followers documents this tab has just written (each with its new revision), while the feed is quiet;
 * returns false when it is not (the feed reads what was written from the database itself).
 */
export function handOver(db: LocalDb, docs: readonly (ChangedDoc & { _rev: string })[]): boolean {
	const feed = feeds.get(db);
	if (!feed?.quiet) return false;
	for (const doc of docs) {
		const shown = feed.quiet.add(doc);
		if (shown) deliver(feed, shown);
	}
	return true;
}

/**
 * Ends the quiet start (once; later calls get the same answer) and follows the database from then on. When only this
 * tab wrote to it meanwhile, the documents it could not hand over as stored are read and handed over, and the answer is
 * each document's only revision here by id; otherwise (another tab wrote too) every change since the database opened
 * is read and handed over again, as a feed that was never quiet would have, and the answer is null.
 */
export function endQuiet(db: LocalDb): Promise<ReadonlyMap<string, string> | null> {
	const feed = feeds.get(db);
	if (!feed?.quiet) return feed?.ending ?? Promise.resolve(null);
	const quiet = feed.quiet;
	feed.quiet = null;
	feed.ending = (async () => {
		const { update_seq } = await db.info();
		if (feeds.get(db) !== feed) return null;
		if (!quiet.onlyWriter(update_seq)) {
			listen(db, feed, 0);
			return null;
		}
		// Read before following on from update_seq: a later change of one of them then comes after what was read.
		const read = quiet.reread.length ? await db.allDocs({ keys: quiet.reread, include_docs: true }) : null;
		if (feeds.get(db) !== feed) return null;
		for (const row of read?.rows ?? []) {
			if (!('value' in row)) continue;
			deliver(feed, row.doc ? (row.doc as unknown as ChangedDoc) : { _id: row.id, _rev: row.value.rev, _deleted: true });
		}
		listen(db, feed, update_seq);
		return quiet.single();
	})();
	// A failed read (storage gone, database closed) leaves the followers where a feed that failed to start leaves them.
	feed.ending = feed.ending.catch((error) => {
		console.error('The local changes feed could not follow on after the first writes:', error);
		if (feeds.get(db) === feed && !feed.changes) listen(db, feed, 0);
		return null;
	});
	return feed.ending;
}

/** Ends the shared feed of a database being closed or destroyed. */
export function closeFeed(db: LocalDb): void {
	feeds.get(db)?.changes?.cancel();
	feeds.delete(db);
}

/**
 * Follows the changes of a database whose shared feed is open. Call it before reading what is stored, and start()
 * once that is applied: a change made while the read ran is then handed over after it, never lost in between.
 * Changes may repeat what the read gave; applying a document twice must change nothing.
 */
export function follow(db: LocalDb, onChange: Listener): Follower {
	const feed = feeds.get(db);
	let held: ChangedDoc[] | null = [];
	const listener: Listener = (doc) => (held ? held.push(doc) : onChange(doc));
	feed?.listeners.add(listener);
	return {
		start() {
			const waiting = held ?? [];
			held = null;
			for (const doc of waiting) onChange(doc);
		},
		stop() {
			held = null;
			feed?.listeners.delete(listener);
		}
	};
}

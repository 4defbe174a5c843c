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
	changes: PouchDB.Core.Changes<{}>;
}

// One live feed per database: each feed reads every changed document from IndexedDB again, and four managers
// following one each read a first sync's 5,000 tickets four times, beside the replication writing them.
const feeds = new WeakMap<LocalDb, Feed>();

/** Starts the shared feed of a database that was just opened, from its current end (before anything else writes to it). */
export async function openFeed(db: LocalDb): Promise<void> {
	if (feeds.has(db)) return;
	const since = (await db.info()).update_seq;
	const listeners = new Set<Listener>();
	const changes = db.changes({ since, live: true, include_docs: true }).on('change', (change) => {
		if (!change.doc) return;
		const doc = change.doc as unknown as ChangedDoc;
		// One manager failing on a document must not keep the change from the others (each had its own feed before).
		for (const listener of listeners) {
			try {
				listener(doc);
			} catch (error) {
				console.error(`A follower of the local changes feed failed on ${doc._id}:`, error);
			}
		}
	});
	feeds.set(db, { listeners, changes });
}

/** Ends the shared feed of a database being closed or destroyed. */
export function closeFeed(db: LocalDb): void {
	feeds.get(db)?.changes.cancel();
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

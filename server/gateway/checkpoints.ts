import type { Db } from '../store';
import { BatchedPuts } from './batched-puts';

/** How many checkpoints stay in memory (the least recently used go first); each is a few hundred bytes. */
const CAPACITY = 10_000;
/** A checkpoint larger than this is stored but not kept in memory (a _local document may be up to 64 KB). */
const MEMORY_MAX_CHARS = 4096;

type Body = Record<string, unknown>;
type Stored = { _id: string; _rev: string; body: Body };

const isConflict = (error: unknown) => (error as { status?: number }).status === 409;
const isMissing = (error: unknown) => (error as { status?: number }).status === 404;

/**
 * Sync checkpoints (_local documents), stored in the private database and kept in memory, since every replication
 * reads and rewrites one per batch. A write is stored before it is answered (write-through), so a restart loses
 * none; reads are answered from memory. Another gateway instance over the same store may have written a newer one:
 * a checkpoint read here may then be older than the store's, which costs the device a re-check of what it already
 * has, never a lost document (PouchDB resumes from the newest checkpoint both sides agree on).
 */
export class Checkpoints {
	readonly #memory = new Map<string, { rev: string; body: Body }>();
	readonly #writing = new Map<string, Promise<unknown>>();
	/** The store reads under way per key; a write or removal that finishes marks them stale, so they are not kept. */
	readonly #reads = new Map<string, Set<{ stale: boolean }>>();
	/** Every live device rewrites its checkpoint after each change: the writes of many devices go to the store together. */
	readonly #puts: BatchedPuts;

	constructor(
		private readonly db: Db,
		private readonly capacity = CAPACITY
	) {
		this.#puts = new BatchedPuts(db);
	}

	/** The checkpoint stored under `key`, or null when there is none. */
	async get(key: string): Promise<Body | null> {
		const known = this.#memory.get(key);
		if (known) return this.#touch(key, known).body;
		const read = { stale: false };
		const reads = this.#reads.get(key) ?? new Set();
		this.#reads.set(key, reads.add(read));
		try {
			const stored = (await this.db.get(key)) as unknown as Stored;
			// A write or removal that finished meanwhile (or is under way) is newer than this read: it is not kept. Memory
			// alone cannot tell, since a removal or a checkpoint too large to keep leaves no entry.
			if (!read.stale && !this.#writing.has(key) && !this.#memory.has(key)) this.#remember(key, stored._rev, stored.body);
			return stored.body;
		} catch (error) {
			if (isMissing(error)) return null;
			throw error;
		} finally {
			reads.delete(read);
			if (!reads.size && this.#reads.get(key) === reads) this.#reads.delete(key);
		}
	}

	/** Stores a checkpoint under `key`, replacing any; resolves once it is in the store. */
	put(key: string, body: Body): Promise<void> {
		return this.#serially(key, async () => {
			let rev = this.#memory.get(key)?.rev ?? (await this.#storedRev(key));
			for (let attempt = 0; ; attempt++) {
				try {
					this.#remember(key, await this.#puts.put({ _id: key, ...(rev ? { _rev: rev } : {}), body }), body);
					return;
				} catch (error) {
					// Another instance wrote it since: take its revision and write over it.
					if (!isConflict(error) || attempt >= 2) throw error;
					rev = await this.#storedRev(key);
				}
			}
		});
	}

	/** Removes the checkpoint under `key`, if any. */
	remove(key: string): Promise<void> {
		return this.#serially(key, async () => {
			this.#memory.delete(key);
			const rev = await this.#storedRev(key);
			if (rev) await this.db.remove(key, rev);
		});
	}

	/** Runs the writes of one key one after another, so memory ends with the revision the store holds last. */
	#serially(key: string, write: () => Promise<void>): Promise<void> {
		const before = this.#writing.get(key) ?? Promise.resolve();
		const mine = before
			.catch(() => undefined)
			.then(write)
			.finally(() => {
				for (const read of this.#reads.get(key) ?? []) read.stale = true;
			});
		this.#writing.set(key, mine);
		const release = () => {
			if (this.#writing.get(key) === mine) this.#writing.delete(key);
		};
		mine.then(release, release);
		return mine;
	}

	async #storedRev(key: string): Promise<string | undefined> {
		try {
			return ((await this.db.get(key)) as unknown as Stored)._rev;
		} catch (error) {
			if (isMissing(error)) return undefined;
			throw error;
		}
	}

	#remember(key: string, rev: string, body: Body): void {
		this.#memory.delete(key);
		if (JSON.stringify(body).length > MEMORY_MAX_CHARS) return;
		this.#memory.set(key, { rev, body });
		if (this.#memory.size > this.capacity) this.#memory.delete(this.#memory.keys().next().value as string);
	}

	#touch<T>(key: string, entry: T): T {
		this.#memory.delete(key);
		this.#memory.set(key, entry as never);
		return entry;
	}
}

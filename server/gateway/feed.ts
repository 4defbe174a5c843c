import type { Db } from '../store';

export interface ChangeRow {
	seq: string | number;
	id: string;
	changes: { rev: string }[];
	deleted?: boolean;
	doc?: Record<string, unknown>;
}

const RING_SIZE = 5000;

/**
 * One live changes feed for the whole process. Recent changes stay in memory, so live clients are
 * answered without a store query each, and waiters are woken when anything changes.
 */
export class SharedFeed {
	#ring: ChangeRow[] = [];
	#position = new Map<string, number>();
	#dropped = 0;
	#base: string | number = 0;
	#waiters = new Set<() => void>();
	#listeners = new Set<(row: ChangeRow) => void>();
	#feed: PouchDB.Core.Changes<Record<string, unknown>> | null = null;

	constructor(private readonly db: Db) {}

	/** Starts following the store from its current sequence. */
	async start(): Promise<void> {
		const info = await this.db.info();
		this.#base = info.update_seq;
		this.#feed = this.db.changes({ since: info.update_seq, live: true, include_docs: true, style: 'all_docs' });
		this.#feed.on('change', (change) => this.#push(change as unknown as ChangeRow));
		this.#feed.on('error', (error) => console.error('changes feed stopped:', error));
	}

	stop(): void {
		this.#feed?.cancel();
		for (const wake of this.#waiters) wake();
	}

	/** The latest sequence seen. */
	get lastSeq(): string | number {
		return this.#ring.at(-1)?.seq ?? this.#base;
	}

	/** Calls `listener` for every change, for caches that must stay fresh. */
	onChange(listener: (row: ChangeRow) => void): void {
		this.#listeners.add(listener);
	}

	/** The changes after `since`, if the ring still holds them all; otherwise null. */
	after(since: string | number): ChangeRow[] | null {
		const key = String(since);
		if (key === String(this.#base) && this.#dropped === 0) return this.#ring.slice();
		if (key === String(this.lastSeq)) return [];
		const absolute = this.#position.get(key);
		if (absolute === undefined) return null;
		return this.#ring.slice(absolute - this.#dropped + 1);
	}

	/** Resolves at the next change, or after `ms`; `signal` ends the wait early. */
	wait(ms: number, signal?: AbortSignal): Promise<void> {
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.#waiters.delete(done);
				signal?.removeEventListener('abort', done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			this.#waiters.add(done);
			signal?.addEventListener('abort', done);
		});
	}

	#push(row: ChangeRow): void {
		this.#position.set(String(row.seq), this.#dropped + this.#ring.length);
		this.#ring.push(row);
		if (this.#ring.length > RING_SIZE) {
			const old = this.#ring.shift();
			if (old) this.#position.delete(String(old.seq));
			this.#dropped++;
		}
		for (const listener of this.#listeners) listener(row);
		for (const wake of [...this.#waiters]) wake();
	}
}

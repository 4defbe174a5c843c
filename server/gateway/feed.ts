import type { Db } from '../store';

export interface ChangeRow {
	seq: string | number;
	id: string;
	changes: { rev: string }[];
	deleted?: boolean;
	doc?: Record<string, unknown>;
}

/** How many recent changes are kept, with their documents: about 20 MB for 1 KB tickets, so a pull of the last 20,000 changes reads no store. */
export const RING_SIZE = 20_000;
const CATCH_UP_BATCH = 500;

export interface FeedOptions {
	/** How long to wait before the n-th attempt (n from 1) to follow the store again after it failed. */
	retryDelay?: (attempt: number) => number;
	/** Where the one line about a stop or a resume goes. */
	log?: (line: string) => void;
	/** How many recent changes are kept (RING_SIZE unless a test needs reads older than the memory). */
	ringSize?: number;
}

/** Doubles from a fifth of a second up to five seconds: quick after a blip, gentle while the store is down. */
export const defaultRetryDelay = (attempt: number) => Math.min(200 * 2 ** (attempt - 1), 5000);

/**
 * One live changes feed for the whole process. Recent changes stay in memory, so live clients are
 * answered without a store query each, and waiters are woken when anything changes. When the store's
 * feed fails it is restarted with backoff; until it has caught up again its memory is not trusted.
 */
export class SharedFeed {
	#ring: ChangeRow[] = [];
	#position = new Map<string, number>();
	#dropped = 0;
	#base: string | number = 0;
	#waiters = new Set<() => void>();
	#listeners = new Set<(row: ChangeRow) => void>();
	#resumeListeners = new Set<() => void>();
	#feed: PouchDB.Core.Changes<Record<string, unknown>> | null = null;
	#following = false;
	#attempts = 0;
	#retry: NodeJS.Timeout | null = null;
	#stopped = false;
	readonly #retryDelay: (attempt: number) => number;
	readonly #log: (line: string) => void;
	readonly #ringSize: number;

	constructor(
		private readonly db: Db,
		options: FeedOptions = {}
	) {
		this.#retryDelay = options.retryDelay ?? defaultRetryDelay;
		this.#log = options.log ?? ((line) => console.error(line));
		this.#ringSize = options.ringSize ?? RING_SIZE;
	}

	/** Starts following the store from its current sequence. */
	async start(): Promise<void> {
		const info = await this.db.info();
		this.#base = info.update_seq;
		this.#follow(info.update_seq);
	}

	/** Stops following the store and releases every waiter. */
	stop(): void {
		this.#stopped = true;
		if (this.#retry) clearTimeout(this.#retry);
		this.#feed?.cancel();
		this.#following = false;
		for (const wake of this.#waiters) wake();
	}

	/** Whether the memory is current: the store's feed is followed and nothing was missed. */
	get following(): boolean {
		return this.#following;
	}

	/** Calls `listener` each time the feed follows the store again after a failure: caches must drop what they hold. */
	onResume(listener: () => void): void {
		this.#resumeListeners.add(listener);
	}

	#follow(since: string | number): void {
		const feed = this.db.changes({ since, live: true, include_docs: true, style: 'all_docs' });
		this.#feed = feed;
		this.#following = true;
		feed.on('change', (change) => {
			if (this.#feed !== feed) return;
			this.#push(change as unknown as ChangeRow);
			for (const wake of [...this.#waiters]) wake();
		});
		feed.on('error', (error) => {
			if (this.#feed !== feed) return;
			this.#log(`changes feed stopped (${errorText(error)}); restarting it with backoff`);
			this.#fail();
		});
	}

	#fail(): void {
		this.#feed?.cancel();
		this.#feed = null;
		this.#following = false;
		if (this.#stopped) return;
		this.#attempts++;
		this.#retry = setTimeout(() => void this.#resume(), this.#retryDelay(this.#attempts));
	}

	/** Reads what the store recorded since the last change seen, then follows it live again. */
	async #resume(): Promise<void> {
		this.#retry = null;
		try {
			let since = this.lastSeq;
			for (;;) {
				const batch = await this.db.changes({ since, limit: CATCH_UP_BATCH, include_docs: true, style: 'all_docs' });
				if (this.#stopped) return;
				for (const row of batch.results) this.#push(row as unknown as ChangeRow);
				since = batch.last_seq;
				if (batch.results.length < CATCH_UP_BATCH) break;
			}
			this.#log(`changes feed resumed after ${this.#attempts} attempt${this.#attempts === 1 ? '' : 's'}`);
			this.#attempts = 0;
			for (const listener of this.#resumeListeners) listener();
			this.#follow(since);
			// Woken once, not per caught-up change: every waiter re-reads, from memory again.
			for (const wake of [...this.#waiters]) wake();
		} catch {
			this.#fail();
		}
	}

	/** The latest sequence seen. */
	get lastSeq(): string | number {
		return this.#ring.at(-1)?.seq ?? this.#base;
	}

	/** Calls `listener` for every change, for caches that must stay fresh. */
	onChange(listener: (row: ChangeRow) => void): void {
		this.#listeners.add(listener);
	}

	/** The changes after `since`, if the ring still holds them all and is current; otherwise null (read the store). */
	after(since: string | number): ChangeRow[] | null {
		if (!this.#following) return null;
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
		if (this.#ring.length > this.#ringSize) {
			const old = this.#ring.shift();
			if (old) this.#position.delete(String(old.seq));
			this.#dropped++;
		}
		for (const listener of this.#listeners) listener(row);
	}
}

function errorText(error: unknown): string {
	const { message, status } = (error ?? {}) as { message?: string; status?: number };
	// A STORE_URL may carry a password: keep it out of the log.
	return ([status, message].filter(Boolean).join(' ') || String(error)).replace(/\/\/[^/\s@]+@/g, '//');
}

import { DeletionScope } from '../../core/deletion';
import { ReplicatedDoc } from '../../core/schemas';
import { type Intern, type ScopeFacts, scopeFacts } from '../../core/scope-facts';
import type { Db } from '../store';
import type { ChangeRow, SharedFeed } from './feed';
import { yieldToOthers } from './limits';
import { parseStored } from './parsed-revisions';
import { firstAfter, KeyedEntries, placeInOrder } from './scope-index-keys';
import { versionBeforeDeletion } from './scope';

/** One document as the index knows it: where it is in the store's changes, and who may hold it. */
export interface IndexEntry {
	seq: number;
	id: string;
	/** The winning revision. */
	rev: string;
	deleted: boolean;
	/** A live document's scope facts (null: it does not parse, nobody gets it); for an old tombstone, those of the version before it. */
	facts: ScopeFacts | null;
	/** A tombstone's deletion scope, as written in it. */
	deletion: DeletionScope | null;
	/** An old tombstone whose version before is still being read: judge it from the store meanwhile. */
	pending?: true;
}

/** A stretch of the index: its entries after a sequence, and whether they reach its end (then `lastSeq` is where it ends). */
export interface IndexSlice {
	entries: IndexEntry[];
	end: boolean;
	lastSeq: number;
}

const BUILD_BATCH = 500;
const PARSE_CHUNK = 100;

/** How many distinct strings or lists the intern tables hold before starting afresh (entries keep what they share). */
const INTERN_LIMIT = 50_000;

/**
 * Keeps one copy of each repeated string and list (building codes, usernames), so 50,000 entries share them. Each
 * reassignment makes a new list of people, so a table that outgrows INTERN_LIMIT is emptied: memory follows the
 * documents held, not the history of writes.
 */
export function makeIntern(): Intern {
	const strings = new Map<string, string>();
	const lists = new Map<string, string[]>();
	const kept = <V>(table: Map<string, V>, key: string, value: V): V => {
		if (table.size >= INTERN_LIMIT) table.clear();
		table.set(key, value);
		return value;
	};
	const one = (value: string) => strings.get(value) ?? kept(strings, value, value);
	return <T extends string | string[]>(value: T): T => {
		if (typeof value === 'string') return one(value) as T;
		const key = value.join('\n');
		return (lists.get(key) ?? kept(lists, key, value.map(one))) as T;
	};
}

function parsed(doc: unknown): ReplicatedDoc | null {
	const result = ReplicatedDoc.safeParse(doc);
	return result.success ? result.data : null;
}

/**
 * For every document of the store: its latest sequence, winning revision, whether it is deleted, and its scope facts,
 * ordered by sequence. A `_changes` read older than the shared feed's memory walks only the entries after its `since`
 * and judges each with core's rule, reading no store. Built once from the store at start, then kept by the shared feed;
 * it answers only while the feed follows the store and when sequences are numbers (the embedded store; a CouchDB
 * cluster's opaque sequences are read from the store as before).
 */
export class ScopeIndex {
	#byId = new Map<string, IndexEntry>();
	/** Entries in sequence order; a superseded one stays until compaction (it is live while #byId points at it). */
	#order: IndexEntry[] = [];
	#lastSeq = 0;
	#ready = false;
	#usable = true;
	#failed = false;
	readonly #intern = makeIntern();
	readonly #keyed = new KeyedEntries();

	constructor(
		private readonly db: Db,
		private readonly feed: SharedFeed
	) {
		feed.onChange((row) => this.#apply(row, false));
		// A build the store interrupted is tried again once the feed follows the store again.
		feed.onResume(() => {
			if (this.#failed) void this.start();
		});
	}

	/** Builds the index and logs one line when it is ready; a failed build logs why, and is tried again at the feed's resume. */
	async start(log: (line: string) => void = (line) => console.log(line)): Promise<void> {
		const started = Date.now();
		this.#failed = false;
		try {
			await this.build();
			log(`scope index ready: ${this.size} documents in ${Date.now() - started} ms`);
		} catch (error) {
			this.#failed = true;
			log(`scope index not built (${error instanceof Error ? error.message : String(error)}); history reads use the store until it is`);
		}
	}

	/** Reads the store's whole history once, in batches, yielding between chunks so other requests are answered. */
	async build(): Promise<void> {
		let since: string | number = 0;
		for (;;) {
			const batch: PouchDB.Core.ChangesResponse<Record<string, unknown>> = await this.db.changes({ since, limit: BUILD_BATCH, include_docs: true, style: 'all_docs' });
			for (const [index, row] of batch.results.entries()) {
				if (index % PARSE_CHUNK === 0) await yieldToOthers();
				const entry = this.#apply(row as unknown as ChangeRow, true);
				if (entry?.pending) await this.#resolveBefore(entry);
			}
			// A store with opaque sequences (a CouchDB cluster) is never served from here: read no more of its history.
			if (!this.#usable) return;
			since = batch.last_seq;
			if (batch.results.length < BUILD_BATCH) break;
		}
		this.#order = [...this.#byId.values()].sort((a, b) => a.seq - b.seq);
		this.#keyed.rebuild(this.#order);
		this.#ready = true;
	}

	/** How many documents are indexed. */
	get size(): number {
		return this.#byId.size;
	}

	/** Whether a read from `since` can be answered here: built, current, and `since` a sequence number. */
	serves(since: string | number): since is number {
		return this.#ready && this.#usable && this.feed.following && typeof since === 'number';
	}

	/** The latest sequence applied: every change up to it is in the index. */
	get lastSeq(): number {
		return this.#lastSeq;
	}

	/** Up to `max` live entries after `since`, in sequence order. */
	after(since: number, max: number): IndexSlice {
		const entries: IndexEntry[] = [];
		let at = firstAfter(this.#order, since);
		for (; at < this.#order.length && entries.length < max; at++) {
			const entry = this.#order[at];
			if (this.#byId.get(entry.id) === entry) entries.push(entry);
		}
		return { entries, end: at >= this.#order.length, lastSeq: this.#lastSeq };
	}

	/**
	 * Up to `max` live entries after `since` that someone with these keys (core's actorKeys) may get or must drop, in
	 * sequence order: the documents filed under the keys and those filed for everyone. Null keys (a coordinator): every entry.
	 */
	afterFor(since: number, keys: readonly string[] | null, max: number): IndexSlice {
		if (keys === null) return this.after(since, max);
		const { entries, end } = this.#keyed.after(since, keys, max, (entry) => this.#byId.get(entry.id) === entry);
		return { entries, end, lastSeq: this.#lastSeq };
	}

	/** The live entries of `ids` after `since`, in sequence order (all of them: at most a request's cap of ids). */
	afterForIds(since: number, ids: Iterable<string>): IndexSlice {
		const entries: IndexEntry[] = [];
		for (const id of ids) {
			const entry = this.#byId.get(id);
			if (entry && entry.seq > since) entries.push(entry);
		}
		return { entries: entries.sort((a, b) => a.seq - b.seq), end: true, lastSeq: this.#lastSeq };
	}

	#apply(row: ChangeRow, building: boolean): IndexEntry | null {
		if (typeof row.seq !== 'number') {
			// Opaque sequences cannot be ordered here: the store answers every read, as before the index.
			this.#usable = false;
			return null;
		}
		const seq = row.seq;
		if (seq > this.#lastSeq) this.#lastSeq = seq;
		const known = this.#byId.get(row.id);
		if (row.id.startsWith('_design/') || (known && known.seq >= seq)) return null;
		const entry = this.#entryOf(row, seq, building);
		this.#byId.set(row.id, entry);
		if (!building && this.#ready) this.#place(entry);
		if (entry.pending && !building) void this.#resolveBefore(entry);
		return entry;
	}

	#entryOf(row: ChangeRow, seq: number, building: boolean): IndexEntry {
		const doc = row.doc;
		const rev = (doc?._rev as string | undefined) ?? row.changes[0].rev;
		const id = row.id;
		if (!row.deleted) {
			// A change the feed reports is judged for live devices next: parsed once, through their cache. The build's
			// 50,000 documents go around it, so they do not push out what live devices use.
			const live = building ? parsed(doc) : parseStored(doc);
			return { seq, id, rev, deleted: false, facts: live ? scopeFacts(live, this.#intern) : null, deletion: null };
		}
		const scope = DeletionScope.safeParse(doc?.deletion);
		if (scope.success) return { seq, id, rev, deleted: true, facts: null, deletion: this.#internDeletion(scope.data) };
		return { seq, id, rev, deleted: true, facts: null, deletion: null, pending: true };
	}

	#internDeletion(scope: DeletionScope): DeletionScope {
		if (scope.type !== 'ticket') return scope;
		const intern = this.#intern;
		return { ...scope, requester: intern(scope.requester), createdBy: intern(scope.createdBy), people: intern(scope.people), buildings: intern(scope.buildings) };
	}

	/** An old tombstone keeps no deletion scope: the version before it decides, read once. */
	async #resolveBefore(entry: IndexEntry): Promise<void> {
		const before = parsed(await versionBeforeDeletion(this.db, entry.id, entry.rev));
		entry.facts = before ? scopeFacts(before, this.#intern) : null;
		delete entry.pending;
	}

	/** Appends a newer entry (the feed reports changes in order), dropping superseded ones when they outnumber the live. */
	#place(entry: IndexEntry): void {
		placeInOrder(this.#order, entry);
		this.#keyed.place(entry);
		if (this.#order.length > 2 * this.#byId.size + 1000) {
			this.#order = this.#order.filter((e) => this.#byId.get(e.id) === e);
			this.#keyed.rebuild(this.#order);
		}
	}
}

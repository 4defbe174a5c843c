import { HTTPException } from 'hono/http-exception';
import type { Db } from '../store';
import { indexedChanges } from './changes-index';
import type { CurrentRevisions } from './current-revisions';
import type { SharedFeed } from './feed';
import { checkCount, MAX_PER_REQUEST, yieldToOthers } from './limits';
import { rememberRevision } from './known-revisions';
import { asSeenBy } from './reads';
import { isRemovalRev } from './revs';
import { type ViewedChange, viewChange, type Viewer } from './scope';
import type { ScopeIndex } from './scope-index';
import { matchesSelector, selectorProblem } from './selector';

export interface ChangesQuery {
	since: string | number;
	limit: number;
	includeDocs: boolean;
	docIds: Set<string> | null;
	selector: Record<string, unknown> | null;
}

export interface ChangesResult {
	results: { seq: string | number; id: string; changes: { rev: string }[]; deleted?: boolean; doc?: Record<string, unknown> }[];
	last_seq: string | number;
}

const SCAN_BATCH = 500;
/** The fewest milliseconds between two heartbeats: a smaller one would only keep the server writing newlines. */
export const MIN_HEARTBEAT_MS = 1000;
/** The most: a longpoll lasts at most 60 s, and a larger number overflows Node's timers (they then fire every 1 ms). */
export const MAX_HEARTBEAT_MS = 60_000;
/** How many rows of the shared feed's memory are judged between two yields to the event loop. */
const RING_CHUNK = 200;

/** Thrown when the client of a _changes read left before its answer was complete. */
export class ClientLeft extends Error {
	constructor() {
		super('The client left before its changes were read.');
		this.name = 'AbortError';
	}
}

const seqNumber = (seq: string | number) => Number.parseInt(String(seq), 10) || 0;

/** What the gateway holds in memory besides the shared feed: recent documents' bodies and the scope index. */
export interface ChangesMemory {
	current?: CurrentRevisions;
	index?: ScopeIndex;
}

/** Whether a read from `since` is answered from memory (the shared feed's or the scope index), not from the store's history. */
export function answeredFromMemory(feed: SharedFeed, index: ScopeIndex | undefined, since: string | number): boolean {
	return feed.after(since) !== null || !!index?.serves(since);
}

/** The viewer's changes after `since`: from the shared feed's memory when it has them, else from the scope index, else from the store. */
export async function scopedChanges(
	db: Db,
	feed: SharedFeed,
	viewer: Viewer,
	query: ChangesQuery,
	{ current, index }: ChangesMemory = {},
	signal?: AbortSignal
): Promise<ChangesResult> {
	const since = query.since;
	if (feed.after(since) === null && index?.serves(since)) return indexedChanges(db, index, viewer, { ...query, since }, signal);
	const results: ChangesResult['results'] = [];
	let cursor = query.since;
	for (;;) {
		// A read of the whole history for a client that left would hold a scan slot for nobody.
		if (signal?.aborted) throw new ClientLeft();
		const fromRing = feed.after(cursor);
		// Read no further than the answer can use; filtering may leave room for another round.
		const want = Math.min(SCAN_BATCH, Math.max(query.limit - results.length, 1));
		// The store answers a doc_ids query with matching rows only; the answer then ends at the store's sequence of
		// before the read, so its last_seq says nothing about whether an id outside the viewer's scope exists.
		const endOfIds = !fromRing && query.docIds ? (await db.info()).update_seq : null;
		const mark = current?.mark();
		const rows =
			fromRing ??
			((
				await db.changes({
					since: cursor,
					limit: want,
					include_docs: true,
					style: 'all_docs',
					...(query.docIds ? { doc_ids: [...query.docIds] } : {})
				})
			).results as unknown as Parameters<typeof viewChange>[2][] & { seq: string | number }[]);
		// The device asks _bulk_get for these documents next: the store's copies are kept for it.
		if (!fromRing && mark !== undefined) current?.offer(mark, rows.map((row) => row.doc));
		for (const [index, row] of rows.entries()) {
			if (index > 0 && index % RING_CHUNK === 0) await yieldToOthers();
			const seq = (row as unknown as { seq: string | number }).seq;
			if (!query.docIds || query.docIds.has(row.id)) {
				const seen = await viewChange(db, viewer, row);
				// A selector sees only what the viewer is sent, so it cannot probe fields hidden from them.
				const doc = seen?.doc && !seen.deleted ? asSeenBy(viewer, seen.doc) : seen?.doc;
				if (seen && (!query.selector || (doc && matchesSelector(doc, query.selector)))) {
					results.push(changeRow(seq, seen, query.includeDocs, doc));
				}
			}
			cursor = seq;
			if (results.length >= query.limit) return { results, last_seq: cursor };
		}
		if (fromRing || rows.length < want) {
			if (endOfIds !== null && seqNumber(endOfIds) >= seqNumber(cursor)) cursor = endOfIds;
			return { results, last_seq: cursor };
		}
	}
}

/** How long an empty answer from memory waits for the shared feed to report what the store already acknowledged. */
const CATCH_UP_MS = 5000;

/**
 * Runs `read`, and once more if it found nothing while the store holds changes the shared feed has not reported yet (it
 * reports a write a moment after the store acknowledges it): answered from memory, such a read would tell a device
 * that has just pushed, or pulls right after someone else did, that it has everything. Waits at most CATCH_UP_MS.
 */
export async function readAfterCatchingUp(db: Db, feed: SharedFeed, read: () => Promise<ChangesResult>, signal?: AbortSignal): Promise<ChangesResult> {
	const first = await read();
	if (first.results.length > 0) return first;
	const target = seqNumber((await db.info()).update_seq);
	if (seqNumber(feed.lastSeq) >= target) return first;
	const deadline = Date.now() + CATCH_UP_MS;
	while (seqNumber(feed.lastSeq) < target && feed.following && !signal?.aborted && Date.now() < deadline) await feed.wait(deadline - Date.now(), signal);
	return read();
}

/**
 * One row of a _changes answer for what the viewer sees of a document, with `doc` (what they are sent of its body)
 * when include_docs asks. The device asks _bulk_get for this revision next: it is remembered, not looked up again there.
 */
export function changeRow(seq: string | number, seen: ViewedChange, includeDocs: boolean, doc?: Record<string, unknown>): ChangesResult['results'][number] {
	if (!isRemovalRev(seen.rev)) rememberRevision(seen.id, seen.rev);
	return {
		seq,
		id: seen.id,
		changes: [{ rev: seen.rev }],
		...(seen.deleted ? { deleted: true } : {}),
		...(includeDocs ? { doc: doc ?? { _id: seen.id, _rev: seen.rev, _deleted: true } } : {})
	};
}

/** Reads the _changes parameters from the query string and, for POST, the body. */
export function readChangesQuery(params: Record<string, string>, body: Record<string, unknown>): ChangesQuery & {
	longpoll: boolean;
	timeout: number;
	heartbeat: number;
} {
	// A sequence is a number (embedded store) or CouchDB's opaque "N-g1AAA…" string.
	if (params.since !== undefined && !/^(now|\d+|\d+-[\w-]+)$/.test(params.since))
		throw new HTTPException(400, { message: 'since must be "now" or a sequence from this server\'s _changes feed.' });
	const since = params.since === undefined || params.since === 'now' ? (params.since ?? 0) : /^\d+$/.test(params.since) ? Number(params.since) : params.since;
	const limit = params.limit ? Number(params.limit) : MAX_PER_REQUEST;
	if (!(limit > 0)) throw new HTTPException(400, { message: 'limit must be a positive number.' });
	if (limit > MAX_PER_REQUEST)
		throw new HTTPException(400, { message: `limit may be at most ${MAX_PER_REQUEST}; read further pages from the last_seq of each answer.` });
	if (params.feed !== undefined && !['normal', 'longpoll'].includes(params.feed))
		throw new HTTPException(400, { message: `feed=${params.feed} is not supported here; use feed=longpoll (PouchDB does), or leave feed out.` });
	let docIds: Set<string> | null = null;
	let selector: Record<string, unknown> | null = null;
	if (params.filter === '_doc_ids') {
		let raw: unknown = body.doc_ids;
		try {
			raw ??= params.doc_ids ? JSON.parse(params.doc_ids) : null;
		} catch {
			throw new HTTPException(400, { message: 'doc_ids must be a JSON array of document ids.' });
		}
		if (!Array.isArray(raw)) throw new HTTPException(400, { message: 'filter=_doc_ids needs a doc_ids array.' });
		checkCount(raw.length, 'document ids');
		docIds = new Set(raw.map(String));
	} else if (params.filter === '_selector') {
		if (!body.selector || typeof body.selector !== 'object')
			throw new HTTPException(400, { message: 'filter=_selector needs a selector object in the body.' });
		const problem = selectorProblem(body.selector);
		if (problem) throw new HTTPException(400, { message: problem });
		selector = body.selector as Record<string, unknown>;
	} else if (params.filter) {
		throw new HTTPException(400, { message: `The filter ${params.filter} is not supported; use _doc_ids or _selector.` });
	}
	return {
		since,
		limit,
		includeDocs: params.include_docs === 'true',
		docIds,
		selector,
		longpoll: params.feed === 'longpoll',
		timeout: Math.min(Number(params.timeout) || 60_000, 60_000),
		heartbeat: Number(params.heartbeat) > 0 ? Math.min(Math.max(Number(params.heartbeat), MIN_HEARTBEAT_MS), MAX_HEARTBEAT_MS) : 0
	};
}

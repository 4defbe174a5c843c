import { HTTPException } from 'hono/http-exception';
import type { Db } from '../store';
import type { SharedFeed } from './feed';
import { viewChange, type Viewer } from './scope';
import { matchesSelector } from './selector';

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

/** The viewer's changes after `since`: from the shared feed's memory when it has them, else from the store. */
export async function scopedChanges(db: Db, feed: SharedFeed, viewer: Viewer, query: ChangesQuery): Promise<ChangesResult> {
	const results: ChangesResult['results'] = [];
	let cursor = query.since;
	for (;;) {
		const fromRing = feed.after(cursor);
		// Read no further than the answer can use; filtering may leave room for another round.
		const want = Math.min(SCAN_BATCH, Math.max(query.limit - results.length, 1));
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
		for (const row of rows) {
			const seq = (row as { seq: string | number }).seq;
			if (!query.docIds || query.docIds.has(row.id)) {
				const seen = await viewChange(db, viewer, row);
				if (seen && (!query.selector || (seen.doc && matchesSelector(seen.doc, query.selector)))) {
					results.push({
						seq,
						id: seen.id,
						changes: [{ rev: seen.rev }],
						...(seen.deleted ? { deleted: true } : {}),
						...(query.includeDocs ? { doc: seen.doc ?? { _id: seen.id, _rev: seen.rev, _deleted: true } } : {})
					});
				}
			}
			cursor = seq;
			if (results.length >= query.limit) return { results, last_seq: cursor };
		}
		if (fromRing || rows.length < want) return { results, last_seq: cursor };
	}
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
	const limit = params.limit ? Number(params.limit) : Infinity;
	if (!(limit > 0)) throw new HTTPException(400, { message: 'limit must be a positive number.' });
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
		docIds = new Set(raw.map(String));
	} else if (params.filter === '_selector') {
		if (!body.selector || typeof body.selector !== 'object')
			throw new HTTPException(400, { message: 'filter=_selector needs a selector object in the body.' });
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
		longpoll: params.feed === 'longpoll' || params.feed === 'continuous',
		timeout: Math.min(Number(params.timeout) || 60_000, 60_000),
		heartbeat: Math.max(Number(params.heartbeat) || 0, 0)
	};
}

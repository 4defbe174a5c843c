import { profileView } from '../../core/profile-view';
import type { Db } from '../store';
import { isKnownRevision } from './known-revisions';
import { CHUNK, inChunks, yieldToOthers } from './limits';
import { isRemovalRev, removalTombstone } from './revs';
import { viewChange, viewOf, type Viewer } from './scope';
import type { CurrentRevisions } from './current-revisions';
import { missingRevisions } from './stored-revisions';

type Missing = { error: { id: string; rev: string; error: 'not_found'; reason: 'missing' } };
type BulkGetAnswer = { ok: Record<string, unknown> } | Missing;
type Stored = Record<string, unknown> & { _id: string; _rev: string; _deleted?: boolean; _revisions?: { start: number; ids: string[] } };

/** The answer for an id the store does not have. A document the viewer never could have held gets exactly this. */
const missing = (id: string, rev?: string): Missing => ({ error: { id, rev: rev ?? '', error: 'not_found', reason: 'missing' } });

/** A document as the viewer is sent it: profiles carry only the fields the viewer's role needs (core's profileView). */
export function asSeenBy<T extends Record<string, unknown>>(viewer: Viewer, doc: T): T {
	return doc.type === 'user' && typeof doc.username === 'string' ? profileView(viewer.actor, doc as T & { username: string }) : doc;
}

/**
 * _bulk_get for one viewer. A document they may hold is sent as they may see it; one they could have held but may no
 * longer read comes back as a removal; anything else is answered exactly as an id the store does not have, so that
 * nobody learns which ids exist outside their scope.
 */
export async function scopedBulkGet(db: Db, viewer: Viewer, requests: { id: string; rev?: string }[], current?: CurrentRevisions) {
	// A current revision held in memory is answered from there, exactly as the store would answer it.
	const held = new Map<{ id: string; rev?: string }, { docs: { ok: Stored }[] }>();
	for (const r of requests) {
		const doc = r.rev ? current?.get(r.id, r.rev) : null;
		if (doc) held.set(r, { docs: [{ ok: doc }] });
	}
	// PouchDB's bulkGet with latest=true throws outside its promise, and so ends the process, for a revision the
	// document does not have: such requests are answered as missing without reaching it.
	// Revisions this gateway just listed in _changes exist: a pull's _bulk_get is checked without another read.
	const unchecked = requests.filter((r) => r.rev && !held.has(r) && !isRemovalRev(r.rev) && !isKnownRevision(r.id, r.rev));
	const unknown = await unknownRevisions(db, unchecked as { id: string; rev: string }[]);
	const real = requests.filter((r) => !held.has(r) && (!r.rev || (!isRemovalRev(r.rev) && !unknown.has(`${r.id}\n${r.rev}`))));
	const mark = current?.mark();
	const fetched = await inChunks(real, async (chunk) => {
		const answer = await db.bulkGet({ docs: chunk.map((r) => ({ id: r.id, rev: r.rev })), revs: true, latest: true } as PouchDB.Core.BulkGetOptions);
		return answer.results;
	});
	if (current && mark !== undefined) current.offer(mark, fetched.flatMap((r) => r.docs.map((d) => ('ok' in d ? (d.ok as Record<string, unknown>) : null))));
	const answerFor = new Map<{ id: string; rev?: string }, { docs: ({ ok: unknown } | { error: unknown })[] } | undefined>([
		...real.map((r, i) => [r, fetched[i]] as const),
		...held
	]);
	const results: { id: string; docs: BulkGetAnswer[] }[] = [];
	for (const [index, request] of requests.entries()) {
		if (index > 0 && index % CHUNK === 0) await yieldToOthers();
		let answers: BulkGetAnswer[] = [];
		if (request.rev && isRemovalRev(request.rev)) {
			answers.push(await removalAnswer(db, viewer, request.id, request.rev));
		} else {
			for (const doc of answerFor.get(request)?.docs ?? []) {
				const answer = 'ok' in doc ? await versionAnswer(db, viewer, doc.ok as unknown as Stored, request.rev) : null;
				if (answer) answers.push(answer);
			}
			if (!answers.length) answers = [missing(request.id, request.rev)];
		}
		results.push({ id: request.id, docs: answers });
	}
	return { results };
}

/** The JSON of a _bulk_get answer; documents held by `current` are written from the JSON made when they were first sent. */
export function bulkGetJson(answer: { results: { id: string; docs: BulkGetAnswer[] }[] }, current?: CurrentRevisions): string {
	const doc = (d: BulkGetAnswer) => {
		const held = 'ok' in d ? current?.json(d.ok) : null;
		return held ? `{"ok":${held}}` : JSON.stringify(d);
	};
	return `{"results":[${answer.results.map((r) => `{"id":${JSON.stringify(r.id)},"docs":[${r.docs.map(doc).join(',')}]}`).join(',')}]}`;
}

/** The requested revisions the store does not have, as "id\nrev". */
async function unknownRevisions(db: Db, requests: { id: string; rev: string }[]): Promise<Set<string>> {
	const byId = new Map<string, string[]>();
	for (const { id, rev } of requests) byId.set(id, [...(byId.get(id) ?? []), rev]);
	const missing = await inChunks([...byId], async (chunk) => {
		const diff = (await db.revsDiff(Object.fromEntries(chunk) as PouchDB.Core.RevisionDiffOptions)) as Record<string, { missing: string[] } | undefined>;
		return Object.entries(diff).flatMap(([id, entry]) => (entry?.missing ?? []).map((rev) => `${id}\n${rev}`));
	});
	return new Set(missing);
}

/**
 * What the viewer gets of one stored version, or null for nothing. With latest=true the store answers with the
 * current leaf, and the gateway leaves no conflicts, so the version judged is the current document.
 * Someone who names one of its earlier revisions held it: revision ids are random, and the gateway sent it to them
 * before it left their scope (a profile whose buildings changed, say). They get a removal, so their device drops it.
 */
async function versionAnswer(db: Db, viewer: Viewer, version: Stored, named?: string): Promise<BulkGetAnswer | null> {
	if (version._deleted === true) {
		const heard = await viewChange(db, viewer, { id: version._id, changes: [{ rev: version._rev }], deleted: true, doc: version });
		// A tombstone's record of who could hold the document stays on the server.
		const { deletion: _scope, ...tombstone } = version;
		return heard ? { ok: tombstone } : null;
	}
	const view = viewOf(viewer, version);
	if (view === 'send') return { ok: asSeenBy(viewer, version) };
	if (view === 'remove' || (named && inHistory(version, named))) return { ok: removalTombstone(version._id, version._rev, version._revisions) };
	return null;
}

function inHistory(version: Stored, rev: string): boolean {
	const revisions = version._revisions;
	return !!revisions && revisions.ids.some((hash, i) => `${revisions.start - i}-${hash}` === rev);
}

async function removalAnswer(db: Db, viewer: Viewer, id: string, rev: string): Promise<BulkGetAnswer> {
	const generation = Number(rev.slice(0, rev.indexOf('-')));
	try {
		const doc = (await db.get(id, { revs: true })) as Stored & { _revisions: { start: number; ids: string[] } };
		const current = Number(doc._rev.slice(0, doc._rev.indexOf('-')));
		if (current === generation - 1 && viewOf(viewer, doc) !== 'skip') return { ok: removalTombstone(id, doc._rev, doc._revisions) };
	} catch {
		// fall through: the document is gone or has moved on; the device will hear of its newer version
	}
	return missing(id, rev);
}

/**
 * _revs_diff. Removal revisions are never asked for: they exist only on devices. Only `missing` is passed on, since
 * CouchDB's possible_ancestors would name revisions of documents outside the asker's scope. A revision the store has
 * is reported as such to anyone who names it: revision ids are random, so only someone who held it can name it, and
 * a device pushing what it pulled must not be told to send it again (its push would be refused).
 */
export async function revsDiff(db: Db, asked: [string, string[]][]): Promise<Record<string, { missing: string[] }>> {
	const answers = await inChunks(asked, async (chunk) => {
		const diff = await missingRevisions(db, chunk);
		return chunk.flatMap(([id]) => {
			const missing = (diff.get(id) ?? []).filter((rev) => !isRemovalRev(rev));
			return missing.length ? [[id, { missing }] as const] : [];
		});
	});
	return Object.fromEntries(answers);
}

/** Whether the viewer may read the document now (for GETs of single documents and attachments). */
export function mayRead(viewer: Viewer, doc: Record<string, unknown>): boolean {
	return viewOf(viewer, doc) === 'send';
}

export interface AllDocsQuery {
	startkey?: unknown;
	endkey?: unknown;
	descending?: boolean;
	keys?: string[];
	limit?: number;
	skip?: number;
	includeDocs: boolean;
}

type AllDocsRow = { id: string; key: string; value: { rev: string }; doc?: Record<string, unknown> } | { key: string; error: 'not_found' };
type StoreRow = { id?: string; key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Stored | null };

/** How many stored rows one page of a range scan reads. */
const PAGE = 200;

/**
 * _all_docs for one viewer, as if the store held only what they may see: skip and limit count visible rows,
 * total_rows is the number of visible rows in the requested range (or among the keys), offset the visible rows skipped.
 * A key outside their scope answers like a key the store does not have.
 */
export async function scopedAllDocs(db: Db, viewer: Viewer, query: AllDocsQuery) {
	const skip = query.skip ?? 0;
	const limit = query.limit ?? Infinity;
	const visibleRow = (row: StoreRow): AllDocsRow | null => {
		if (!row.doc || row.error || row.value?.deleted || row.key.startsWith('_design/') || viewOf(viewer, row.doc) !== 'send') return null;
		return { id: row.doc._id, key: row.key, value: { rev: row.doc._rev }, ...(query.includeDocs ? { doc: asSeenBy(viewer, row.doc) } : {}) };
	};
	if (query.keys) {
		const rows = await inChunks(query.keys, async (keys) => {
			const stored = (await db.allDocs({ keys, include_docs: true })).rows as StoreRow[];
			return stored.map((row): AllDocsRow => visibleRow(row) ?? { key: row.key, error: 'not_found' });
		});
		return { total_rows: rows.filter((r) => !('error' in r)).length, offset: Math.min(skip, rows.length), rows: rows.slice(skip, skip + limit) };
	}
	const rows: AllDocsRow[] = [];
	let visible = 0;
	let page: PouchDB.Core.AllDocsOptions & Record<string, unknown> = {
		include_docs: true,
		limit: PAGE,
		...(query.startkey !== undefined ? { startkey: query.startkey } : {}),
		...(query.endkey !== undefined ? { endkey: query.endkey } : {}),
		...(query.descending ? { descending: true } : {})
	};
	for (;;) {
		const stored = (await db.allDocs(page as unknown as PouchDB.Core.AllDocsWithinRangeOptions)).rows as StoreRow[];
		for (const row of stored) {
			const seen = visibleRow(row);
			if (!seen) continue;
			if (visible >= skip && rows.length < limit) rows.push(seen);
			visible++;
		}
		if (stored.length < PAGE) break;
		// The next page starts after the last row read: same start key, one row skipped.
		page = { ...page, startkey: stored[stored.length - 1].key, skip: 1 };
		await yieldToOthers();
	}
	return { total_rows: visible, offset: Math.min(skip, visible), rows };
}

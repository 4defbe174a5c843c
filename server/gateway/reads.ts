import type { Db } from '../store';
import { isRemovalRev, removalTombstone } from './revs';
import { viewOf, type Viewer } from './scope';

type BulkGetAnswer = { ok: Record<string, unknown> } | { error: { id: string; rev: string; error: string; reason: string } };

/** _bulk_get for one viewer. A document outside their scope comes back as a removal, never as an error or content. */
export async function scopedBulkGet(db: Db, viewer: Viewer, requests: { id: string; rev?: string }[]) {
	const real = requests.filter((r) => !r.rev || !isRemovalRev(r.rev));
	// PouchDB's bulkGet never answers an empty request.
	const fetched = real.length
		? await db.bulkGet({ docs: real.map((r) => ({ id: r.id, rev: r.rev })), revs: true, latest: true } as PouchDB.Core.BulkGetOptions)
		: { results: [] };
	const answerFor = new Map(real.map((r, i) => [r, fetched.results[i]]));
	const results: { id: string; docs: BulkGetAnswer[] }[] = [];
	for (const request of requests) {
		const answers: BulkGetAnswer[] = [];
		if (request.rev && isRemovalRev(request.rev)) {
			answers.push(await removalAnswer(db, request.id, request.rev));
		} else {
			const row = answerFor.get(request);
			for (const doc of row?.docs ?? []) {
				if ('error' in doc) {
					answers.push({ error: { id: request.id, rev: request.rev ?? '', error: 'not_found', reason: 'missing' } });
					continue;
				}
				// A tombstone's record of who could hold the document stays on the server.
				const { deletion: _scope, ...version } = doc.ok as unknown as Record<string, unknown>;
				answers.push(isVisible(viewer, version) ? { ok: version } : { ok: hiddenAs(version) });
			}
		}
		results.push({ id: request.id, docs: answers });
	}
	return { results };
}

/**
 * Whether a version may be sent. With latest=true the store answers with the current leaf, and the gateway
 * leaves no conflicts, so the version checked is the current document. Tombstones carry no content.
 */
function isVisible(viewer: Viewer, version: Record<string, unknown>): boolean {
	return version._deleted === true || viewOf(viewer, version) === 'send';
}

function hiddenAs(version: Record<string, unknown>) {
	return removalTombstone(version._id as string, version._rev as string, version._revisions as { start: number; ids: string[] });
}

async function removalAnswer(db: Db, id: string, rev: string): Promise<BulkGetAnswer> {
	const generation = Number(rev.slice(0, rev.indexOf('-')));
	try {
		const doc = (await db.get(id, { revs: true })) as Record<string, unknown> & { _rev: string; _revisions: { start: number; ids: string[] } };
		if (Number(doc._rev.slice(0, doc._rev.indexOf('-'))) === generation - 1) return { ok: removalTombstone(id, doc._rev, doc._revisions) };
	} catch {
		// fall through: the document is gone or has moved on; the device will hear of its newer version
	}
	return { error: { id, rev, error: 'not_found', reason: 'missing' } };
}

/** Whether the viewer may read the document now (for GETs of single documents and attachments). */
export function mayRead(viewer: Viewer, doc: Record<string, unknown>): boolean {
	return viewOf(viewer, doc) === 'send';
}

/** _all_docs for one viewer: rows outside their scope are left out, as if they did not exist. */
export async function scopedAllDocs(db: Db, viewer: Viewer, options: PouchDB.Core.AllDocsOptions & { keys?: string[] }) {
	const includeDocs = options.include_docs === true;
	const result = await db.allDocs({ ...options, include_docs: true } as PouchDB.Core.AllDocsWithKeysOptions);
	const rows = [];
	for (const row of result.rows as { id?: string; key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: Record<string, unknown> }[]) {
		if (row.error || !row.doc) {
			if (row.error || row.value?.deleted) rows.push({ key: row.key, error: 'not_found' });
			continue;
		}
		if (row.id?.startsWith('_design/') || viewOf(viewer, row.doc) !== 'send') {
			if (options.keys) rows.push({ key: row.key, error: 'not_found' });
			continue;
		}
		rows.push({ id: row.id, key: row.key, value: row.value, ...(includeDocs ? { doc: row.doc } : {}) });
	}
	return { total_rows: rows.length, offset: 0, rows };
}

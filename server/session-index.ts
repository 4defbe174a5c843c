import type { Db } from './store';

const DESIGN_ID = '_design/sessions';
const MAP = "function (doc) { if (doc._id.indexOf('session:') === 0 && doc.username) emit(doc.username); }";

/** Makes sure the private database can list a person's sessions (a view over `session:<token>` docs by username). */
export async function ensureSessionIndex(db: Db): Promise<void> {
	const existing = await db.get(DESIGN_ID).catch((error: { status?: number }) => {
		if (error.status === 404) return null;
		throw error;
	});
	const views = { by_user: { map: MAP } };
	if (existing && JSON.stringify(existing.views) === JSON.stringify(views)) return;
	try {
		await db.put({ _id: DESIGN_ID, ...(existing ? { _rev: existing._rev } : {}), views });
	} catch (error) {
		// Another instance wrote it at the same moment: theirs is the same.
		if ((error as { status?: number }).status !== 409) throw error;
	}
}

/** Deletes every session of a person, so each of their signed-in devices must sign in again; returns how many. */
export async function endSessionsOf(db: Db, username: string): Promise<number> {
	await ensureSessionIndex(db);
	const result = await db.query<Record<string, unknown>>('sessions/by_user', { key: username, include_docs: true });
	const deletions = result.rows.flatMap((row) => (row.doc ? [{ _id: row.doc._id, _rev: row.doc._rev, _deleted: true }] : []));
	if (deletions.length > 0) await db.bulkDocs(deletions);
	return deletions.length;
}

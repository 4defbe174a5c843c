import type { Auth } from './auth';
import type { Db } from './store';

/**
 * Keeps devices right when a person's buildings change. Buildings they leave are remembered, so their
 * devices drop those tickets. Buildings they get back have their tickets re-saved: the device still
 * holds a removal on top of the unchanged version, and only a newer version brings the ticket back.
 */
export async function buildingsChanged(db: Db, auth: Auth, username: string, before: readonly string[], after: readonly string[]): Promise<void> {
	auth.forgetProfile(username);
	const left = before.filter((b) => !after.includes(b));
	const former = await auth.formerBuildings(username);
	const regained = after.filter((b) => former.includes(b));
	await auth.setFormerBuildings(username, [...new Set([...former.filter((b) => !regained.includes(b)), ...left])].sort());
	if (regained.length) await resaveTickets(db, regained);
}

async function resaveTickets(db: Db, buildings: readonly string[]): Promise<void> {
	const rows = (await db.allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff', include_docs: true })).rows;
	const touched = rows.flatMap((r) => (r.doc && buildings.includes((r.doc as { building?: string }).building ?? '') ? [r.doc] : []));
	for (let i = 0; i < touched.length; i += 500) await db.bulkDocs(touched.slice(i, i + 500));
}

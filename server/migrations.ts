import type { Store } from './store';

const PROFILES_TRIMMED = 'meta:profiles-trimmed-per-role';

/**
 * Saves every profile again, once per store, so each gets a new revision: devices that pulled a profile before the
 * gateway sent each role only the fields it needs (core/profile-view) then receive the trimmed version. A device never
 * asks again for a revision it holds.
 */
export async function resaveProfilesOnce(store: Store): Promise<void> {
	if (await store.private.get(PROFILES_TRIMMED).catch(() => null)) return;
	const rows = (await store.main.allDocs({ startkey: 'user:', endkey: 'user:\uffff', include_docs: true })).rows;
	const profiles = rows.flatMap((row) => (row.doc ? [row.doc] : []));
	for (let i = 0; i < profiles.length; i += 500) await store.main.bulkDocs(profiles.slice(i, i + 500));
	await store.private.put({ _id: PROFILES_TRIMMED, at: new Date().toISOString() }).catch(() => undefined);
}

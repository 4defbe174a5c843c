import type PouchDBType from 'pouchdb-browser';
import { guardFirstScreen } from './first-screen';
import { localDbName } from './local-db-name';
import { batchRevsDiff } from './revs-diff';

export type LocalDb = PouchDB.Database;
type PouchStatic = typeof PouchDBType;

let loading: Promise<PouchStatic> | null = null;

/** PouchDB, loaded on first use so the sign-in screen stays small. */
export function pouch(): Promise<PouchStatic> {
	loading ??= import('pouchdb-browser').then((m) => m.default);
	return loading;
}

let early: { username: string; db: Promise<LocalDb> } | null = null;

/**
 * Starts loading PouchDB and opening the database of the person remembered on this device while the app's own modules
 * still load: a cold start waited for both after the app had started. The next openLocalDb for them takes it.
 */
export function openEarly(username: string): void {
	early = { username, db: openLocalDb(username) };
	// Only a head start: openLocalDb reports a failure to whoever takes it.
	early.db.catch(() => undefined);
}

/** Opens (or creates) a person's local database. */
export async function openLocalDb(username: string): Promise<LocalDb> {
	if (early?.username === username) {
		const { db } = early;
		early = null;
		return db;
	}
	const PouchDB = await pouch();
	const db = new PouchDB(localDbName(username), { auto_compaction: true });
	batchRevsDiff(db);
	guardFirstScreen(db);
	return db;
}

/** The server's sync gateway, reached with the session cookie. */
export async function openRemoteDb(): Promise<LocalDb> {
	const PouchDB = await pouch();
	return new PouchDB(`${location.origin}/db/helpdesk`, {
		skip_setup: true,
		fetch: (url: string | Request, init?: RequestInit) => fetch(url, { ...init, credentials: 'include' })
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

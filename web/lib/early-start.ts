import { hasFirstScreen } from './first-screen';
import { localDbName, openEarly } from './local-db';

/** Where the signed-in person's profile is remembered on this device (read and checked by the session manager). */
export const PROFILE_KEY = 'hd:profile';

/**
 * Opens the remembered person's local database from the app's first module, before the pages' modules load: a cold
 * start offline otherwise waited for the app to start before it even began loading PouchDB. Only the username is read
 * here; the session manager still checks the whole profile against its schema before anything is shown.
 */
export function startEarly(): void {
	let username: unknown;
	try {
		username = (JSON.parse(localStorage.getItem(PROFILE_KEY) ?? 'null') as { username?: unknown } | null)?.username;
	} catch {
		// A damaged profile: the session manager finds it unreadable too and shows the sign-in form.
		return;
	}
	// With a copy of the first rows, they are shown first and the database opens after them (its loading takes the main
	// thread for ~100 ms): see the session manager's restore.
	if (typeof username === 'string' && username && !hasFirstScreen(localDbName(username))) openEarly(username);
}

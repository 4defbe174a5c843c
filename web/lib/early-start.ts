import { hasFirstScreen } from './first-screen';
import { openEarly } from './local-db';
import { localDbName } from './local-db-name';
import { storedUsername } from './stored-profile';

/**
 * Opens the remembered person's local database from the app's first module, before the pages' modules load: a cold
 * start offline otherwise waited for the app to start before it even began loading PouchDB. With a copy of the first
 * rows, they are shown first and the database opens after their frame (its loading takes the main thread for ~100 ms):
 * see the session manager's restore.
 */
export function startEarly(): void {
	const username = storedUsername();
	if (username && !hasFirstScreen(localDbName(username))) openEarly(username);
}

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Auth } from '../auth';
import { importRoster, randomPassword, readRoster } from '../import';
import type { Db } from '../store';

/** Roster import over HTTP, so a district can provision from a script while the server runs. */
export function importApp(db: Db, auth: Auth) {
	return new Hono().post('/', async (c) => {
		const me = await auth.identify(c);
		if (me.role !== 'admin') throw new HTTPException(403, { message: 'Only administrators import rosters.' });
		if (!c.req.header('content-type')?.toLowerCase().startsWith('text/csv'))
			throw new HTTPException(415, { message: 'Send the roster as a CSV file with Content-Type: text/csv.' });
		const roster = readRoster(await c.req.text());
		if ('error' in roster) throw new HTTPException(400, { message: roster.error });
		return c.json(await importRoster({ db, auth, newPassword: randomPassword }, roster));
	});
}

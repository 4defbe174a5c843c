import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { secretRefusal } from '../../core/doc-secrets';
import { Building, UserProfile } from '../../core/schemas';
import type { Auth } from '../auth';
import { type Db, getOrNull } from '../store';
import { buildingsChanged } from '../rescope';
import { validationHook } from './errors';

export const BuildingInput = Building.omit({ _id: true, type: true, _rev: true, _revisions: true, _attachments: true, _conflicts: true, _deleted: true });
export const UserInput = UserProfile.omit({ _id: true, type: true, _rev: true, _revisions: true, _attachments: true, _conflicts: true, _deleted: true }).extend({
	password: z.string().min(8, 'a password has at least 8 characters').max(200).optional()
});
export type UserInput = z.infer<typeof UserInput>;

/** Writes a document whole, keeping its revision: administration replaces records, it does not merge them. */
async function upsert(db: Db, doc: Record<string, unknown> & { _id: string }): Promise<Record<string, unknown>> {
	const existing = await getOrNull<{ _rev: string }>(db, doc._id);
	const result = await db.put({ ...doc, ...(existing ? { _rev: existing._rev } : {}) });
	return { ...doc, _rev: result.rev };
}

/** Saves a person's profile (and password, when given), and keeps their devices' scope right. */
export async function saveUser(db: Db, auth: Auth, input: UserInput): Promise<Record<string, unknown>> {
	const { password, ...profile } = input;
	const before = await getOrNull<UserProfile>(db, `user:${profile.username}`);
	const saved = await upsert(db, { _id: `user:${profile.username}`, type: 'user', ...profile });
	if (password) await auth.setPassword(profile.username, password);
	await buildingsChanged(db, auth, profile.username, before?.buildings ?? [], profile.buildings);
	return saved;
}

/** Refuses (400, with the reason) a record whose texts hold a password, as the sync gateway does. */
function refuseSecrets(doc: Building | UserProfile): void {
	const secret = secretRefusal(null, doc);
	if (secret) throw new HTTPException(400, { message: secret });
}

/** Administration of buildings and people, so a district can provision from a script. */
export function adminApp(db: Db, auth: Auth) {
	const app = new Hono();
	app.use('*', async (c, next) => {
		const me = await auth.identify(c);
		if (me.role !== 'admin') throw new HTTPException(403, { message: 'Only administrators manage buildings and accounts.' });
		await next();
	});
	const list = async (prefix: string) =>
		(await db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true })).rows.map((r) => r.doc);
	return app
		.get('/buildings', async (c) => c.json({ buildings: await list('building:') }))
		.put('/buildings/:code', zValidator('json', BuildingInput, validationHook), async (c) => {
			const body = c.req.valid('json');
			if (body.code !== c.req.param('code')) throw new HTTPException(400, { message: 'The code in the URL and in the body differ.' });
			refuseSecrets({ _id: `building:${body.code}`, type: 'building', ...body });
			const saved = await upsert(db, { _id: `building:${body.code}`, type: 'building', ...body });
			return c.json({ building: saved });
		})
		.post('/compact', async (c) => {
			await db.compact();
			return c.json({ ok: true });
		})
		.get('/users', async (c) => c.json({ users: await list('user:') }))
		.get('/users/:username', async (c) => {
			const user = await getOrNull(db, `user:${c.req.param('username')}`);
			if (!user) throw new HTTPException(404, { message: `No account is named ${c.req.param('username')}.` });
			return c.json({ user });
		})
		.put('/users/:username', zValidator('json', UserInput, validationHook), async (c) => {
			const body = c.req.valid('json');
			if (body.username !== c.req.param('username')) throw new HTTPException(400, { message: 'The username in the URL and in the body differ.' });
			const { password: _password, ...profile } = body;
			refuseSecrets({ _id: `user:${body.username}`, type: 'user', ...profile });
			const user = await saveUser(db, auth, body);
			return c.json({ user });
		});
}

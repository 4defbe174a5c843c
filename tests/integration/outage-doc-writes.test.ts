import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const HIGH_HASH = 'f'.repeat(32);
type Stored = Record<string, unknown> & { _id: string; _rev: string; _revisions: { start: number; ids: string[] } };

describe('outages, "me too", notification choices and notifications through the sync gateway', () => {
	let server: RunningServer;
	const put = (as: string, doc: Record<string, unknown>) => api(server, `/db/helpdesk/${doc._id as string}`, { as, method: 'PUT', body: JSON.stringify(doc) });
	const get = (as: string, id: string) => api(server, `/db/helpdesk/${id}`, { as });
	const outage = {
		_id: 'outage:north-network',
		type: 'outage',
		services: ['the network'],
		buildings: ['north'],
		description: 'The fiber link to North is down.',
		declaredAt: ago(30),
		declaredBy: 'coord',
		restoredAt: null,
		restoredBy: null
	};

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('lets a coordinator declare an outage that every signed-in person reads, and refuses a technician', async () => {
		const byTech = await put('tech-n', { ...outage, _id: 'outage:by-tech', declaredBy: 'tech-n' });
		expect(byTech.status).toBe(403);
		expect(byTech.body.reason).toBe('Only coordinators and administrators declare or update outages.');
		expect((await put('coord', outage)).status).toBe(201);
		for (const as of ['ann', 'cat', 'tech-s']) expect((await get(as, outage._id)).body.description).toBe(outage.description);
	});

	it('takes a "me too" only under the person’s own name, and shows a student’s only to staff and the student', async () => {
		const mine = { _id: 'outage-affected:north-network:cat', type: 'outage-affected', outage: outage._id, username: 'cat', at: ago(5) };
		const forCat = await put('ann', mine);
		expect(forCat.status).toBe(403);
		expect(forCat.body.reason).toBe('You can say an outage affects you, not someone else.');
		expect((await put('cat', mine)).status).toBe(201);
		expect((await get('cat', mine._id)).status).toBe(200);
		expect((await get('tech-n', mine._id)).status).toBe(200);
		expect((await get('ann', mine._id)).status).toBe(404);
		const unknown = await put('ann', { ...mine, _id: 'outage-affected:no-such:ann', outage: 'outage:no-such', username: 'ann' });
		expect(unknown.status).toBe(403);
		expect(unknown.body.reason).toBe('There is no such outage.');
	});

	it('refuses a "me too" once service is restored', async () => {
		const stored = (await get('coord', outage._id)).body;
		const restored = { ...stored, restoredAt: ago(1), restoredBy: 'coord' };
		expect((await put('coord', restored)).status).toBe(201);
		const late = await put('ann', { _id: 'outage-affected:north-network:ann', type: 'outage-affected', outage: outage._id, username: 'ann', at: ago(0) });
		expect(late.status).toBe(403);
		expect(late.body.reason).toBe('Service was restored; file a ticket if something is still wrong.');
	});

	it('refuses branches from an old revision, pushed as a replicator does, from a technician or a requester, and keeps the restore a coordinator’s offline edit never saw', async () => {
		const branch = async (as: string, parent: Stored, body: Record<string, unknown>) => {
			const start = parent._revisions.start + 1;
			const doc = { ...body, _id: parent._id, _rev: `${start}-${HIGH_HASH}`, _revisions: { start, ids: [HIGH_HASH, ...parent._revisions.ids] } };
			const r = await api(server, '/db/helpdesk/_bulk_docs', { as, method: 'POST', body: JSON.stringify({ docs: [doc], new_edits: false }) });
			return (r.body as unknown as { error?: string; reason?: string }[])[0];
		};
		const declared = { ...outage, _id: 'outage:south-phones', services: ['phones'], buildings: ['south'], declaredAt: ago(20) };
		expect((await put('coord', declared)).status).toBe(201);
		const first = (await api(server, `/db/helpdesk/${declared._id}?revs=true`, { as: 'coord' })).body as unknown as Stored;
		const { _revisions: _r, _rev: _v, ...body } = first;
		expect((await put('coord', { ...body, _rev: first._rev, restoredAt: ago(1), restoredBy: 'coord' })).status).toBe(201);
		// From the version before the restore: a technician's note, a requester's note, and a coordinator's "still down".
		expect(await branch('tech-s', first, { ...body, progress: [{ at: ago(2), by: 'tech-s', text: 'Still down.' }] })).toMatchObject({
			error: 'forbidden',
			reason: 'Only coordinators and administrators declare or update outages.'
		});
		expect(await branch('cat', first, { ...body, progress: [{ at: ago(2), by: 'cat', text: 'Still down.' }] })).toMatchObject({ error: 'forbidden' });
		// A coordinator's offline edit of the description joins, and the merge keeps the restore it never saw.
		expect(await branch('coord', first, { ...body, description: 'The phone trunk was cut.' })).toMatchObject({ ok: true });
		const now = (await get('coord', declared._id)).body;
		expect([now.restoredBy, now.description, now.progress]).toEqual(['coord', 'The phone trunk was cut.', []]);
	});

	it('keeps notification choices to their owner', async () => {
		const choices = { _id: 'notify-prefs:ann', type: 'notify-prefs', username: 'ann', choices: { note: 'in-app' }, updatedAt: ago(0) };
		expect((await put('bob', { ...choices, _id: 'notify-prefs:bob' })).body.reason).toBe('You can change only your own notification choices.');
		expect((await put('ann', choices)).status).toBe(201);
		expect((await get('ann', choices._id)).body.choices).toEqual({ note: 'in-app' });
		expect((await get('bob', choices._id)).status).toBe(404);
	});

	it('refuses a notification made on a device', async () => {
		const made = await put('ann', {
			_id: 'notification:ann:0123456789abcdef',
			type: 'notification',
			recipient: 'ann',
			kind: 'note',
			key: 'made-up',
			at: ago(0),
			text: 'You won a prize.',
			ticket: null,
			outage: null,
			readAt: null
		});
		expect(made.status).toBe(403);
		expect(made.body.reason).toBe('Notifications come from the helpdesk; a device cannot create one.');
	});
});

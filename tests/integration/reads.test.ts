import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, device, makeTicket, PASSWORD, provision } from '../support/district';
import { type RunningServer, STORE_MODES, startServerOn } from '../support/server';

// A 1×1 PNG: an attachment of a type the product keeps.
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe.each(STORE_MODES)('reads on the $name: what a requester can learn of documents outside their scope', ({ remote }) => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServerOn(remote);
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	/** Every way of asking for one id (and a revision of it), as the prober sends them. */
	async function probe(id: string, rev: string, file = 'screen.png') {
		const as = 'ann';
		const enc = encodeURIComponent;
		const removal = `${Number(rev.split('-')[0]) + 1}-00000000${'a'.repeat(24)}`;
		const answers = {
			bulkGet: await api(server, '/db/helpdesk/_bulk_get?revs=true&latest=true', { as, method: 'POST', body: JSON.stringify({ docs: [{ id }, { id, rev }, { id, rev: removal }] }) }),
			openRevsAll: await api(server, `/db/helpdesk/${enc(id)}?open_revs=all&revs=true&latest=true`, { as }),
			openRevs: await api(server, `/db/helpdesk/${enc(id)}?open_revs=${enc(JSON.stringify([rev]))}`, { as }),
			get: await api(server, `/db/helpdesk/${enc(id)}`, { as }),
			getRev: await api(server, `/db/helpdesk/${enc(id)}?rev=${rev}`, { as }),
			attachment: await api(server, `/db/helpdesk/${enc(id)}/${enc(file)}`, { as }),
			allDocsPost: await api(server, '/db/helpdesk/_all_docs?include_docs=true', { as, method: 'POST', body: JSON.stringify({ keys: [id] }) }),
			allDocsGet: await api(server, `/db/helpdesk/_all_docs?keys=${enc(JSON.stringify([id]))}`, { as }),
			changes: await api(server, `/db/helpdesk/_changes?filter=_doc_ids&doc_ids=${enc(JSON.stringify([id]))}&include_docs=true&style=all_docs`, { as }),
			changesPost: await api(server, '/db/helpdesk/_changes?filter=_doc_ids', { as, method: 'POST', body: JSON.stringify({ doc_ids: [id] }) }),
			revsDiff: await api(server, '/db/helpdesk/_revs_diff', { as, method: 'POST', body: JSON.stringify({ [id]: [rev, '1-0123456789abcdef0123456789abcdef'] }) })
		};
		return JSON.parse(JSON.stringify(answers).replaceAll(id, '<id>'));
	}

	it('answers every read of an existing ticket outside a requester’s scope exactly as it answers an id that does not exist', async () => {
		const bob = device(server, 'bob');
		const secret = makeTicket('bob', { title: 'Bob only: the laminator is jammed' });
		// Named as the app names a photo: after the entry it belongs to (core/attachments).
		const file = `${secret.history[0].id}.1.png`;
		await bob.local.put({ ...secret, _attachments: { [file]: { content_type: 'image/png', data: PIXEL } } });
		expect((await bob.push()).doc_write_failures).toBe(0);
		const stored = await api(server, `/db/helpdesk/${secret._id}`, { as: 'coord' });
		// Revision ids are random: a prober can only guess one. (Naming a real one shows the device held the document.)
		const rev = `${String(stored.body._rev).split('-')[0]}-5f0c3a9d2b7e4c1a8f6d0e9b3a2c1d4e`;
		const absent = makeTicket('bob')._id;

		const existing = await probe(secret._id, rev, file);
		const nothing = await probe(absent, rev, file);
		expect(existing).toEqual(nothing);
		expect(existing.bulkGet.body.results[0].docs[0].error).toMatchObject({ error: 'not_found' });
		expect(JSON.stringify(existing)).not.toContain('laminator');
	});

	it('answers reads of a deleted ticket a requester never held as it answers an id that does not exist', async () => {
		const bob = device(server, 'bob');
		const gone = makeTicket('bob', { title: 'Filed twice by mistake' });
		await bob.local.put(gone);
		expect((await bob.push()).doc_write_failures).toBe(0);
		const stored = await api(server, `/db/helpdesk/${gone._id}`, { as: 'admin' });
		const deleted = await api(server, `/db/helpdesk/${gone._id}?rev=${stored.body._rev}`, { as: 'admin', method: 'DELETE' });
		expect(deleted.status).toBe(201);
		const rev = `${String(deleted.body.rev).split('-')[0]}-0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a`;
		expect(await probe(gone._id, rev)).toEqual(await probe(makeTicket('bob')._id, rev));
	});

	it('still sends a removal to a technician who held a ticket that left their building', async () => {
		const ticket = makeTicket('ann', { title: 'Smartboard pen does not write' });
		const ann = device(server, 'ann');
		await ann.local.put(ticket);
		expect((await ann.push()).doc_write_failures).toBe(0);
		const coord = device(server, 'coord');
		await coord.pull();
		const current = (await coord.local.get(ticket._id)) as unknown as typeof ticket;
		const moved = { id: `${ticket.number}-move`, at: new Date().toISOString(), by: 'coord', kind: 'set' as const, changes: { building: 'south', assignee: 'tech-s' } };
		await coord.local.put({ ...current, building: 'south', assignee: 'tech-s', history: [...current.history, moved] });
		expect((await coord.push()).doc_write_failures).toBe(0);
		const answer = await api(server, '/db/helpdesk/_bulk_get', { as: 'tech-n', method: 'POST', body: JSON.stringify({ docs: [{ id: ticket._id }] }) });
		const doc = (answer.body.results as { docs: { ok?: Record<string, unknown> }[] }[])[0].docs[0].ok;
		expect(doc).toMatchObject({ _id: ticket._id, _deleted: true });
		expect(doc?.title).toBeUndefined();
	});
});

describe('_all_docs and profiles as a requester sees them', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServerOn(false);
		await provision(server);
		for (const [username, name, number] of [
			['bob', 'Bob Secretary', '0202'],
			['dora', 'Dora Teacher', '0101']
		] as const) {
			const r = await api(server, `/api/admin/users/${username}`, {
				method: 'PUT',
				body: JSON.stringify({
					...{ username, name, role: 'requester', kind: 'staff', buildings: ['north'], active: true, password: PASSWORD },
					...{ email: `${username}@district.example`, phone: `555-${number}`, employeeId: `E1${number}`, extension: `4${number}` }
				})
			});
			expect(r.status).toBe(200);
		}
	});
	afterAll(async () => server?.dispose());

	it('pages through the requester’s own tickets: limit and skip count what they may see, total_rows too', async () => {
		const bob = device(server, 'bob');
		for (let i = 0; i < 5; i++) await bob.local.put(makeTicket('bob'));
		expect((await bob.push()).doc_write_failures).toBe(0);
		const dora = device(server, 'dora');
		const own = [makeTicket('dora'), makeTicket('dora'), makeTicket('dora'), makeTicket('dora')];
		for (const t of own) await dora.local.put(t);
		expect((await dora.push()).doc_write_failures).toBe(0);
		const range = `startkey=${encodeURIComponent('"ticket:"')}&endkey=${encodeURIComponent('"ticket:\uffff"')}`;

		const first = await api(server, `/db/helpdesk/_all_docs?${range}&limit=3`, { as: 'dora' });
		expect(first.status).toBe(200);
		const rows = first.body.rows as { id: string; doc?: unknown }[];
		expect(rows.map((r) => r.id)).toEqual(own.slice(0, 3).map((t) => t._id));
		expect(rows.every((r) => r.doc === undefined)).toBe(true);
		expect(first.body).toMatchObject({ total_rows: 4, offset: 0 });

		const rest = await api(server, `/db/helpdesk/_all_docs?${range}&skip=3&limit=3&include_docs=true`, { as: 'dora' });
		expect((rest.body.rows as { id: string; doc: { requester: string } }[]).map((r) => [r.id, r.doc.requester])).toEqual([[own[3]._id, 'dora']]);
		expect(rest.body).toMatchObject({ total_rows: 4, offset: 3 });
	});

	it('gives a requester’s device co-workers’ names but not their phone, email, extension or employee id; staff get contact details', async () => {
		const dora = device(server, 'dora');
		await dora.pull();
		const bobSeen = await dora.local.get('user:bob');
		expect(bobSeen).toMatchObject({ username: 'bob', name: 'Bob Secretary', buildings: ['north'] });
		for (const field of ['phone', 'email', 'extension', 'employeeId']) expect(bobSeen).not.toHaveProperty(field);
		expect(await dora.local.get('user:dora')).toMatchObject({ phone: '555-0101', email: 'dora@district.example', employeeId: 'E10101', extension: '40101' });

		const tech = device(server, 'tech-n');
		await tech.pull();
		const bobForTech = await tech.local.get('user:bob');
		expect(bobForTech).toMatchObject({ phone: '555-0202', email: 'bob@district.example', extension: '40202' });
		expect(bobForTech).not.toHaveProperty('employeeId');
	});

	it('sends a requester the projected profile on every read path, and a selector cannot probe a hidden field', async () => {
		const as = 'dora';
		const paths = [
			api(server, '/db/helpdesk/user:bob', { as }),
			api(server, '/db/helpdesk/user:bob?open_revs=all', { as }),
			api(server, '/db/helpdesk/_bulk_get', { as, method: 'POST', body: JSON.stringify({ docs: [{ id: 'user:bob' }] }) }),
			api(server, '/db/helpdesk/_all_docs?include_docs=true', { as }),
			api(server, '/db/helpdesk/_all_docs?include_docs=true', { as, method: 'POST', body: JSON.stringify({ keys: ['user:bob'] }) }),
			api(server, '/db/helpdesk/_changes?include_docs=true', { as })
		];
		for (const answer of await Promise.all(paths)) {
			expect(answer.status).toBe(200);
			expect(JSON.stringify(answer.body)).toContain('Bob Secretary');
			expect(JSON.stringify(answer.body)).not.toMatch(/bob@district|555-0202|E10202|40202/);
		}
		const bySelector = (who: string) =>
			api(server, '/db/helpdesk/_changes?filter=_selector', { as: who, method: 'POST', body: JSON.stringify({ selector: { type: 'user', employeeId: 'E10202' } }) });
		expect(((await bySelector('dora')).body.results as unknown[]).length).toBe(0);
		expect(((await bySelector('admin')).body.results as unknown[]).length).toBe(1);
	});

	it('removes from a requester’s device a co-worker’s profile that left their building between two pulls, without failing the pull', async () => {
		const erin = { username: 'erin', name: 'Erin Aide', role: 'requester', kind: 'staff', active: true, password: PASSWORD };
		const save = async (over: Record<string, unknown>) =>
			expect((await api(server, '/api/admin/users/erin', { method: 'PUT', body: JSON.stringify({ ...erin, ...over }) })).status).toBe(200);
		await save({ buildings: ['north'] });
		const dora = device(server, 'dora');
		await dora.pull();
		expect(await dora.local.get('user:erin')).toMatchObject({ name: 'Erin Aide' });
		// The first change still shows Erin to Dora; the second moves her out of Dora's building.
		await save({ buildings: ['north'], name: 'Erin Aide-Moss' });
		await save({ buildings: ['south'], name: 'Erin Aide-Moss' });
		const pulled = await dora.pull();
		expect(pulled.ok).toBe(true);
		await expect(dora.local.get('user:erin')).rejects.toMatchObject({ status: 404 });
	});

	it('lets the owner change their own phone and keeps the fields others were not sent', async () => {
		const dora = device(server, 'dora');
		await dora.pull();
		const own = await dora.local.get('user:dora');
		await dora.local.put({ ...own, phone: '555-0199' });
		expect((await dora.push()).doc_write_failures).toBe(0);
		const stored = await api(server, '/db/helpdesk/user:dora', { as: 'admin' });
		expect(stored.body).toMatchObject({ phone: '555-0199', employeeId: 'E10101', email: 'dora@district.example', extension: '40101' });
	});
});

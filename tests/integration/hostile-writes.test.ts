import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { api, device, makeTicket, provision, saveUser } from '../support/district';
import { type RunningServer, STORE_MODES, startServer, startServerOn } from '../support/server';

type Stored = Record<string, unknown> & { _id: string; _rev: string; _revisions: { start: number; ids: string[] } };

const HIGH_HASH = 'f'.repeat(32);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** A revision made from `parent` on a device, under a hash that wins every tie, pushed as the replicator does. */
function branchOf(parent: Stored, body: Record<string, unknown>) {
	const start = parent._revisions.start + 1;
	return { ...body, _id: parent._id, _rev: `${start}-${HIGH_HASH}`, _revisions: { start, ids: [HIGH_HASH, ...parent._revisions.ids] } };
}

async function pushRaw(server: RunningServer, as: string, docs: object[]) {
	const r = await api(server, '/db/helpdesk/_bulk_docs', { as, method: 'POST', body: JSON.stringify({ docs, new_edits: false }) });
	expect(r.status).toBe(201);
	return r.body as unknown as { id: string; error?: string; reason?: string }[];
}

async function read(server: RunningServer, id: string, as = 'admin'): Promise<Stored> {
	const r = await api(server, `/db/helpdesk/${id}?revs=true`, { as });
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	return r.body as unknown as Stored;
}

function entry(by: string, at: string, body: Record<string, unknown>, id = `hostile-${Math.random().toString(36).slice(2, 10)}`): HistoryEntry {
	return { id, by, at, ...body } as HistoryEntry;
}

describe('writes from a hostile or broken device', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	async function fileAs(username: string, over: Parameters<typeof makeTicket>[1] = {}): Promise<Ticket> {
		const d = device(server, username);
		const t = makeTicket(username, over);
		await d.local.put(t);
		expect((await d.push()).doc_write_failures).toBe(0);
		return t;
	}

	async function change(as: string, id: string, entries: HistoryEntry[]) {
		const current = (await read(server, id, as)) as unknown as Ticket;
		const { _revisions: _r, ...doc } = current as Ticket & { _revisions?: unknown };
		return api(server, `/db/helpdesk/${id}`, { as, method: 'PUT', body: JSON.stringify(appendEntries(doc, entries)) });
	}

	it('does not let a demoted person restore their role with an old revision of their profile', async () => {
		await saveUser(server, { username: 'priya', role: 'specialist', buildings: [], name: 'Priya Shah' });
		const asSpecialist = await read(server, 'user:priya', 'priya');
		await saveUser(server, { username: 'priya', role: 'requester', buildings: [], name: 'Priya Shah' });
		const [result] = await pushRaw(server, 'priya', [branchOf(asSpecialist, { ...asSpecialist, phone: '555-0142' })]);
		expect(result).toMatchObject({ error: 'forbidden' });
		expect(result.reason).toMatch(/ask an administrator/);
		expect((await api(server, '/api/me', { as: 'priya' })).body.user).toMatchObject({ role: 'requester' });
	});

	it('does not let a requester replace a technician’s note and status with her own entries under their ids', async () => {
		const t = await fileAs('ann', { title: 'Smartboard pen does not write' });
		const held = await read(server, t._id, 'ann');
		const fixed = [
			entry('tech-n', minutesAgo(0), { kind: 'status', from: 'assigned', to: 'resolved' }, `${t.number}-fix-s`),
			entry('tech-n', minutesAgo(0), { kind: 'note', text: 'Recalibrated the pen tray sensors.' }, `${t.number}-fix-n`)
		];
		expect((await change('tech-n', t._id, fixed)).status).toBe(201);
		for (const at of ['2000-01-01T00:00:00.000Z', minutesAgo(0)]) {
			const forged = appendEntries(held as unknown as Ticket, [
				entry('ann', at, { kind: 'note', text: 'Still broken.' }, `${t.number}-fix-s`),
				entry('ann', at, { kind: 'note', text: 'Nobody came.' }, `${t.number}-fix-n`)
			]);
			const [result] = await pushRaw(server, 'ann', [branchOf(held, forged)]);
			expect(result, at).toMatchObject({ error: 'forbidden' });
		}
		const now = (await read(server, t._id, 'coord')) as unknown as Ticket;
		expect(now.status).toBe('resolved');
		expect(now.history.find((e) => e.id === `${t.number}-fix-n`)).toMatchObject({ by: 'tech-n', text: 'Recalibrated the pen tray sensors.' });
	});

	it('does not let a technician moved off a ticket take it back with a branch from before the move', async () => {
		const t = await fileAs('ann', { title: 'Copier in the workroom shows error E-53' });
		const held = await read(server, t._id, 'tech-n');
		const move = entry('coord', minutesAgo(0), { kind: 'set', changes: { building: 'south', assignee: 'tech-s' } });
		expect((await change('coord', t._id, [move])).status).toBe(201);
		const back = appendEntries(held as unknown as Ticket, [entry('tech-n', minutesAgo(0), { kind: 'set', changes: { building: 'north', assignee: 'tech-n' } })]);
		const [result] = await pushRaw(server, 'tech-n', [branchOf(held, back)]);
		expect(result).toMatchObject({ error: 'forbidden' });
		expect(result.reason).toMatch(/left your queue/);
		expect(await read(server, t._id, 'coord')).toMatchObject({ building: 'south', assignee: 'tech-s' });
	});

	it('does not let a branch from before reopen a closed ticket, carry a device-only revision id, or crowd out the files', async () => {
		const t = await fileAs('ann', { title: 'Label printer prints blank labels' });
		const resolvedAt = minutesAgo(0);
		expect((await change('tech-n', t._id, [entry('tech-n', resolvedAt, { kind: 'status', from: 'assigned', to: 'resolved' }), entry('tech-n', resolvedAt, { kind: 'note', text: 'New ribbon.' })])).status).toBe(201);
		const resolved = await read(server, t._id, 'ann');
		expect((await change('ann', t._id, [entry('ann', minutesAgo(0), { kind: 'status', from: 'resolved', to: 'closed' })])).status).toBe(201);
		const reopen = appendEntries(resolved as unknown as Ticket, [entry('ann', minutesAgo(0), { kind: 'status', from: 'resolved', to: 'in-progress' })]);
		const [reopened] = await pushRaw(server, 'ann', [branchOf(resolved, reopen)]);
		expect(reopened).toMatchObject({ error: 'forbidden' });
		expect(reopened.reason).toMatch(/became "closed"/);
		expect(await read(server, t._id, 'coord')).toMatchObject({ status: 'closed' });

		const current = await read(server, t._id, 'ann');
		const note = appendEntries(current as unknown as Ticket, [entry('ann', minutesAgo(0), { kind: 'note', text: 'Thanks!' })]);
		const removalLike = { ...note, _rev: `${current._revisions.start + 1}-00000000${'a'.repeat(24)}`, _revisions: { start: current._revisions.start + 1, ids: [`00000000${'a'.repeat(24)}`, ...current._revisions.ids] } };
		const [reserved] = await pushRaw(server, 'ann', [removalLike]);
		expect(reserved).toMatchObject({ error: 'forbidden' });

		const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
		const withPhoto = await read(server, t._id, 'tech-n');
		const photoNote = entry('tech-n', minutesAgo(0), { kind: 'note', text: 'Photo of the ribbon path.' });
		const withFile = { ...appendEntries(withPhoto as unknown as Ticket, [photoNote]), _attachments: { [`${photoNote.id}.1.png`]: { content_type: 'image/png', data: png } } };
		expect((await api(server, `/db/helpdesk/${t._id}`, { as: 'tech-n', method: 'PUT', body: JSON.stringify({ ...withFile, _revisions: undefined }) })).status).toBe(201);
		const flood = entry('ann', minutesAgo(0), { kind: 'note', text: 'Pictures.' });
		const files = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`${flood.id}.${n + 1}.png`, { content_type: 'image/png', data: png }]));
		const [crowded] = await pushRaw(server, 'ann', [branchOf(current, { ...appendEntries(current as unknown as Ticket, [flood]), _attachments: files })]);
		expect(crowded).toMatchObject({ error: 'forbidden' });
		expect(crowded.reason).toMatch(/at most 10/);
		expect(Object.keys((await read(server, t._id, 'coord'))._attachments as object)).toEqual([`${photoNote.id}.1.png`]);
	});

	it('refuses entries dated in the future or before the ticket was filed, and takes offline work that arrives hours late', async () => {
		const t = await fileAs('tech-n', { requester: 'ann', requesterName: 'Ann Teacher', source: 'phone' });
		const future = await change('tech-n', t._id, [entry('tech-n', '2099-01-01T00:00:00.000Z', { kind: 'note', text: 'Swapped the toner.' })]);
		expect(future.status).toBe(403);
		expect(future.body.reason).toMatch(/later than now.*date and time/);
		const before = await change('tech-n', t._id, [entry('tech-n', minutesAgo(60), { kind: 'note', text: 'Swapped the toner.' })]);
		expect(before.body.reason).toMatch(/before the ticket was filed/);

		const filedOffline = makeTicket('ann', { title: 'Laptop charger sparks' });
		const threeHoursAgo = minutesAgo(180);
		const lateArrival = { ...filedOffline, createdAt: threeHoursAgo, history: [{ ...filedOffline.history[0], at: threeHoursAgo }] };
		const offline = device(server, 'ann');
		await offline.local.put(lateArrival);
		expect((await offline.push()).doc_write_failures).toBe(0);

		const old = makeTicket('ann', { title: 'Backdated' });
		const backdated = { ...old, createdAt: '2019-01-01T00:00:00.000Z', history: [{ ...old.history[0], at: '2019-01-01T00:00:00.000Z' }] };
		const refused = await api(server, `/db/helpdesk/${old._id}`, { as: 'ann', method: 'PUT', body: JSON.stringify(backdated) });
		expect(refused.status).toBe(403);
		expect(refused.body.reason).toMatch(/more than 30 days ago/);
	});

	it('holds on the server the rules the forms apply', async () => {
		const t = await fileAs('ann', { title: 'Document camera flickers' });
		const now = minutesAgo(0);
		const refusals: [string, HistoryEntry[], RegExp][] = [
			['tech-n', [entry('tech-n', now, { kind: 'status', from: 'assigned', to: 'resolved' })], /needs a note/],
			['tech-n', [entry('tech-n', now, { kind: 'escalate', level: 1, to: null, reason: 'Same level.' })], /raises the level/],
			['tech-n', [entry('tech-n', now, { kind: 'escalate', level: 2, to: 'bob', reason: 'Bob knows.' })], /only technology staff/],
			['coord', [entry('coord', now, { kind: 'set', changes: { assignee: 'ann' } })], /only technology staff/],
			['coord', [entry('coord', now, { kind: 'set', changes: { assignee: 'nobody-here' } })], /nobody has that username/],
			['tech-n', [entry('tech-n', now, { kind: 'transcript', text: 'Hi, it is Ann.' })], /transcripts come from the phone line/i]
		];
		for (const [as, entries, reason] of refusals) {
			const r = await change(as, t._id, entries);
			expect(r.status, JSON.stringify(entries)).toBe(403);
			expect(r.body.reason).toMatch(reason);
		}
		const student = makeTicket('cat', { building: 'south', requester: 'ann', requesterName: 'Ann Teacher', source: 'on-behalf' });
		const r = await api(server, `/db/helpdesk/${student._id}`, { as: 'cat', method: 'PUT', body: JSON.stringify(student) });
		expect(r.body.reason).toMatch(/Students file tickets for themselves/);
		const article = { _id: 'kb:printer-jam', type: 'kb', kind: 'faq', title: 'Printer jam', body: 'Open tray 2.', tags: [], updatedAt: now, author: 'admin' };
		const kb = await api(server, '/db/helpdesk/kb:printer-jam', { as: 'coord', method: 'PUT', body: JSON.stringify(article) });
		expect(kb.body.reason).toMatch(/name of the person who saves it/);
		expect((await api(server, '/db/helpdesk/kb:printer-jam', { as: 'coord', method: 'PUT', body: JSON.stringify({ ...article, author: 'coord' }) })).status).toBe(201);
	});
});

describe.each(STORE_MODES)('deletions on the $name', ({ remote }) => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServerOn(remote);
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('still reach the devices that held the document after the store compacts, and no one else', async () => {
		const ann = device(server, 'ann');
		const tech = device(server, 'tech-n');
		const bob = device(server, 'bob');
		const t = makeTicket('ann', { title: 'Duplicate: projector in 114' });
		await ann.local.put(t);
		await ann.push();
		await Promise.all([ann.pull(), tech.pull(), bob.pull()]);
		expect(await tech.ids()).toContain(t._id);
		const stored = await read(server, t._id);
		expect((await api(server, `/db/helpdesk/${t._id}?rev=${stored._rev}`, { method: 'DELETE' })).status).toBe(201);
		expect((await api(server, '/api/admin/compact', { method: 'POST' })).status).toBe(200);
		await Promise.all([ann.pull(), tech.pull()]);
		expect(await ann.ids()).not.toContain(t._id);
		expect(await tech.ids()).not.toContain(t._id);
		const bobChanges = (await bob.remote.changes({ since: 0 })).results.map((r) => r.id);
		expect(bobChanges).not.toContain(t._id);
		const seen = (await ann.remote.changes({ since: 0, include_docs: true })).results.find((r) => r.id === t._id);
		expect(seen?.doc).toEqual({ _id: t._id, _rev: expect.any(String), _deleted: true });
	});

	it('stays deleted when a device pushes an edit it made offline before the deletion', async () => {
		const tech = device(server, 'tech-n');
		const t = makeTicket('ann', { title: 'Old ticket to remove' });
		const ann = device(server, 'ann');
		await ann.local.put(t);
		await ann.push();
		await tech.pull();
		const held = (await tech.local.get(t._id)) as unknown as Ticket;
		await tech.local.put(appendEntries(held, [entry('tech-n', new Date().toISOString(), { kind: 'note', text: 'Checked the cabling in the closet.' })]));
		const stored = await read(server, t._id);
		expect((await api(server, `/db/helpdesk/${t._id}?rev=${stored._rev}`, { method: 'DELETE' })).status).toBe(201);
		const pushed = await tech.push();
		expect(pushed.doc_write_failures).toBe(1);
		expect((await api(server, `/db/helpdesk/${t._id}`, { as: 'coord' })).status).toBe(404);
		const fresh = device(server, 'coord');
		await fresh.pull();
		expect(await fresh.ids()).not.toContain(t._id);
	});
});

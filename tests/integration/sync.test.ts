import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEntries } from '../../core/ticket';
import type { Ticket } from '../../core/schemas';
import { api, device, makeTicket, PASSWORD, provision } from '../support/district';
import { type RunningServer, STORE_MODES, startServerOn } from '../support/server';

describe.each(STORE_MODES)('sync gateway on the $name', ({ remote }) => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServerOn(remote);
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('pushes a requester’s new ticket and assigns it to the building technician', async () => {
		const ann = device(server, 'ann');
		const ticket = makeTicket('ann');
		await ann.local.put(ticket);
		const pushed = await ann.push();
		expect(pushed.docs_written).toBe(1);
		expect(pushed.doc_write_failures).toBe(0);
		const tech = device(server, 'tech-n');
		await tech.pull();
		const seen = (await tech.local.get(ticket._id)) as unknown as Ticket;
		expect(seen.assignee).toBe('tech-n');
		expect(seen.status).toBe('assigned');
		await ann.pull();
		expect(((await ann.local.get(ticket._id)) as unknown as Ticket).assignee).toBe('tech-n');
	});

	it('never shows a requester another person’s ticket, on any read path', async () => {
		const bob = device(server, 'bob');
		const secret = makeTicket('bob', { description: 'Bob only: the laminator in the office is jammed.' });
		await bob.local.put(secret);
		await bob.push();

		const ann = device(server, 'ann');
		await ann.pull();
		expect(await ann.ids()).not.toContain(secret._id);

		const { remote } = ann;
		await expect(remote.get(secret._id)).rejects.toMatchObject({ status: 404 });
		const bulk = await remote.bulkGet({ docs: [{ id: secret._id }] });
		const answer = bulk.results[0].docs[0] as { ok?: Record<string, unknown> };
		expect(answer.ok?.description).toBeUndefined();
		const filtered = await remote.changes({ filter: '_doc_ids', doc_ids: [secret._id], include_docs: true });
		expect(filtered.results.map((r) => r.id)).not.toContain(secret._id);
		const all = await remote.allDocs({ include_docs: true });
		expect(all.rows.map((r) => r.id)).not.toContain(secret._id);
		const keyed = await remote.allDocs({ keys: [secret._id], include_docs: true });
		expect(JSON.stringify(keyed.rows)).not.toContain('laminator');
		const raw = await api(server, `/db/helpdesk/_changes?filter=_doc_ids&doc_ids=${encodeURIComponent(JSON.stringify([secret._id]))}&include_docs=true`, { as: 'ann' });
		expect(JSON.stringify(raw.body)).not.toContain('laminator');
	});

	it('refuses a requester’s priority change as forbidden, with a reason', async () => {
		const ann = device(server, 'ann');
		await ann.pull();
		const [id] = await ann.ids();
		const mine = (await ann.local.get(id)) as unknown as Ticket;
		const bumped = appendEntries(mine, [{ id: `${mine.number}-prio`, at: new Date().toISOString(), by: 'ann', kind: 'set', changes: { priority: 1 } }]);
		await ann.local.put(bumped);
		const result = await ann.push();
		expect(result.doc_write_failures).toBe(1);
		expect(JSON.stringify(result.errors)).toMatch(/technology staff/);
		const direct = await api(server, `/db/helpdesk/${encodeURIComponent(id)}`, { as: 'ann', method: 'PUT', body: JSON.stringify({ ...bumped, _rev: mine._rev }) });
		expect(direct.status).toBe(403);
		expect(direct.body).toMatchObject({ error: 'forbidden' });
		expect(direct.body.reason).toMatch(/technology staff/);
	});

	it('merges two technicians’ offline edits of one ticket, losing nothing and leaving no conflict', async () => {
		const ann = device(server, 'ann');
		const ticket = makeTicket('ann', { title: 'Smartboard pen does not register' });
		await ann.local.put(ticket);
		await ann.push();
		const north = device(server, 'tech-n');
		const coord = device(server, 'coord');
		await Promise.all([north.pull(), coord.pull()]);
		const a = (await north.local.get(ticket._id)) as unknown as Ticket;
		const b = (await coord.local.get(ticket._id)) as unknown as Ticket;
		const t = Date.now();
		await north.local.put(
			appendEntries(a, [
				{ id: 'merge-n1', at: new Date(t).toISOString(), by: 'tech-n', kind: 'note', text: 'Recalibrated the board; pen tray sensor is dirty.' },
				{ id: 'merge-n2', at: new Date(t + 1).toISOString(), by: 'tech-n', kind: 'status', from: 'assigned', to: 'in-progress' }
			])
		);
		await coord.local.put(
			appendEntries(b, [
				{ id: 'merge-c1', at: new Date(t + 2).toISOString(), by: 'coord', kind: 'set', changes: { priority: 3, category: 'break-fix' } },
				{ id: 'merge-c2', at: new Date(t + 3).toISOString(), by: 'coord', kind: 'note', text: 'Classroom needs it for state testing on Friday.' }
			])
		);
		await north.push();
		await coord.push();
		await Promise.all([north.pull(), coord.pull()]);
		const onServer = (await device(server, 'coord').remote.get(ticket._id, { conflicts: true })) as unknown as Ticket & { _conflicts?: string[] };
		expect(onServer._conflicts ?? []).toEqual([]);
		const ids = onServer.history.map((e) => e.id);
		expect(ids).toEqual(expect.arrayContaining(['merge-n1', 'merge-n2', 'merge-c1', 'merge-c2']));
		expect(onServer.status).toBe('in-progress');
		expect(onServer.priority).toBe(3);
		const fromNorth = (await north.local.get(ticket._id)) as unknown as Ticket;
		const fromCoord = (await coord.local.get(ticket._id)) as unknown as Ticket;
		expect(fromNorth.history).toEqual(fromCoord.history);
		expect(fromNorth._rev).toBe(fromCoord._rev);
	});

	it('lets live sync carry a change from one device to another', async () => {
		const ann = device(server, 'ann');
		const north = device(server, 'tech-n');
		await north.pull();
		const live = north.local.replicate.from(north.remote, { live: true, retry: true });
		try {
			const ticket = makeTicket('ann', { title: 'Printer in the library prints blank pages' });
			await ann.local.put(ticket);
			await ann.push();
			await expect.poll(async () => (await north.ids()).includes(ticket._id), { timeout: 15_000 }).toBe(true);
		} finally {
			live.cancel();
		}
	});

	it('accepts the session cookie from sign-in on the sync gateway, and refuses it after sign-out', async () => {
		const login = await fetch(`${server.url}/api/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'ann', password: PASSWORD })
		});
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^hd_session=/);
		const changes = await fetch(`${server.url}/db/helpdesk/_changes`, { headers: { cookie } });
		expect(changes.status).toBe(200);
		expect(((await changes.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
		// As the app signs out: a cookie-signed write is JSON (a cross-site form could send nothing else).
		const logout = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
		expect(logout.status).toBe(200);
		const after = await fetch(`${server.url}/db/helpdesk/_changes`, { headers: { cookie } });
		expect(after.status).toBe(401);
		expect(((await after.json()) as { reason: string }).reason).toMatch(/Sign in/);
	});
});

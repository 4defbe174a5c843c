import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { device, fileAs, makeTicket, PASSWORD, provision, saveUser } from '../support/district';
import { ADMIN_PASSWORD, type WatchedServer, startServer } from '../support/server';

const DAY = 86_400_000;
type Changes = { results: { seq: number; id: string; changes: { rev: string }[]; deleted?: boolean }[]; last_seq: number };

/**
 * A first sync older than the shared feed's memory is answered from the scope index (server/gateway/scope-index.ts).
 * The feed here keeps one change (FEED_RING_SIZE=1), so every pull from 0 goes to the index; the same pulls are then made
 * with the index off (SCOPE_INDEX=0, the old read of the store's history) on the same store and clock, and must be equal.
 */
describe('first syncs from the scope index', () => {
	let server: WatchedServer;
	const ids: Record<string, string> = {};
	const PEOPLE = ['ann', 'tech-n', 'tech-s', 'coord', 'roamer', 'spec'];

	async function changes(as: string, query = 'since=0'): Promise<{ source: string | null; body: Changes }> {
		const response = await fetch(`${server.url}/db/helpdesk/_changes?style=all_docs&${query}`, {
			headers: { authorization: `Basic ${Buffer.from(`${as}:${as === 'admin' ? ADMIN_PASSWORD : PASSWORD}`).toString('base64')}` }
		});
		expect(response.status).toBe(200);
		return { source: response.headers.get('x-changes-source'), body: (await response.json()) as Changes };
	}

	/** What a fresh device of each person holds after its first pull, and the raw first _changes answer. */
	async function firstPulls(source: 'index' | 'store') {
		const out: Record<string, { changes: Changes; held: string[] }> = {};
		for (const person of PEOPLE) {
			const first = await changes(person);
			expect(first.source, person).toBe(source);
			const d = device(server, person);
			const pulled = await d.pull();
			expect(pulled.errors).toEqual([]);
			const held = (await d.local.allDocs()).rows.map((row) => `${row.id} ${row.value.rev}`).sort();
			out[person] = { changes: first.body, held };
		}
		return out;
	}

	async function restart(env: Record<string, string>) {
		Object.assign(server.env, env);
		await server.stop();
		const indexed = server.env.SCOPE_INDEX !== '0' ? server.waitForOutput(/scope index ready/, 60_000) : null;
		await server.restart();
		await indexed;
	}

	const rowOf = (body: Changes, id: string) => body.results.find((row) => row.id === id);

	beforeAll(async () => {
		server = await startServer({ CLOSED_WINDOW_DAYS: '30', FEED_RING_SIZE: '1' });
		await provision(server);
		await saveUser(server, { username: 'roamer', role: 'building-tech', buildings: ['south'], name: 'Rory Roamer' });
		ids.plain = (await fileAs(server, 'ann', { title: 'Laminator jams' }))._id;
		// Moved from north to south by the coordinator: north's technician must drop it.
		const moved = await fileAs(server, 'bob', { title: 'Document camera has no picture' });
		ids.moved = moved._id;
		const coord = device(server, 'coord');
		await coord.pull();
		const current = (await coord.local.get(moved._id)) as unknown as Ticket;
		await coord.local.put(appendEntries(current, [{ id: `${moved.number}-move`, at: new Date().toISOString(), by: 'coord', kind: 'set', changes: { building: 'south', assignee: 'tech-s' } }]));
		expect((await coord.push()).doc_write_failures).toBe(0);
		// Closed three minutes ago: in everyone's window today, out of it 40 days on, forgotten 90 days on.
		const closedAt = Date.now() - 3 * 60_000;
		const number = makeTicket('ann')._id.slice('ticket:'.length);
		const created = newTicket(
			{ number, requester: 'ann', requesterName: 'Ann', createdBy: 'tech-n', source: 'phone', title: 'Toner', description: 'Empty.', building: 'north', assignee: 'tech-n' },
			new Date(closedAt - 2 * DAY).toISOString(),
			`${number}-c`
		);
		const closed = appendEntries(created, [
			{ id: `${number}-r`, at: new Date(closedAt - DAY).toISOString(), by: 'tech-n', kind: 'status', from: 'assigned', to: 'resolved' },
			{ id: `${number}-n`, at: new Date(closedAt - DAY).toISOString(), by: 'tech-n', kind: 'note', text: 'New toner in.' },
			{ id: `${number}-x`, at: new Date(closedAt).toISOString(), by: 'tech-n', kind: 'status', from: 'resolved', to: 'closed' },
			{ id: `${number}-y`, at: new Date(closedAt).toISOString(), by: 'tech-n', kind: 'note', text: 'Confirmed with Ann.' }
		]);
		const tech = device(server, 'tech-n');
		await tech.local.put(closed);
		expect((await tech.push()).errors).toEqual([]);
		ids.closed = closed._id;
		// Deleted by an administrator: everyone who could hold it hears of it.
		const deleted = await fileAs(server, 'ann', { title: 'Duplicate' });
		const admin = device(server, 'admin');
		const stored = await admin.remote.get(deleted._id);
		await admin.remote.remove(stored._id, stored._rev);
		ids.deleted = deleted._id;
		// The roamer covered south and now covers north: south's tickets leave their device.
		await saveUser(server, { username: 'roamer', role: 'building-tech', buildings: ['north'], name: 'Rory Roamer' });
		// A restart empties the feed's memory, as on a Monday morning: only the index (or the store) has the history.
		await restart({});
	});
	afterAll(async () => server?.dispose());

	it('gives a requester, technicians, a coordinator and a technician whose buildings changed what the store read gives', async () => {
		const fromIndex = await firstPulls('index');
		// Worked out by hand from the rules: the removals and deletions each person must hear of.
		expect(rowOf(fromIndex['tech-n'].changes, ids.moved)).toMatchObject({ deleted: true });
		expect(rowOf(fromIndex['tech-s'].changes, ids.moved)?.deleted).toBeUndefined();
		expect(rowOf(fromIndex.roamer.changes, ids.moved)).toMatchObject({ deleted: true });
		expect(rowOf(fromIndex.roamer.changes, ids.plain)?.deleted).toBeUndefined();
		expect(rowOf(fromIndex.ann.changes, ids.deleted)).toMatchObject({ deleted: true });
		expect(rowOf(fromIndex.ann.changes, ids.moved)).toBeUndefined();
		expect(rowOf(fromIndex['tech-s'].changes, ids.deleted)).toBeUndefined();
		expect(rowOf(fromIndex.spec.changes, ids.plain)).toBeUndefined();
		expect(fromIndex.ann.held.some((line) => line.startsWith(`${ids.closed} `))).toBe(true);

		await restart({ SCOPE_INDEX: '0' });
		try {
			expect(await firstPulls('store')).toEqual(fromIndex);
		} finally {
			await restart({ SCOPE_INDEX: '1' });
		}
	});

	it('sends the removal of a ticket that aged out of the closed window, as the store read does', async () => {
		try {
			await restart({ CLOCK_OFFSET_MS: String(40 * DAY) });
			const fromIndex = await firstPulls('index');
			for (const person of ['ann', 'tech-n', 'coord']) expect(rowOf(fromIndex[person].changes, ids.closed), person).toMatchObject({ deleted: true });
			expect(fromIndex.ann.held.some((line) => line.startsWith(`${ids.closed} `))).toBe(false);
			await restart({ SCOPE_INDEX: '0' });
			expect(await firstPulls('store')).toEqual(fromIndex);
			await restart({ SCOPE_INDEX: '1', CLOCK_OFFSET_MS: String(90 * DAY) });
			for (const person of ['ann', 'tech-n', 'coord']) expect(rowOf((await changes(person)).body, ids.closed), person).toBeUndefined();
		} finally {
			await restart({ SCOPE_INDEX: '1', CLOCK_OFFSET_MS: '0' });
		}
	});

	it('lets a client continue from a mid-stream last_seq while writes arrive, missing nothing', async () => {
		const before = await changes('coord');
		const upTo = before.body.results.findIndex((row) => row.id === ids.plain) + 1;
		expect(upTo).toBeGreaterThan(0);
		const page = await changes('coord', `since=0&limit=${upTo}`);
		expect(page.source).toBe('index');
		expect(page.body.results.at(-1)?.id).toBe(ids.plain);
		// Written after the first page: a ticket the page already gave (it moves to a later sequence), and a new one.
		const coord = device(server, 'coord');
		await coord.pull();
		const current = (await coord.local.get(ids.plain)) as unknown as Ticket;
		await coord.local.put(appendEntries(current, [{ id: `${current.number}-note`, at: new Date().toISOString(), by: 'coord', kind: 'note', text: 'Ordered a part.' }]));
		const added = makeTicket('coord', { title: 'New while reading' });
		await coord.local.put(added);
		expect((await coord.push()).doc_write_failures).toBe(0);

		const seen = new Map(page.body.results.map((row) => [row.id, row.changes[0].rev]));
		let since = page.body.last_seq;
		for (let pages = 0; pages < 50; pages++) {
			const next = await changes('coord', `since=${since}&limit=2`);
			for (const row of next.body.results) seen.set(row.id, row.changes[0].rev);
			if (next.body.results.length === 0) break;
			since = next.body.last_seq;
		}
		const whole = await changes('coord');
		expect(whole.source).toBe('index');
		expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(whole.body.results.map((row) => [row.id, row.changes[0].rev])));
		expect(seen.has(added._id)).toBe(true);
		expect(seen.get(ids.plain)).not.toBe(page.body.results.at(-1)?.changes[0].rev);
	});
});

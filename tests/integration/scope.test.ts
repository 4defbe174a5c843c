import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { api, device, makeTicket, provision, saveUser } from '../support/district';
import { type RunningServer, STORE_MODES, startServerOn } from '../support/server';

const DAY = 86_400_000;

describe.each(STORE_MODES)('device scope on the $name: growth, shrink, deletions and the closed window', ({ remote }) => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServerOn(remote, { CLOSED_WINDOW_DAYS: '30' });
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	async function fileAs(username: string, over: Parameters<typeof makeTicket>[1] = {}) {
		const d = device(server, username);
		const t = makeTicket(username, over);
		await d.local.put(t);
		const r = await d.push();
		expect(r.doc_write_failures).toBe(0);
		return t;
	}

	it('removes a ticket moved to another building from the old technician’s device and gives it to the new one', async () => {
		const ticket = await fileAs('ann', { title: 'Document camera in room 9 has no picture' });
		const north = device(server, 'tech-n');
		const south = device(server, 'tech-s');
		await north.pull();
		expect(await north.ids()).toContain(ticket._id);

		const coord = device(server, 'coord');
		await coord.pull();
		const current = (await coord.local.get(ticket._id)) as unknown as Ticket;
		await coord.local.put(appendEntries(current, [{ id: `${ticket.number}-move`, at: new Date().toISOString(), by: 'coord', kind: 'set', changes: { building: 'south', assignee: 'tech-s' } }]));
		expect((await coord.push()).doc_write_failures).toBe(0);

		await north.pull();
		expect(await north.ids()).not.toContain(ticket._id);
		await expect(north.local.get(ticket._id)).rejects.toMatchObject({ status: 404 });
		await south.pull();
		expect(await south.ids()).toContain(ticket._id);
	});

	it('gives a technician the older tickets of a building added to their scope, and removes those of a building taken away', async () => {
		const northTicket = await fileAs('bob', { title: 'Laminator jams every sheet' });
		const southTicket = await fileAs('tech-s', { title: 'Gym Wi-Fi drops at noon', building: 'south', requester: 'cat', requesterName: 'Cat', source: 'phone' });
		const roamer = { username: 'roamer', role: 'building-tech' as const, buildings: ['south'], name: 'Rory Roamer' };
		await saveUser(server, roamer);
		const d = device(server, 'roamer');
		await d.pull();
		expect(await d.ids()).toContain(southTicket._id);
		expect(await d.ids()).not.toContain(northTicket._id);

		await saveUser(server, { ...roamer, buildings: ['north'] });
		await d.pull();
		const ids = await d.ids();
		expect(ids).toContain(northTicket._id);
		expect(ids).not.toContain(southTicket._id);

		await saveUser(server, { ...roamer, buildings: ['south'] });
		await d.pull();
		const back = await d.ids();
		expect(back).toContain(southTicket._id);
		expect(back).not.toContain(northTicket._id);
	});

	it('removes a deleted ticket from the devices that held it', async () => {
		const ticket = await fileAs('ann', { title: 'Duplicate of the projector ticket' });
		const ann = device(server, 'ann');
		await ann.pull();
		expect(await ann.ids()).toContain(ticket._id);
		const admin = device(server, 'admin');
		const stored = await admin.remote.get(ticket._id);
		const refused = await api(server, `/db/helpdesk/${ticket._id}?rev=${stored._rev}`, { as: 'ann', method: 'DELETE' });
		expect(refused.status).toBe(403);
		expect(refused.body.reason).toMatch(/closed, not deleted/);
		await admin.remote.remove(stored._id, stored._rev);
		await ann.pull();
		expect(await ann.ids()).not.toContain(ticket._id);
	});

	it('keeps tickets closed long ago off devices, and recently closed ones on them', async () => {
		// Entries are dated by the server's clock, so the server is moved 90 days on instead of backdating them.
		const make = (number: string, closedAt: number): Ticket => {
			const created = newTicket(
				{ number, requester: 'ann', requesterName: 'Ann', createdBy: 'tech-n', source: 'phone', title: `Closed at ${new Date(closedAt).toISOString()}`, description: 'Replaced the toner.', building: 'north', assignee: 'tech-n' },
				new Date(closedAt - 2 * DAY).toISOString(),
				`${number}-c`
			);
			return appendEntries(created, [
				{ id: `${number}-r`, at: new Date(closedAt - DAY).toISOString(), by: 'tech-n', kind: 'status', from: 'assigned', to: 'resolved' },
				{ id: `${number}-n`, at: new Date(closedAt - DAY).toISOString(), by: 'tech-n', kind: 'note', text: 'New toner in.' },
				{ id: `${number}-x`, at: new Date(closedAt).toISOString(), by: 'tech-n', kind: 'status', from: 'resolved', to: 'closed' },
				{ id: `${number}-y`, at: new Date(closedAt).toISOString(), by: 'tech-n', kind: 'note', text: 'Confirmed with Ann.' }
			]);
		};
		const tech = device(server, 'tech-n');
		const push = async (ticket: Ticket) => {
			await tech.local.put(ticket);
			const pushed = await tech.push();
			expect(pushed.errors).toEqual([]);
			expect(pushed.doc_write_failures).toBe(0);
		};
		const old = make('QRS-222', Date.now() - 3 * 60_000);
		await push(old);
		const later = 90 * DAY;
		server.env.CLOCK_OFFSET_MS = String(later);
		await server.stop();
		await server.restart();
		try {
			const recent = make('QRS-223', Date.now() + later - 3 * DAY);
			await push(recent);
			const fresh = device(server, 'ann');
			await fresh.pull();
			const ids = await fresh.ids();
			expect(ids).toContain(recent._id);
			expect(ids).not.toContain(old._id);
		} finally {
			server.env.CLOCK_OFFSET_MS = '0';
			await server.stop();
			await server.restart();
		}
	});

	it('does not let a specialist see a ticket until it is escalated to them, and keeps the owner', async () => {
		const ticket = await fileAs('ann', { title: 'SIS grade export fails for period 3' });
		const spec = device(server, 'spec');
		await spec.pull();
		expect(await spec.ids()).not.toContain(ticket._id);
		const north = device(server, 'tech-n');
		await north.pull();
		const current = (await north.local.get(ticket._id)) as unknown as Ticket;
		await north.local.put(appendEntries(current, [{ id: `${ticket.number}-esc`, at: new Date().toISOString(), by: 'tech-n', kind: 'escalate', level: 2, to: 'spec', reason: 'Export job errors with code 17; needs SIS admin rights.' }]));
		expect((await north.push()).doc_write_failures).toBe(0);
		await spec.pull();
		const seen = (await spec.local.get(ticket._id)) as unknown as Ticket;
		expect(seen.escalatedTo).toBe('spec');
		expect(seen.assignee).toBe('tech-n');
		expect(seen.level).toBe(2);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { api, device, fileAs, provision } from '../support/district';
import { type RunningServer, startServerOn } from '../support/server';

type BulkGetBody = { results: { id: string; docs: ({ ok: Record<string, unknown> } | { error: Record<string, unknown> })[] }[] };

/**
 * The gateway answers a pull's _bulk_get of current revisions from memory (server/gateway/current-revisions.ts). These
 * pull the same revision to a second device, the case served from memory, and check it is judged and complete as before.
 */
describe('pulls of revisions the gateway holds in memory', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startServerOn(false);
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	async function move(id: string, to: { building: string; assignee: string }, step: string) {
		const coord = device(server, 'coord');
		await coord.pull();
		const current = (await coord.local.get(id)) as unknown as Ticket;
		await coord.local.put(appendEntries(current, [{ id: `${current.number}-${step}`, at: new Date().toISOString(), by: 'coord', kind: 'set', changes: to }]));
		expect((await coord.push()).doc_write_failures).toBe(0);
	}

	it('gives a second device a moved ticket with its whole history, and takes it back when the ticket moves again', async () => {
		const ticket = await fileAs(server, 'ann', { title: 'Smart board pen does not write' });
		await move(ticket._id, { building: 'south', assignee: 'tech-s' }, 'south');
		const first = device(server, 'tech-s');
		const second = device(server, 'tech-s');
		await first.pull();
		await second.pull();
		for (const d of [first, second]) {
			const held = await d.local.get(ticket._id, { revs: true });
			// Every ancestor listed: a device given a revision without its history would hold a conflict after the next edit.
			expect(held._revisions?.ids.length).toBe(Number(held._rev.split('-')[0]));
			expect(held).toMatchObject({ building: 'south' });
		}

		await move(ticket._id, { building: 'north', assignee: 'tech-n' }, 'north');
		await second.pull();
		expect(await second.ids()).not.toContain(ticket._id);
		const north = device(server, 'tech-n');
		await north.pull();
		expect(await north.local.get(ticket._id)).toMatchObject({ building: 'north' });
		await first.pull();
		expect(await first.ids()).not.toContain(ticket._id);
	});

	it('sends a revision held in memory only to those who may read it: someone outside its scope gets no body', async () => {
		const ticket = await fileAs(server, 'tech-s', { title: 'Gym scoreboard dark', building: 'south', requester: 'cat', requesterName: 'Cat', source: 'phone' });
		const south = device(server, 'tech-s');
		await south.pull();
		const { _rev: rev } = await south.local.get(ticket._id);
		const ask = (as: string, id: string) =>
			api(server, '/db/helpdesk/_bulk_get?revs=true&latest=true', { as, method: 'POST', body: JSON.stringify({ docs: [{ id, rev }] }) });
		// Naming a current revision (a random hash) counts as having held it: the answer is a removal, never the ticket.
		const outside = (await ask('ann', ticket._id)).body as unknown as BulkGetBody;
		expect(outside.results[0]!.docs).toEqual([{ ok: { _id: ticket._id, _rev: expect.stringMatching(/^\d+-00000000/), _deleted: true, _revisions: expect.anything() } }]);
		expect(JSON.stringify(outside)).not.toContain('Gym scoreboard');
		const inside = (await ask('tech-s', ticket._id)).body as unknown as BulkGetBody;
		const sent = (inside.results[0]!.docs[0] as { ok: Record<string, unknown> & { _revisions: { start: number; ids: string[] } } }).ok;
		expect(sent).toMatchObject({ _id: ticket._id, _rev: rev, title: 'Gym scoreboard dark' });
		expect(`${sent._revisions.start}-${sent._revisions.ids[0]}`).toBe(rev);
		expect(sent._revisions.ids.length).toBe(sent._revisions.start);
	});
	it('serves the winner, never an old branch a moved-off technician pushed with new_edits:false, to every device after it', async () => {
		const ticket = await fileAs(server, 'ann', { title: 'Library printer jams on every page' });
		const movedOff = device(server, 'tech-n');
		await movedOff.pull();
		const old = (await movedOff.local.get(ticket._id)) as unknown as Ticket;
		await move(ticket._id, { building: 'south', assignee: 'tech-s' }, 'south');
		// Offline on the old revision: a branch that sets the building back and assigns the ticket to themself.
		await movedOff.local.put(appendEntries(old, [{ id: `${old.number}-back`, at: new Date().toISOString(), by: 'tech-n', kind: 'set', changes: { building: 'north', assignee: 'tech-n' } }]));
		await movedOff.push();
		for (const as of ['tech-s', 'tech-s', 'ann', 'coord']) {
			const d = device(server, as);
			await d.pull();
			expect(await d.local.get(ticket._id)).toMatchObject({ building: 'south', assignee: 'tech-s' });
		}
		const fresh = device(server, 'tech-n');
		await fresh.pull();
		expect(await fresh.ids()).not.toContain(ticket._id);
	});
});

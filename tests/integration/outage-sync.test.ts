import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutageDoc } from '../../core/outage/outage';
import { device, provision, saveUser } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('outages between devices', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
		await saveUser(server, { username: 'coord2', role: 'coordinator', buildings: [], name: 'Cody Coordinator' });
	});
	afterAll(async () => server?.dispose());

	it('keeps both progress notes and both ticket links on both devices, with no conflict left', async () => {
		const first = device(server, 'coord');
		const second = device(server, 'coord2');
		const declared = {
			_id: 'outage:north-network',
			type: 'outage',
			services: ['the network'],
			buildings: ['north'],
			description: 'The fiber link to North is down.',
			declaredAt: ago(30),
			declaredBy: 'coord',
			progress: [],
			restoredAt: null,
			restoredBy: null,
			tickets: []
		};
		await first.local.put(declared);
		await first.push();
		await second.pull();
		const onFirst = (await first.local.get(declared._id)) as unknown as OutageDoc;
		const onSecond = (await second.local.get(declared._id)) as unknown as OutageDoc;
		const noteA = { at: ago(20), by: 'coord', text: 'The provider is on site.' };
		const noteB = { at: ago(25), by: 'coord2', text: 'Room 12’s switch is dark too.' };
		await first.local.put({ ...onFirst, progress: [noteA], tickets: ['KMN-222'] });
		await second.local.put({ ...onSecond, progress: [noteB], tickets: ['KMN-333'] });

		const pushedA = await first.push();
		const pushedB = await second.push();
		expect(pushedA.doc_write_failures).toBe(0);
		expect(pushedB.doc_write_failures).toBe(0);
		await first.pull();
		await second.pull();

		const onServer = (await first.remote.get(declared._id, { conflicts: true })) as unknown as OutageDoc & { _conflicts?: string[] };
		expect(onServer._conflicts ?? []).toEqual([]);
		expect(onServer.progress).toEqual([noteB, noteA]);
		expect(onServer.tickets).toEqual(['KMN-222', 'KMN-333']);
		// Each device shows the server's merge (its own offline branch stays behind as a losing revision nobody reads).
		for (const d of [first, second]) expect(await d.local.get(declared._id)).toMatchObject({ _rev: onServer._rev, progress: [noteB, noteA] });
	});

	it('lets a person take back a "me too" and add it again, and still refuses an old edit of the deleted one', async () => {
		const ann = device(server, 'ann');
		const other = device(server, 'ann');
		const id = 'outage-affected:north-network:ann';
		const mine = { _id: id, type: 'outage-affected', outage: 'outage:north-network', username: 'ann', at: ago(1) };
		const added = await ann.local.put(mine);
		expect((await ann.push()).doc_write_failures).toBe(0);
		await other.pull();
		await ann.local.remove(id, added.rev);
		expect((await ann.push()).doc_write_failures).toBe(0);
		await ann.local.put({ ...mine, at: ago(0) });
		expect((await ann.push()).doc_write_failures).toBe(0);
		expect(await ann.remote.get(id)).toMatchObject({ username: 'ann', outage: 'outage:north-network' });

		// Another device still holding the first version edits it offline: that never brings back a deleted document.
		await ann.local.remove(id, (await ann.local.get(id))._rev);
		expect((await ann.push()).doc_write_failures).toBe(0);
		await other.local.put({ ...mine, _rev: added.rev, at: ago(0) });
		const stale = await other.push();
		expect(stale.doc_write_failures).toBe(1);
		expect(JSON.stringify(stale.errors)).toContain('it stays deleted');
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeFeed, openFeed } from './local-feed';
import { PulledRevisions, pushFilter } from './pulled-revisions';

describe('the push skipping revisions the pull just wrote', () => {
	let dir: string;
	let server: PouchDB.Database;
	let tabA: PouchDB.Database;
	let tabB: PouchDB.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'pulled-revisions-'));
		server = new PouchDB(join(dir, 'server'));
		// Two tabs of the app: two handles on the same device database.
		tabA = new PouchDB(join(dir, 'device'));
		tabB = new PouchDB(join(dir, 'device'));
	});
	afterEach(async () => {
		closeFeed(tabA);
		await Promise.all([server.close(), tabA.close(), tabB.close().catch(() => undefined)]);
		rmSync(dir, { recursive: true, force: true });
	});

	/** A pull as the sync manager runs it: each batch written is remembered by that tab. */
	const pull = async (db: PouchDB.Database, pulled: PulledRevisions) => {
		const adds: Promise<void>[] = [];
		await db.replicate.from(server).on('change', (info) => void adds.push(pulled.add(db, info.docs)));
		await Promise.all(adds);
	};

	it('still sends an edit made in another tab that lost a conflict to the pulled revision', async () => {
		await server.put({ _id: 'ticket:ABC-DEF', title: 'Projector', n: 0 });
		await pull(tabA, new PulledRevisions());
		const base = await tabB.get<{ title: string; n: number }>('ticket:ABC-DEF');
		// Tab B, offline: the technician adds a note. Tab B counts it as waiting; tab A's list (read at its start) does not.
		const local = await tabB.put({ ...base, title: 'Projector', note: 'Lamp replaced' });
		const pendingB = new Set(['ticket:ABC-DEF']);
		// Meanwhile a coordinator edits the ticket on the server; its revision wins the conflict on the device.
		// (written with a revision id that sorts last, so it is the winner whatever the local one is)
		const [, baseHash] = base._rev.split('-');
		const serverRev = `2-${'f'.repeat(32)}`;
		await server.bulkDocs([{ ...base, _rev: serverRev, _revisions: { start: 2, ids: ['f'.repeat(32), baseHash] }, n: 1 }], {
			new_edits: false
		});

		// Back online, tab A pulls then pushes; tab B's push (in its back-off) starts after, from the same checkpoint.
		const pulledA = new PulledRevisions();
		await pull(tabA, pulledA);
		const winner = await tabA.get('ticket:ABC-DEF');
		await tabA.replicate.to(server, { filter: pushFilter(pulledA, () => false) });
		await tabB.replicate.to(server, { filter: pushFilter(new PulledRevisions(), (id) => pendingB.has(id)) });

		const missing = await server.revsDiff({ 'ticket:ABC-DEF': [local.rev] });
		expect(winner._rev).toBe(serverRev);
		expect(missing).toEqual({});
	});

	it('still skips a pulled revision with no local one beside it', async () => {
		await server.bulkDocs([{ _id: 'ticket:ABC-DEF', title: 'Projector' }, { _id: 'ticket:GHJ-KMN', title: 'Printer' }]);
		const pulled = new PulledRevisions();
		await pull(tabA, pulled);
		expect(pulled.size).toBe(2);
		const sent: string[] = [];
		const filter = pushFilter(pulled, () => false);
		await tabA.replicate.to(server, { filter: (doc: { _id: string }) => filter(doc) && !!sent.push(doc._id) });
		expect(sent).toEqual([]);
	});

	/** A first pull as the sync manager runs it into a database whose local feed opened empty (quiet), then its end. */
	const firstPull = async (db: PouchDB.Database, pulled: PulledRevisions, meanwhile?: () => Promise<unknown>) => {
		await openFeed(db);
		await meanwhile?.();
		const wrote: Promise<void>[] = [];
		await db.replicate.from(server).on('change', (info) => void wrote.push(pulled.wrote(db, info.docs)));
		await Promise.all(wrote);
		const before = pulled.size;
		await pulled.settle(db);
		return before;
	};

	it('remembers a first pull into an empty database at its end, without reading each batch back', async () => {
		await server.bulkDocs([{ _id: 'ticket:ABC-DEF', title: 'Projector' }, { _id: 'ticket:GHJ-KMN', title: 'Printer' }]);
		const pulled = new PulledRevisions();
		expect(await firstPull(tabA, pulled)).toBe(0);
		expect(pulled.size).toBe(2);
		const sent: string[] = [];
		const filter = pushFilter(pulled, () => false);
		await tabA.replicate.to(server, { filter: (doc: { _id: string }) => filter(doc) && !!sent.push(doc._id) });
		expect(sent).toEqual([]);
	});

	it('still sends a ticket another tab wrote during a first pull, which lost a conflict to the pulled revision', async () => {
		const serverRev = `1-${'f'.repeat(32)}`;
		await server.bulkDocs([{ _id: 'ticket:ABC-DEF', _rev: serverRev, _revisions: { start: 1, ids: ['f'.repeat(32)] }, title: 'Projector' }], {
			new_edits: false
		});
		// Tab B, offline, files the same ticket number during tab A's first pull, which writes the server's revision beside it.
		let local = { rev: '' };
		const pulledA = new PulledRevisions();
		await firstPull(tabA, pulledA, async () => (local = await tabB.put({ _id: 'ticket:ABC-DEF', title: 'Projector', note: 'Lamp replaced' })));
		const winner = await tabA.get('ticket:ABC-DEF', { conflicts: true });
		await tabA.replicate.to(server, { filter: pushFilter(pulledA, () => false) });

		expect(winner._rev).toBe(serverRev);
		expect(winner._conflicts).toEqual([local.rev]);
		expect(await server.revsDiff({ 'ticket:ABC-DEF': [local.rev] })).toEqual({});
	});
});

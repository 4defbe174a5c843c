import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FirstScreenKeeper, firstScreenIds, namedIds, readFirstScreen, saveFirstScreen } from './first-screen';

describe('the first screen remembered on a device', () => {
	let dir: string;
	let db: PouchDB.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'first-screen-'));
		db = new PouchDB(join(dir, 'device'));
	});
	afterEach(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('keeps the first rows of each list, each ticket once, in order', () => {
		const list = (...ids: string[]) => ids.map((_id) => ({ _id }));
		expect(firstScreenIds([list('ticket:a', 'ticket:b', 'ticket:c'), list('ticket:b', 'ticket:d', 'ticket:e')], 2)).toEqual(['ticket:a', 'ticket:b', 'ticket:d']);
		expect(firstScreenIds([])).toEqual([]);
	});

	it('names the building and the people a row shows', () => {
		const ids = namedIds([
			{ _id: 'ticket:a', building: 'north', assignee: 'tech-n', escalatedTo: null, requester: 'ann' },
			{ _id: 'ticket:b', building: 'north', assignee: null, escalatedTo: 'spec', requester: 'ann' }
		]);
		expect(ids.sort()).toEqual(['building:north', 'user:ann', 'user:spec', 'user:tech-n']);
	});

	it('reads the remembered tickets as stored now: a newer revision, never a deleted or missing one', async () => {
		const first = await db.put({ _id: 'ticket:a', building: 'north', assignee: 'tech-n', n: 1 });
		await db.put({ _id: 'ticket:a', _rev: first.rev, building: 'north', assignee: 'tech-n', n: 2 });
		const gone = await db.put({ _id: 'ticket:gone', building: 'north', n: 1 });
		await db.put({ _id: 'building:north', name: 'North' });
		await db.put({ _id: 'user:tech-n', name: 'Nina' });
		await saveFirstScreen(db, ['ticket:gone', 'ticket:a', 'ticket:never']);
		// The sync takes a ticket off the device after the first screen was remembered.
		await db.remove('ticket:gone', gone.rev);

		const docs = await readFirstScreen(db);
		expect(docs.map((d) => [d._id, d.n ?? d.name])).toEqual([
			['ticket:a', 2],
			['building:north', 'North'],
			['user:tech-n', 'Nina']
		]);
	});

	it('reads nothing when nothing is remembered, and rewrites the record only when the ids change', async () => {
		expect(await readFirstScreen(db)).toEqual([]);
		await saveFirstScreen(db, ['ticket:a']);
		const saved = await db.get('_local/hd-first-screen');
		await saveFirstScreen(db, ['ticket:a']);
		expect((await db.get('_local/hd-first-screen'))._rev).toBe(saved._rev);
		await saveFirstScreen(db, ['ticket:b']);
		expect(await db.get('_local/hd-first-screen')).toMatchObject({ ids: ['ticket:b'] });
	});

	it('replaces a damaged record instead of failing every later save', async () => {
		await db.put({ _id: '_local/hd-first-screen', ids: 'ticket:a' });
		await saveFirstScreen(db, ['ticket:b']);
		expect(await db.get('_local/hd-first-screen')).toMatchObject({ ids: ['ticket:b'] });
	});

	/** The remembered ids once they are `ids` (saves are asynchronous). */
	const saved = (ids: string[]) =>
		new Promise<void>((done) => {
			const check = () =>
				void db
					.get<{ ids: string[] }>('_local/hd-first-screen')
					.then((d) => d.ids.join() === ids.join(), () => false)
					.then((same) => (same ? done() : setImmediate(check)));
			check();
		});

	it('saves the first screen at once, then the latest ids at most once a second, and nothing after cancel', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const keeper = new FirstScreenKeeper(db);
			keeper.keep(['ticket:a']);
			await saved(['ticket:a']);
			keeper.keep(['ticket:b']);
			keeper.keep(['ticket:c']);
			const { _rev } = await db.get('_local/hd-first-screen');
			vi.advanceTimersByTime(1000);
			await saved(['ticket:c']);
			// One save for b and c together: the record moved on once.
			expect(Number((await db.get('_local/hd-first-screen'))._rev.split('-')[1])).toBe(Number(_rev.split('-')[1]) + 1);
			keeper.keep(['ticket:d']);
			keeper.keep(['ticket:e']);
			keeper.cancel();
			vi.advanceTimersByTime(1000);
			await saved(['ticket:d']);
		} finally {
			vi.useRealTimers();
		}
	});

	it('saves nothing late when the ids went back to the saved ones within the second', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		try {
			const keeper = new FirstScreenKeeper(db);
			keeper.keep(['ticket:a']);
			await saved(['ticket:a']);
			const { _rev } = await db.get('_local/hd-first-screen');
			// The screen showed b for a moment, then a again: a is what it shows.
			keeper.keep(['ticket:b']);
			keeper.keep(['ticket:a']);
			vi.advanceTimersByTime(1000);
			keeper.keep(['ticket:c']);
			await saved(['ticket:c']);
			// Only c was saved after a: b, no longer shown, never was.
			expect(Number((await db.get('_local/hd-first-screen'))._rev.split('-')[1])).toBe(Number(_rev.split('-')[1]) + 1);
		} finally {
			vi.useRealTimers();
		}
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	COPY_BUDGET,
	FirstScreenKeeper,
	firstScreenIds,
	forgetFirstScreen,
	guardFirstScreen,
	hasFirstScreen,
	namedIds,
	readFirstScreen,
	readRememberedFirstScreen,
	rememberFirstScreenIds,
	saveFirstScreen
} from './first-screen';

/** The browser's localStorage as node has none: a map behind the three calls the copy uses, counting the writes. */
class Store {
	items = new Map<string, string>();
	writes = 0;
	/** Every value ever set. */
	values: string[] = [];
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.writes++;
		this.values.push(value);
		this.items.set(key, value);
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}

type Row = { _id: string } & Record<string, unknown>;

describe('the first screen copied on a device', () => {
	let dir: string;
	let db: PouchDB.Database;
	let store: Store;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'first-screen-'));
		// Named as on a device (PouchDB's prefix puts its files in the test's folder).
		db = new PouchDB('helpdesk-tech-n', { prefix: `${dir}/` });
		store = new Store();
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

	it('reads back the rows copied from the same database only, and nothing from a damaged or missing copy', () => {
		const rows = [{ _id: 'ticket:a', n: 1 }, { _id: 'building:north', name: 'North' }];
		expect(readFirstScreen('helpdesk-tech-n', store)).toEqual([]);
		expect(hasFirstScreen('helpdesk-tech-n', store)).toBe(false);
		saveFirstScreen('helpdesk-tech-n', rows, store);
		expect(readFirstScreen('helpdesk-tech-n', store)).toEqual(rows);
		expect(hasFirstScreen('helpdesk-tech-n', store)).toBe(true);
		// Another person's database on a shared device, or a name that only begins the same.
		expect(readFirstScreen('helpdesk-ann', store)).toEqual([]);
		expect(hasFirstScreen('helpdesk-ann', store)).toBe(false);
		expect(hasFirstScreen('helpdesk-tech', store)).toBe(false);
		for (const damaged of ['{', 'null', '{"db":"helpdesk-tech-n","rows":"x"}', '{"db":"helpdesk-tech-n","rows":[1,null,{"n":1},{"_id":"ticket:b"}]}']) {
			store.items.set('hd:first-screen', damaged);
			expect(readFirstScreen('helpdesk-tech-n', store)).toEqual(damaged.includes('ticket:b') ? [{ _id: 'ticket:b' }] : []);
		}
		forgetFirstScreen(store);
		expect(readFirstScreen('helpdesk-tech-n', store)).toEqual([]);
	});

	it('ignores a full store: the copy is only a cache', () => {
		const full = { getItem: () => null, removeItem: () => undefined, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
		expect(() => saveFirstScreen('helpdesk-tech-n', [{ _id: 'ticket:a' }], full)).not.toThrow();
	});

	it('drops the copy before any write reaches the database, so a copy is never older than the database', async () => {
		const gone = await db.put({ _id: 'ticket:gone', n: 1 });
		// What reaches the database, in order with the drops.
		const order: string[] = [];
		const write = db.bulkDocs.bind(db) as (...args: unknown[]) => unknown;
		db.bulkDocs = ((...args: unknown[]) => (order.push('write'), write(...args))) as typeof db.bulkDocs;
		const remove = store.removeItem.bind(store);
		store.removeItem = (key) => (order.push('drop'), remove(key));
		guardFirstScreen(db, store);

		// As the pull writes (new_edits: false), then as the person saves (put, remove).
		saveFirstScreen(db.name, [{ _id: 'ticket:gone', n: 1 }], store);
		await db.bulkDocs([{ _id: 'ticket:b', _rev: '1-b', n: 1 }], { new_edits: false });
		expect(readFirstScreen(db.name, store)).toEqual([]);
		saveFirstScreen(db.name, [{ _id: 'ticket:gone', n: 1 }], store);
		await db.remove('ticket:gone', gone.rev);
		expect(readFirstScreen(db.name, store)).toEqual([]);
		saveFirstScreen(db.name, [{ _id: 'ticket:b', n: 1 }], store);
		await db.put({ _id: 'ticket:c' });
		expect(readFirstScreen(db.name, store)).toEqual([]);
		expect(order).toEqual(['drop', 'write', 'drop', 'write', 'drop', 'write']);
		// A _local document (checkpoints, the app's own caches) is never replicated and does not drop it.
		saveFirstScreen(db.name, [{ _id: 'ticket:b', n: 1 }], store);
		await db.put({ _id: '_local/cache', x: 1 });
		expect(readFirstScreen(db.name, store)).toHaveLength(1);
	});

	it('without a copy, reads the ids remembered in the database as stored now: a newer revision, never a deleted or missing one', async () => {
		expect(await readRememberedFirstScreen(db)).toEqual([]);
		const first = await db.put({ _id: 'ticket:a', building: 'north', assignee: 'tech-n', n: 1 });
		await db.put({ _id: 'ticket:a', _rev: first.rev, building: 'north', assignee: 'tech-n', n: 2 });
		const gone = await db.put({ _id: 'ticket:gone', building: 'north', n: 1 });
		await db.put({ _id: 'building:north', name: 'North' });
		await db.put({ _id: 'user:tech-n', name: 'Nina' });
		await rememberFirstScreenIds(db, ['ticket:gone', 'ticket:a', 'ticket:never']);
		// The sync takes a ticket off the device after the ids were remembered.
		await db.remove('ticket:gone', gone.rev);
		const docs = await readRememberedFirstScreen(db);
		expect(docs.map((d) => [d._id, d.n ?? d.name])).toEqual([
			['ticket:a', 2],
			['building:north', 'North'],
			['user:tech-n', 'Nina']
		]);
		// Rewritten only when the ids change; a damaged record is replaced.
		const saved = await db.get('_local/hd-first-screen');
		await rememberFirstScreenIds(db, ['ticket:gone', 'ticket:a', 'ticket:never']);
		expect((await db.get('_local/hd-first-screen'))._rev).toBe(saved._rev);
		await db.put({ _id: '_local/hd-first-screen', _rev: saved._rev, ids: 'ticket:a' });
		expect(await readRememberedFirstScreen(db)).toEqual([]);
		await rememberFirstScreenIds(db, ['ticket:a']);
		expect(await db.get('_local/hd-first-screen')).toMatchObject({ ids: ['ticket:a'] });
	});

	describe('the keeper', () => {
		const copied = () => readFirstScreen(db.name, store).map((r) => r._id);
		const ticket = (id: string, more: object = {}) => ({ _id: `ticket:${id}`, building: 'north', assignee: 'tech-n', ...more });

		beforeEach(async () => {
			guardFirstScreen(db, store);
			await db.bulkDocs([ticket('a'), ticket('b', { assignee: null }), { _id: 'building:north', name: 'North' }, { _id: 'user:tech-n', name: 'Nina' }]);
			store.items.set('hd:profile', JSON.stringify({ username: 'tech-n' }));
			store.writes = 0;
		});

		it('copies the tickets as the database holds them, and what their rows name, at once, then at most once a second, and nothing after cancel', async () => {
			vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
			try {
				const keeper = new FirstScreenKeeper(db, store);
				keeper.keep(['ticket:a', 'ticket:missing']);
				await keeper.settled();
				expect(copied()).toEqual(['ticket:a', 'building:north', 'user:tech-n']);
				keeper.keep(['ticket:b']);
				keeper.keep(['ticket:b', 'ticket:a']);
				await keeper.settled();
				expect(store.writes).toBe(1);
				vi.advanceTimersByTime(1000);
				await keeper.settled();
				expect(copied()).toEqual(['ticket:b', 'ticket:a', 'building:north', 'user:tech-n']);
				expect(store.writes).toBe(2);
				keeper.keep(['ticket:a']);
				await keeper.settled();
				expect(store.writes).toBe(3);
				keeper.keep(['ticket:b']);
				keeper.cancel();
				vi.advanceTimersByTime(1000);
				await keeper.settled();
				expect(store.writes).toBe(3);
				expect(copied()).toEqual(['ticket:a', 'building:north', 'user:tech-n']);
			} finally {
				vi.useRealTimers();
			}
		});

		it('never copies what a write under way or one that overtook the read may have changed, and copies again after it', async () => {
			const keeper = new FirstScreenKeeper(db, store);
			const a = await db.get('ticket:a');
			// A write under way: the save waits it out.
			const removing = db.remove(a);
			keeper.keep(['ticket:a', 'ticket:b']);
			await keeper.settled();
			expect(store.writes).toBe(0);
			// The ids are remembered in the database all the same, for a cold start that finds no copy.
			expect(await db.get('_local/hd-first-screen')).toMatchObject({ ids: ['ticket:a', 'ticket:b'] });
			await removing;
			// A write that begins while the documents are read: what was read is not copied.
			keeper.refresh();
			await db.put(ticket('c'));
			await keeper.settled();
			await vi.waitFor(() => expect(copied()).toEqual(['ticket:b', 'building:north']));
			// No copy ever made held ticket:a: each came after its removal.
			expect(store.values.length).toBeGreaterThan(0);
			expect(store.values.filter((value) => value.includes('ticket:a'))).toEqual([]);
			keeper.cancel();
		});

		it('copies nothing for a person no longer signed in on the device, and removes the copy when no ticket is left', async () => {
			vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
			try {
				const keeper = new FirstScreenKeeper(db, store);
				const nextSecond = async () => {
					vi.advanceTimersByTime(1000);
					await keeper.settled();
				};
				store.items.set('hd:profile', JSON.stringify({ username: 'ann' }));
				keeper.keep(['ticket:a']);
				await keeper.settled();
				expect(store.writes).toBe(0);
				await nextSecond();
				store.items.delete('hd:profile');
				keeper.refresh();
				await keeper.settled();
				expect(store.writes).toBe(0);
				await nextSecond();

				store.items.set('hd:profile', JSON.stringify({ username: 'tech-n' }));
				keeper.keep(['ticket:a']);
				await keeper.settled();
				expect(copied()).toEqual(['ticket:a', 'building:north', 'user:tech-n']);
				await nextSecond();
				keeper.keep(['ticket:gone']);
				await keeper.settled();
				expect(store.items.has('hd:first-screen')).toBe(false);
				keeper.cancel();
			} finally {
				vi.useRealTimers();
			}
		});

		it('keeps the copy within its budget: tickets past it are left out, in order', async () => {
			const long = 'x'.repeat(COPY_BUDGET / 3);
			await db.bulkDocs([ticket('l1', { description: long }), ticket('l2', { description: long }), ticket('l3', { description: long }), ticket('l4')]);
			const keeper = new FirstScreenKeeper(db, store);
			keeper.keep(['ticket:l1', 'ticket:l2', 'ticket:l3', 'ticket:l4']);
			await keeper.settled();
			expect(copied()).toEqual(['ticket:l1', 'ticket:l2', 'building:north', 'user:tech-n']);
			keeper.cancel();
		});
	});
});

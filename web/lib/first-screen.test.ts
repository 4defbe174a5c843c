import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	FirstScreenKeeper,
	firstScreenIds,
	forgetFirstScreen,
	guardFirstScreen,
	hasFirstScreen,
	namedIds,
	readFirstScreen,
	saveFirstScreen
} from './first-screen';

/** The browser's localStorage as node has none: a map behind the three calls the copy uses, counting the writes. */
class Store {
	items = new Map<string, string>();
	writes = 0;
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.writes++;
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
		db = new PouchDB(join(dir, 'helpdesk-tech-n'));
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

	describe('the keeper', () => {
		let docs: Map<string, Row>;
		const rowsOf = (ids: readonly string[]) => ids.flatMap((id) => (docs.has(id) ? [docs.get(id)!] : []));
		const copied = () => readFirstScreen('helpdesk-tech-n', store).map((r) => r._id);

		beforeEach(() => {
			docs = new Map<string, Row>([
				['ticket:a', { _id: 'ticket:a', building: 'north', assignee: 'tech-n' }],
				['ticket:b', { _id: 'ticket:b', building: 'north', assignee: null }],
				['building:north', { _id: 'building:north', name: 'North' }],
				['user:tech-n', { _id: 'user:tech-n', name: 'Nina' }]
			]);
			vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		});
		afterEach(() => {
			vi.useRealTimers();
		});

		it('copies the tickets and what their rows name at once, then the latest at most once a second, and nothing after cancel', () => {
			const keeper = new FirstScreenKeeper('helpdesk-tech-n', rowsOf, store);
			keeper.keep(['ticket:a', 'ticket:missing']);
			expect(copied()).toEqual(['ticket:a', 'building:north', 'user:tech-n']);
			keeper.keep(['ticket:b']);
			keeper.keep(['ticket:b', 'ticket:a']);
			expect(store.writes).toBe(1);
			vi.advanceTimersByTime(1000);
			expect(copied()).toEqual(['ticket:b', 'ticket:a', 'building:north', 'user:tech-n']);
			expect(store.writes).toBe(2);
			// The second is over: a change is saved at once again, and the one after it waits for the next second.
			keeper.keep(['ticket:a']);
			expect(store.writes).toBe(3);
			keeper.keep(['ticket:b']);
			keeper.cancel();
			vi.advanceTimersByTime(1000);
			expect(store.writes).toBe(3);
			expect(copied()).toEqual(['ticket:a', 'building:north', 'user:tech-n']);
		});

		it('copies again when a document changed or the copy was dropped, and not when nothing did', () => {
			const keeper = new FirstScreenKeeper('helpdesk-tech-n', rowsOf, store);
			keeper.keep(['ticket:a']);
			vi.advanceTimersByTime(1000);
			keeper.refresh();
			vi.advanceTimersByTime(1000);
			expect(store.writes).toBe(1);
			// The building was renamed: the same ids, new contents.
			docs.set('building:north', { _id: 'building:north', name: 'North Elementary' });
			keeper.refresh();
			expect(readFirstScreen('helpdesk-tech-n', store)).toContainEqual({ _id: 'building:north', name: 'North Elementary' });
			vi.advanceTimersByTime(1000);
			// A write dropped the copy; the rows it shows did not change.
			forgetFirstScreen(store);
			keeper.refresh();
			expect(copied()).toEqual(['ticket:a', 'building:north', 'user:tech-n']);
			expect(store.writes).toBe(3);
		});

		it('saves nothing for a page that shows no list yet', () => {
			const keeper = new FirstScreenKeeper('helpdesk-tech-n', rowsOf, store);
			keeper.refresh();
			expect(store.writes).toBe(0);
		});
	});
});

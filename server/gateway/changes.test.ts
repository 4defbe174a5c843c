import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db, type Store } from '../store';
import { readChangesQuery, scopedChanges } from './changes';
import { SharedFeed } from './feed';
import type { Viewer } from './scope';

describe('scopedChanges reading the store history', () => {
	let dir: string;
	let store: Store;
	let feed: SharedFeed;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'changes-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		// Documents no one may read: a scan for them reads the whole history, batch after batch.
		await store.main.bulkDocs(Array.from({ length: 1200 }, (_, i) => ({ _id: `junk:${i}`, n: i })));
		feed = new SharedFeed(store.main, { retryDelay: () => 0, log: () => undefined });
		await feed.start();
	});
	afterEach(async () => {
		feed.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('stops reading once the client has left, instead of scanning the rest of the history for nobody', async () => {
		const client = new AbortController();
		let reads = 0;
		const db = new Proxy(store.main, {
			get(target, name) {
				const value = Reflect.get(target, name, target);
				if (typeof value !== 'function') return value;
				if (name !== 'changes') return value.bind(target);
				return (...args: unknown[]) => {
					reads++;
					client.abort();
					return (value as (...a: unknown[]) => unknown).apply(target, args);
				};
			}
		}) as Db;
		const viewer = {
			actor: { username: 'ann', role: 'requester', kind: 'staff', buildings: ['north'] },
			formerBuildings: [],
			now: new Date(),
			closedWindowDays: 30
		} as unknown as Viewer;
		const query = { since: 0, limit: 1000, includeDocs: false, docIds: null, selector: null };
		await expect(scopedChanges(db, feed, viewer, query, undefined, client.signal)).rejects.toThrow('left');
		expect(reads).toBe(1);
	});
});

describe('readChangesQuery', () => {
	it('keeps a heartbeat between 1 s and 60 s (a huge one would make Node fire its timer every millisecond), and none when not asked', () => {
		const heartbeat = (value?: string) => readChangesQuery(value === undefined ? {} : { heartbeat: value }, {}).heartbeat;
		expect(heartbeat('10000')).toBe(10_000);
		expect(heartbeat('5')).toBe(1000);
		expect(heartbeat('99999999999')).toBe(60_000);
		expect(heartbeat('Infinity')).toBe(60_000);
		expect(heartbeat('0')).toBe(0);
		expect(heartbeat()).toBe(0);
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { CurrentRevisions } from './current-revisions';
import { SharedFeed } from './feed';

describe('CurrentRevisions: documents a pull reads from memory, kept current by the shared feed', () => {
	let dir: string;
	let store: Store;
	let feed: SharedFeed;
	let held: CurrentRevisions;
	/** Resolves once the feed has reported this revision of this document (to every listener before this one). */
	let reported: (id: string, rev: string) => Promise<void>;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'current-revisions-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		feed = new SharedFeed(store.main, { retryDelay: () => 0, log: () => undefined });
		await feed.start();
		held = new CurrentRevisions(feed, 3);
		const seen = new Set<string>();
		const waiters = new Set<() => void>();
		feed.onChange((row) => {
			seen.add(`${row.id} ${row.changes[0]!.rev}`);
			for (const wake of waiters) wake();
		});
		reported = (id, rev) =>
			new Promise((resolve) => {
				const check = () => seen.has(`${id} ${rev}`) && (resolve(), true);
				if (!check()) waiters.add(check);
			});
	});
	afterEach(async () => {
		feed.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const write = async (doc: Record<string, unknown>) => {
		const { rev } = await store.main.put(doc);
		await reported(doc._id as string, rev);
		return rev;
	};

	it('holds a first revision the feed reports, with the history the store gives it', async () => {
		const rev = await write({ _id: 'ticket:A', title: 'Printer jams' });
		const stored = await store.main.get('ticket:A', { revs: true });
		expect(held.get('ticket:A', rev)).toEqual(stored);
		expect(held.get('ticket:A', rev)?._revisions).toEqual({ start: 1, ids: [rev.slice(2)] });
	});

	it('drops a document when the feed reports its next revision, and holds that one once read from the store', async () => {
		const first = await write({ _id: 'ticket:A', title: 'Printer jams' });
		const second = await write({ _id: 'ticket:A', _rev: first, title: 'Printer jams on page two' });
		expect(held.get('ticket:A', first)).toBeNull();
		expect(held.get('ticket:A', second)).toBeNull();
		const mark = held.mark();
		const read = await store.main.get('ticket:A', { revs: true });
		held.offer(mark, [read]);
		expect(held.get('ticket:A', second)).toEqual({ _id: 'ticket:A', _rev: second, title: 'Printer jams on page two', _revisions: { start: 2, ids: [second.slice(2), first.slice(2)] } });
	});

	it('keeps no store read of a document changed after the read began', async () => {
		const first = await write({ _id: 'ticket:A', title: 'Printer jams' });
		const mark = held.mark();
		const read = await store.main.get('ticket:A', { revs: true });
		await write({ _id: 'ticket:A', _rev: first, title: 'Printer fixed' });
		held.offer(mark, [read]);
		expect(held.get('ticket:A', first)).toBeNull();
	});

	it('drops a deleted document and keeps no tombstone', async () => {
		const rev = await write({ _id: 'ticket:A', title: 'Printer jams' });
		const gone = await store.main.remove('ticket:A', rev);
		await reported('ticket:A', gone.rev);
		expect(held.get('ticket:A', rev)).toBeNull();
		expect(held.get('ticket:A', gone.rev)).toBeNull();
		expect(held.size).toBe(0);
	});

	it('serves nothing once the feed stops following the store', async () => {
		const rev = await write({ _id: 'ticket:A', title: 'Printer jams' });
		feed.stop();
		expect(held.get('ticket:A', rev)).toBeNull();
	});

	it('holds at most its capacity, dropping the documents used least recently', async () => {
		const a = await write({ _id: 'ticket:A', title: 'a' });
		await write({ _id: 'ticket:B', title: 'b' });
		await write({ _id: 'ticket:C', title: 'c' });
		expect(held.get('ticket:A', a)).not.toBeNull();
		const d = await write({ _id: 'ticket:D', title: 'd' });
		// One over a capacity of 3: that one and a tenth of the capacity (rounded up) go, the least recently used first.
		expect(held.size).toBe(2);
		expect(held.get('ticket:A', a)).not.toBeNull();
		expect(held.get('ticket:D', d)).not.toBeNull();
		expect(held.get('ticket:B', (await store.main.get('ticket:B'))._rev)).toBeNull();
		expect(held.get('ticket:C', (await store.main.get('ticket:C'))._rev)).toBeNull();
	});

	it('writes a document it handed out as JSON once, and no other object', async () => {
		const rev = await write({ _id: 'ticket:A', title: 'Printer jams' });
		const doc = held.get('ticket:A', rev)!;
		const json = held.json(doc);
		expect(json).toBe(`{"title":"Printer jams","_id":"ticket:A","_rev":"${rev}","_revisions":{"start":1,"ids":["${rev.slice(2)}"]}}`);
		expect(held.json(doc)).toBe(json);
		expect(held.json({ ...doc })).toBeNull();
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { SharedFeed, type ChangeRow } from './feed';

/** The store's own answer for a document's winning revision, deleted or not: what every feed row must carry. */
async function winnerInStore(store: Store, id: string): Promise<Record<string, unknown>> {
	const [row] = (await store.main.allDocs({ keys: [id] })).rows as { value?: { rev: string } }[];
	return store.main.get(id, { rev: row!.value!.rev });
}

describe('SharedFeed: each row carries the store\'s winning revision of its document', () => {
	let dir: string;
	let store: Store;
	let feed: SharedFeed;
	let rows: ChangeRow[];
	/** Resolves with the feed's row for the store's latest change, once the feed has reported it. */
	let latestRow: () => Promise<ChangeRow>;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'feed-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		feed = new SharedFeed(store.main, { retryDelay: () => 0, log: () => undefined });
		await feed.start();
		rows = [];
		const waiters = new Set<() => void>();
		feed.onChange((row) => {
			rows.push(row);
			for (const wake of waiters) wake();
		});
		latestRow = async () => {
			const seq = String((await store.main.info()).update_seq);
			return new Promise((resolve) => {
				const check = () => {
					const row = rows.find((r) => String(r.seq) === seq);
					if (row) resolve(row);
					return !!row;
				};
				if (!check()) waiters.add(check);
			});
		};
	});
	afterEach(async () => {
		feed.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('a plain write: the row holds the written document', async () => {
		const [written] = await store.main.bulkDocs([{ _id: 'ticket:A', title: 'Printer jams' }]);
		const row = await latestRow();
		expect(row.doc).toEqual({ _id: 'ticket:A', _rev: (written as { rev: string }).rev, title: 'Printer jams' });
		expect(row.doc).toEqual(await store.main.get('ticket:A'));
	});

	it('a replicated revision that loses a conflict: the row holds the winner, not what was written', async () => {
		await store.main.bulkDocs([{ _id: 'ticket:A', _rev: '1-ffff', title: 'Winner' }], { new_edits: false });
		await store.main.bulkDocs([{ _id: 'ticket:A', _rev: '1-0000', title: 'Loser' }], { new_edits: false });
		const row = await latestRow();
		// Same generation: the higher revision id wins.
		expect(row.doc).toEqual({ _id: 'ticket:A', _rev: '1-ffff', title: 'Winner' });
		expect(row.doc).toEqual(await store.main.get('ticket:A'));
	});

	it('a deletion: the row is marked deleted and holds the tombstone as stored', async () => {
		const { rev } = await store.main.put({ _id: 'ticket:A', title: 'Printer jams' });
		const gone = await store.main.bulkDocs([{ _id: 'ticket:A', _rev: rev, _deleted: true, deletion: { buildings: ['B1'] } }]);
		const row = await latestRow();
		expect(row.deleted).toBe(true);
		expect(row.doc).toEqual({ _id: 'ticket:A', _rev: (gone[0] as { rev: string }).rev, _deleted: true, deletion: { buildings: ['B1'] } });
		expect(row.doc).toEqual(await winnerInStore(store, 'ticket:A'));
	});

	it('a deleted branch longer than the live one: the first listed change is not the winner, the row\'s document is', async () => {
		await store.main.bulkDocs([{ _id: 'ticket:A', _rev: '2-bbbb', title: 'Live', _revisions: { start: 2, ids: ['bbbb', 'aaaa'] } }], { new_edits: false });
		await store.main.bulkDocs([{ _id: 'ticket:A', _rev: '3-cccc', _deleted: true, _revisions: { start: 3, ids: ['cccc', 'dddd', 'aaaa'] } }], { new_edits: false });
		const row = await latestRow();
		// A live leaf beats a deleted one whatever their generations; the feed lists the leaves longest first.
		expect(row.changes.map((c) => c.rev)).toEqual(['3-cccc', '2-bbbb']);
		expect(row.deleted).toBeUndefined();
		expect(row.doc).toEqual({ _id: 'ticket:A', _rev: '2-bbbb', title: 'Live' });
		expect(row.doc).toEqual(await store.main.get('ticket:A'));
	});

	it('a document with a file: the row holds the attachment as a stub, as a read does', async () => {
		await store.main.put({ _id: 'ticket:A', title: 'Photo', _attachments: { 'a.txt': { content_type: 'text/plain', data: Buffer.from('hello').toString('base64') } } });
		const row = await latestRow();
		expect((row.doc?._attachments as Record<string, { stub?: boolean; length?: number }>)['a.txt']).toMatchObject({ stub: true, length: 5 });
		expect(row.doc).toEqual(await store.main.get('ticket:A'));
	});

	it('a batch written at once: each row holds its own document, in the store\'s order', async () => {
		await store.main.bulkDocs([
			{ _id: 'ticket:A', title: 'a' },
			{ _id: 'ticket:B', title: 'b' }
		]);
		await latestRow();
		expect(rows.map((r) => [r.id, r.doc?.title])).toEqual([
			['ticket:A', 'a'],
			['ticket:B', 'b']
		]);
		expect(feed.after(0)?.map((r) => r.doc)).toEqual([await store.main.get('ticket:A'), await store.main.get('ticket:B')]);
	});
});

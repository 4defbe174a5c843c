import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recentWritesLeveldown } from './recent-writes-leveldown';

type Db = PouchDB.Database<Record<string, unknown>>;

// Counts the reads that reach LevelDB itself (the library's own method, under the backend), by sublevel.
const LevelDOWN = createRequire(import.meta.url)('leveldown/leveldown.js') as { prototype: { _get: (...args: unknown[]) => void } };
const reads: string[] = [];
const original = LevelDOWN.prototype._get;
LevelDOWN.prototype._get = function (this: unknown, ...args: unknown[]) {
	reads.push(String(args[0]).split('\xff')[1] ?? '');
	return original.apply(this, args);
};
const storeReads = (sublevel: string) => reads.filter((s) => s === sublevel).length;

describe('a LevelDB store that remembers what it just wrote', () => {
	let dir: string;
	let n = 0;
	const open: Db[] = [];
	const db = (backend: 'remembering' | 'plain', name = `db${++n}`): Db => {
		const opened = new PouchDB<Record<string, unknown>>(join(dir, name), backend === 'remembering' ? ({ db: recentWritesLeveldown } as PouchDB.Configuration.DatabaseConfiguration) : {});
		open.push(opened);
		return opened;
	};
	const tickets = (count: number) => Array.from({ length: count }, (_, i) => ({ _id: `ticket:${String(i).padStart(3, '0')}`, title: `Printer ${i}` }));

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'recent-writes-'));
	});
	afterEach(async () => {
		await Promise.all(open.splice(0).map((d) => d.close().catch(() => undefined)));
		reads.length = 0;
	});
	afterAll(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	/** The live changes feed's rows for the next `count` changes after writing `docs`. */
	async function feedAfterWrite(store: Db, docs: Record<string, unknown>[]) {
		const rows: { id: string; seq: number | string; changes: { rev: string }[]; doc?: Record<string, unknown> }[] = [];
		const { update_seq } = await store.info();
		let feed!: PouchDB.Core.Changes<Record<string, unknown>>;
		const done = new Promise<void>((resolve) => {
			feed = store.changes({ since: update_seq, live: true, include_docs: true, style: 'all_docs' });
			feed.on('change', (row) => {
				rows.push(row as (typeof rows)[number]);
				if (rows.length === docs.length) resolve();
			});
		});
		reads.length = 0;
		await store.bulkDocs(docs);
		await done;
		feed.cancel();
		return rows;
	}

	it('gives the changes feed what a plain store gives, without reading back the metadata of a document it just wrote', async () => {
		// The write looks up each document first (100 it does not hold), and the feed reads each one's metadata back.
		const plain = await feedAfterWrite(db('plain'), tickets(100));
		expect(storeReads('document-store')).toBe(200);
		const remembering = await feedAfterWrite(db('remembering'), tickets(100));
		expect(storeReads('document-store')).toBe(100);
		expect(remembering.map(({ id, seq, changes, doc }) => ({ id, seq, changes, title: doc?.title }))).toEqual(
			plain.map(({ id, seq, changes, doc }) => ({ id, seq, changes, title: doc?.title }))
		);
		expect(remembering[99]).toMatchObject({ id: 'ticket:099', seq: 100, doc: { title: 'Printer 99' } });
	});

	it('answers every read with the last revision stored: an edit, a conflict, a deletion', async () => {
		const store = db('remembering');
		const [first] = await store.bulkDocs([{ _id: 'ticket:A', title: 'one' }]);
		const second = await store.put({ _id: 'ticket:A', _rev: first!.rev!, title: 'two' });
		expect(await store.get('ticket:A')).toMatchObject({ _rev: second.rev, title: 'two' });
		// A replicated branch beside it: the store keeps both, and names the conflict.
		await store.bulkDocs([{ _id: 'ticket:A', _rev: '2-zzzz', title: 'branch', _revisions: { start: 2, ids: ['zzzz', first!.rev!.slice(2)] } }], { new_edits: false });
		const withConflicts = await store.get('ticket:A', { conflicts: true });
		expect(withConflicts._rev).toBe('2-zzzz');
		expect(withConflicts._conflicts).toEqual([second.rev]);
		await store.remove('ticket:A', '2-zzzz');
		await store.remove('ticket:A', second.rev);
		await expect(store.get('ticket:A')).rejects.toMatchObject({ status: 404 });
	});

	it('keeps what concurrent writes of one document leave in LevelDB, as the store reopened without memory reads it', async () => {
		const store = db('remembering', 'concurrent');
		const [created] = await store.bulkDocs([{ _id: 'ticket:B', title: 'zero' }]);
		const parent = created!.rev!.slice(2);
		const branch = (hash: string, title: string) => ({ _id: 'ticket:B', _rev: `2-${hash}`, title, _revisions: { start: 2, ids: [hash, parent] } });
		await Promise.all(['aaaa', 'bbbb', 'cccc', 'dddd'].map((hash) => store.bulkDocs([branch(hash, hash)], { new_edits: false })));
		const remembered = await store.get('ticket:B', { conflicts: true });
		await store.close();
		const reopened = db('plain', 'concurrent');
		const stored = await reopened.get('ticket:B', { conflicts: true });
		expect(stored).toMatchObject({ _rev: '2-dddd', title: 'dddd' });
		expect(remembered).toEqual(stored);
	});

	it('reads a sync checkpoint (a _local document) back as last written, without a read of LevelDB', async () => {
		const store = db('remembering');
		await store.put({ _id: '_local/checkpoint', last_seq: 1 });
		const first = await store.get('_local/checkpoint');
		reads.length = 0;
		await store.put({ ...first, last_seq: 2 });
		expect(await store.get('_local/checkpoint')).toMatchObject({ last_seq: 2 });
		expect(storeReads('local-store')).toBe(0);
		await store.remove(await store.get('_local/checkpoint'));
		await expect(store.get('_local/checkpoint')).rejects.toMatchObject({ status: 404 });
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db, type Store } from '../store';
import { BatchedPuts } from './batched-puts';

/** The real store, with the number of documents in each bulkDocs call recorded. */
function counted(db: Db) {
	const writes: number[] = [];
	const proxy = new Proxy(db, {
		get(target, name) {
			const value = Reflect.get(target, name, target);
			if (typeof value !== 'function') return value;
			if (name !== 'bulkDocs') return value.bind(target);
			return (docs: unknown[]) => {
				writes.push(docs.length);
				return (value as (d: unknown[]) => unknown).call(target, docs);
			};
		}
	});
	return { db: proxy, writes };
}

describe('puts of different documents batched into one store write', () => {
	let dir: string;
	let store: Store;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'batched-puts-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('writes 200 checkpoints sent in the same turn as one store write, and each is stored once its put resolves', async () => {
		const { db, writes } = counted(store.private);
		const puts = new BatchedPuts(db);
		const revs = await Promise.all(Array.from({ length: 200 }, (_, i) => puts.put({ _id: `_local/cp${i}`, body: { last_seq: i } })));
		expect(writes).toEqual([200]);
		expect(new Set(revs)).toEqual(new Set(['0-1']));
		await store.close();
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		expect(await store.private.get('_local/cp0')).toMatchObject({ body: { last_seq: 0 } });
		expect(await store.private.get('_local/cp199')).toMatchObject({ body: { last_seq: 199 } });
	});

	it('rejects only the put whose revision is out of date, with the store conflict, and stores the others of its batch', async () => {
		const puts = new BatchedPuts(store.private);
		await puts.put({ _id: '_local/x', body: 1 });
		const [stale, fresh] = await Promise.allSettled([puts.put({ _id: '_local/x', _rev: '0-9', body: 2 }), puts.put({ _id: '_local/y', body: 3 })]);
		expect(stale).toMatchObject({ status: 'rejected', reason: { status: 409 } });
		expect(fresh).toEqual({ status: 'fulfilled', value: '0-1' });
		expect(await store.private.get('_local/x')).toMatchObject({ body: 1 });
		expect(await store.private.get('_local/y')).toMatchObject({ body: 3 });
	});

	it('fails only the put whose document the store cannot write when the whole batch is refused, and stores the rest', async () => {
		const { db, writes } = counted(store.private);
		const puts = new BatchedPuts(db);
		// Parses fine, but serialising it runs out of stack: the store refuses the whole batch it is in.
		const deep = JSON.parse(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
		const results = await Promise.allSettled([puts.put({ _id: '_local/a', body: 1 }), puts.put({ _id: '_local/deep', body: deep }), puts.put({ _id: '_local/b', body: 2 })]);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(writes).toEqual([3, 1, 1, 1]);
		expect(await store.private.get('_local/a')).toMatchObject({ body: 1 });
		expect(await store.private.get('_local/b')).toMatchObject({ body: 2 });
		await expect(store.private.get('_local/deep')).rejects.toMatchObject({ status: 404 });
	});

	it('sends the puts that arrive while a write is under way together in the next write, and at most the batch size in one', async () => {
		const { db, writes } = counted(store.private);
		const puts = new BatchedPuts(db, 150);
		const first = Array.from({ length: 10 }, (_, i) => puts.put({ _id: `_local/a${i}`, body: i }));
		// Sent after the first write began (it starts on the next turn) and before it ended.
		await new Promise<void>((next) => setImmediate(next));
		const second = Array.from({ length: 200 }, (_, i) => puts.put({ _id: `_local/b${i}`, body: i }));
		await Promise.all([...first, ...second]);
		expect(writes).toEqual([10, 150, 50]);
	});
});

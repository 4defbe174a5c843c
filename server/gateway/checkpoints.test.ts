import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db, type Store } from '../store';
import { Checkpoints } from './checkpoints';

/** The real store, with its reads and its documents written (by put or bulkDocs) counted. */
function counted(db: Db) {
	const calls = { get: 0, put: 0 };
	const proxy = new Proxy(db, {
		get(target, name) {
			const value = Reflect.get(target, name, target);
			if (name !== 'get' && name !== 'put' && name !== 'bulkDocs') return typeof value === 'function' ? value.bind(target) : value;
			return (...args: unknown[]) => {
				if (name === 'bulkDocs') calls.put += (args[0] as unknown[]).length;
				else calls[name]++;
				return (value as (...a: unknown[]) => unknown).apply(target, args);
			};
		}
	});
	return { db: proxy, calls };
}

describe('sync checkpoints kept in memory and written through to the private store', () => {
	let dir: string;
	let store: Store;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('answers a checkpoint it wrote without reading the store, and rewrites it without reading first', async () => {
		const { db, calls } = counted(store.private);
		const checkpoints = new Checkpoints(db);
		expect(await checkpoints.get('_local/a')).toBeNull();
		expect(calls).toEqual({ get: 1, put: 0 });
		await checkpoints.put('_local/a', { last_seq: 1 });
		await checkpoints.put('_local/a', { last_seq: 2 });
		expect(await checkpoints.get('_local/a')).toEqual({ last_seq: 2 });
		// One read for the first write's missing revision; none after.
		expect(calls).toEqual({ get: 2, put: 2 });
	});

	it('has stored a checkpoint once its write resolves: the store reopened (a restart) gives it back', async () => {
		await new Checkpoints(store.private).put('_local/b', { last_seq: 7, session_id: 's1' });
		await store.close();
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		expect(await new Checkpoints(store.private).get('_local/b')).toEqual({ last_seq: 7, session_id: 's1' });
	});

	it('writes over a checkpoint another instance wrote meanwhile, and the store keeps the last write', async () => {
		const one = new Checkpoints(store.private);
		const two = new Checkpoints(store.private);
		await one.put('_local/c', { last_seq: 1 });
		await two.put('_local/c', { last_seq: 2 });
		// `one` still holds the first revision: its write conflicts, and it writes over the newer one.
		await one.put('_local/c', { last_seq: 3 });
		expect(await new Checkpoints(store.private).get('_local/c')).toEqual({ last_seq: 3 });
	});

	it('keeps the last of several writes of one checkpoint sent at once, in memory and in the store', async () => {
		const checkpoints = new Checkpoints(store.private);
		await Promise.all([1, 2, 3, 4, 5].map((seq) => checkpoints.put('_local/d', { last_seq: seq })));
		expect(await checkpoints.get('_local/d')).toEqual({ last_seq: 5 });
		expect(await new Checkpoints(store.private).get('_local/d')).toEqual({ last_seq: 5 });
	});

	it('removes a checkpoint from memory and from the store', async () => {
		const checkpoints = new Checkpoints(store.private);
		await checkpoints.put('_local/e', { last_seq: 1 });
		await checkpoints.remove('_local/e');
		expect(await checkpoints.get('_local/e')).toBeNull();
		expect(await new Checkpoints(store.private).get('_local/e')).toBeNull();
	});

	it('stores a large checkpoint without keeping it in memory, and reads it back from the store', async () => {
		const { db, calls } = counted(store.private);
		const checkpoints = new Checkpoints(db);
		const large = { last_seq: 1, history: 'x'.repeat(5000) };
		await checkpoints.put('_local/f', large);
		expect(await checkpoints.get('_local/f')).toEqual(large);
		// The write read the missing revision once; the read went to the store.
		expect(calls).toEqual({ get: 2, put: 1 });
	});

	it('keeps at most its capacity in memory, dropping the least recently used first', async () => {
		const { db, calls } = counted(store.private);
		const checkpoints = new Checkpoints(db, 2);
		await checkpoints.put('_local/g1', { n: 1 });
		await checkpoints.put('_local/g2', { n: 2 });
		await checkpoints.get('_local/g1');
		await checkpoints.put('_local/g3', { n: 3 });
		const before = calls.get;
		// g2 was used least recently and was dropped; g1 and g3 are still in memory.
		expect(await checkpoints.get('_local/g1')).toEqual({ n: 1 });
		expect(await checkpoints.get('_local/g3')).toEqual({ n: 3 });
		expect(calls.get).toBe(before);
		expect(await checkpoints.get('_local/g2')).toEqual({ n: 2 });
		expect(calls.get).toBe(before + 1);
	});

	it('does not keep a read that a write or removal finished during: a removed or rewritten checkpoint is not served again', async () => {
		await new Checkpoints(store.private).put('_local/race', { last_seq: 1 });
		// A fresh instance (a restart): nothing in memory, so the first read goes to the store and is held there.
		let release!: () => void;
		const held = new Promise<void>((go) => (release = go));
		let holdNext = true;
		const slow = new Proxy(store.private, {
			get(target, name) {
				const value = Reflect.get(target, name, target);
				if (typeof value !== 'function') return value;
				if (name !== 'get') return value.bind(target);
				return (...args: unknown[]) => {
					const answer = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
					if (!holdNext) return answer;
					holdNext = false;
					return answer.then(async (doc) => (await held, doc));
				};
			}
		});
		const checkpoints = new Checkpoints(slow);
		const reading = checkpoints.get('_local/race');
		await checkpoints.remove('_local/race');
		release();
		await reading;
		expect(await checkpoints.get('_local/race')).toBeNull();

		// The same with a rewrite too large to keep in memory.
		const big = { last_seq: 2, history: 'x'.repeat(5000) };
		await new Checkpoints(store.private).put('_local/race2', { last_seq: 1 });
		const again = new Checkpoints(
			new Proxy(store.private, {
				get(target, name) {
					const value = Reflect.get(target, name, target);
					if (typeof value !== 'function') return value;
					if (name !== 'get') return value.bind(target);
					return (...args: unknown[]) => {
						const answer = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
						if (args[0] !== '_local/race2' || !holdNext) return answer;
						holdNext = false;
						return answer.then(async (doc) => (await held2, doc));
					};
				}
			})
		);
		let release2!: () => void;
		const held2 = new Promise<void>((go) => (release2 = go));
		holdNext = true;
		const reading2 = again.get('_local/race2');
		await again.put('_local/race2', big);
		release2();
		await reading2;
		expect(await again.get('_local/race2')).toEqual(big);
	});
});

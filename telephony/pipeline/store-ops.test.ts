import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../server/store';
import { updateDoc } from './store-ops';

const Counter = z.object({ _id: z.string(), _rev: z.string().optional(), count: z.number(), note: z.string().optional() });
type Counter = z.infer<typeof Counter>;

describe('updateDoc with the copy last written', () => {
	let dir: string;
	let db: Db;
	let reads: number;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'store-ops-unit-'));
		db = new PouchDB(join(dir, 'main')) as Db;
		reads = 0;
		const get = db.get.bind(db);
		db.get = ((...args: Parameters<Db['get']>) => {
			reads++;
			return get(...args);
		}) as Db['get'];
	});
	afterEach(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const bump = (c: Counter): Counter => ({ ...c, count: c.count + 1 });

	it('writes from a current copy without reading the document', async () => {
		const { rev } = await db.put({ _id: 'c', count: 1 });
		const written = await updateDoc(db, 'c', Counter, bump, { _id: 'c', _rev: rev, count: 1 });
		expect(reads).toBe(0);
		expect(written?.count).toBe(2);
		expect(((await db.get('c')) as unknown as Counter).count).toBe(2);
	});

	it('reads the stored document when the copy is stale, and changes that one', async () => {
		const { rev } = await db.put({ _id: 'c', count: 1 });
		await db.put({ _id: 'c', _rev: rev, count: 5 });
		reads = 0;
		const written = await updateDoc(db, 'c', Counter, bump, { _id: 'c', _rev: rev, count: 1 });
		expect(reads).toBe(1);
		expect(written?.count).toBe(6);
		expect(((await db.get('c')) as unknown as Counter).count).toBe(6);
	});

	it('asks the stored document when the copy says there is nothing to do', async () => {
		const { rev } = await db.put({ _id: 'c', count: 1, note: 'done' });
		await db.put({ _id: 'c', _rev: rev, count: 1 });
		reads = 0;
		const noteOnce = (c: Counter): Counter | null => (c.note ? null : { ...c, note: 'done' });
		const written = await updateDoc(db, 'c', Counter, noteOnce, { _id: 'c', _rev: rev, count: 1, note: 'done' });
		expect(reads).toBe(1);
		expect(written?.note).toBe('done');
		expect(((await db.get('c')) as unknown as Counter).note).toBe('done');
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/store';
import { groupedPuts } from './grouped-puts';

describe('groupedPuts', () => {
	let dir: string;
	let db: Db;
	let bulkWrites: number;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'grouped-puts-unit-'));
		db = new PouchDB(join(dir, 'main')) as Db;
		// Open first: PouchDB replays a call made before the store is open, which would count twice.
		await db.info();
		bulkWrites = 0;
		const bulkDocs = db.bulkDocs.bind(db);
		db.bulkDocs = ((...args: Parameters<Db['bulkDocs']>) => {
			bulkWrites++;
			return bulkDocs(...args);
		}) as Db['bulkDocs'];
	});
	afterEach(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('writes 50 puts asked for at once in a few groups, each answered with its own revision', async () => {
		const grouped = groupedPuts(db);
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => grouped.put({ _id: `ticket:${i}`, n: i })));
		expect(results.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => `ticket:${i}`));
		expect(results.every((r) => r.rev.startsWith('1-'))).toBe(true);
		// The first goes alone; the 49 asked for while it was written go together.
		expect(bulkWrites).toBe(2);
		expect((await db.get<{ n: number }>('ticket:49')).n).toBe(49);
	});

	it('answers a put that meets another with the store’s 409, as a put alone would', async () => {
		const grouped = groupedPuts(db);
		const [first, second] = await Promise.allSettled([grouped.put({ _id: 'claim:1', ticket: 'A' }), grouped.put({ _id: 'claim:1', ticket: 'B' })]);
		expect(first.status).toBe('fulfilled');
		expect(second.status === 'rejected' && (second.reason as { status?: number }).status).toBe(409);
		const stale = await grouped.put({ _id: 'call:1', step: 1 });
		await grouped.put({ _id: 'call:1', _rev: stale.rev, step: 2 });
		await expect(grouped.put({ _id: 'call:1', _rev: stale.rev, step: 3 })).rejects.toMatchObject({ status: 409 });
		expect((await db.get<{ step: number }>('call:1')).step).toBe(2);
	});

	it('leaves every other method of the store as it is', async () => {
		const grouped = groupedPuts(db);
		await grouped.put({ _id: 'a', v: 1 });
		expect((await grouped.get<{ v: number }>('a')).v).toBe(1);
		expect((await grouped.allDocs()).total_rows).toBe(1);
	});
});

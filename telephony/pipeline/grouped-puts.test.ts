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

	it('writes 50 urgent puts asked for at once in two groups, each answered with its own revision', async () => {
		const grouped = groupedPuts(db).urgent;
		const results = await Promise.all(Array.from({ length: 50 }, (_, i) => grouped.put({ _id: `ticket:${i}`, n: i })));
		expect(results.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => `ticket:${i}`));
		expect(results.every((r) => r.rev.startsWith('1-'))).toBe(true);
		// The first goes alone; the 49 asked for while it was written go together.
		expect(bulkWrites).toBe(2);
		expect((await db.get<{ n: number }>('ticket:49')).n).toBe(49);
	});

	it('answers a put that meets another with the store’s 409, as a put alone would', async () => {
		const grouped = groupedPuts(db).background;
		const [first, second] = await Promise.allSettled([grouped.put({ _id: 'claim:1', ticket: 'A' }), grouped.put({ _id: 'claim:1', ticket: 'B' })]);
		expect(first.status).toBe('fulfilled');
		expect(second.status === 'rejected' && (second.reason as { status?: number }).status).toBe(409);
		const stale = await grouped.put({ _id: 'call:1', step: 1 });
		await grouped.put({ _id: 'call:1', _rev: stale.rev, step: 2 });
		await expect(grouped.put({ _id: 'call:1', _rev: stale.rev, step: 3 })).rejects.toMatchObject({ status: 409 });
		expect((await db.get<{ step: number }>('call:1')).step).toBe(2);
	});

	it('leaves every other method of the store as it is', async () => {
		const grouped = groupedPuts(db).background;
		await grouped.put({ _id: 'a', v: 1 });
		expect((await grouped.get<{ v: number }>('a')).v).toBe(1);
		expect((await grouped.allDocs()).total_rows).toBe(1);
	});

	it('writes background puts in groups of at most 16, so an urgent write is never long behind one', async () => {
		const { background } = groupedPuts(db);
		await Promise.all(Array.from({ length: 33 }, (_, i) => background.put({ _id: `call:${i}`, n: i })));
		// The first alone, then the 32 asked for meanwhile in two groups of 16.
		expect(bulkWrites).toBe(3);
	});

	it('holds background writes until the line is quiet, and sends an urgent write asked for meanwhile at once', async () => {
		let quietNow!: () => void;
		const quiet = new Promise<void>((done) => (quietNow = done));
		// A clock that stands still: the hold ends only when the line is quiet.
		const { urgent, background } = groupedPuts(db, { quiet: () => quiet, now: () => 0 });
		const held = Promise.all([background.put({ _id: 'call:1', step: 'menu' }), background.bulkDocs([{ _id: 'phone-job:audio:RE1' }, { _id: 'phone-job:transcript-wait:RE1' }])]);
		const ticket = await urgent.put({ _id: 'ticket:3AU-1', type: 'ticket' });
		expect(ticket.rev.startsWith('1-')).toBe(true);
		// Written: the ticket alone; the call log and the jobs still wait.
		expect(bulkWrites).toBe(1);
		expect((await db.allDocs({ keys: ['call:1', 'phone-job:audio:RE1'] })).rows.map((r) => 'error' in r && r.error)).toEqual(['not_found', 'not_found']);
		quietNow();
		const [call, jobs] = await held;
		expect(call.id).toBe('call:1');
		expect(jobs.map((r) => 'ok' in r && r.ok)).toEqual([true, true]);
		// The held writes went together.
		expect(bulkWrites).toBe(2);
	});

	it('holds a background write at most 1 s from when it was asked for, while urgent writes keep arriving', async () => {
		// A clock of the test's own: quiet's bounded waits end when the test moves the time past them; the line never is quiet.
		let time = 0;
		const timers: { at: number; done: () => void }[] = [];
		const asked: number[] = [];
		let onAsk = () => {};
		const nextHold = () => new Promise<void>((done) => (onAsk = done));
		const quiet = (maxWaitMs: number) => {
			asked.push(maxWaitMs);
			onAsk();
			return new Promise<void>((done) => timers.push({ at: time + maxWaitMs, done }));
		};
		const moveTo = (at: number) => {
			time = at;
			for (const timer of timers.filter((t) => t.at <= time)) timer.done();
		};
		const { urgent, background } = groupedPuts(db, { quiet, now: () => time, holdMs: 1000 });
		let written = false;
		const held = background.put({ _id: 'call:1' }).then((result) => {
			written = true;
			return result;
		});
		// A filing's ticket every 200 ms: each ends the hold, is written, and the next hold waits only what is left.
		for (const at of [200, 400, 600, 800]) {
			moveTo(at);
			const holding = nextHold();
			await urgent.put({ _id: `ticket:${at}` });
			await holding;
			expect(written).toBe(false);
		}
		expect(asked).toEqual([1000, 800, 600, 400, 200]);
		moveTo(1000);
		expect((await held).id).toBe('call:1');
		// The four tickets alone, then the call.
		expect(bulkWrites).toBe(5);
	});

	it('answers a bulkDocs with each document’s result, a conflict among them, as the store does', async () => {
		const { background } = groupedPuts(db);
		await background.put({ _id: 'phone-job:audio:RE2' });
		const results = await background.bulkDocs([{ _id: 'phone-job:audio:RE2' }, { _id: 'phone-job:transcript-wait:RE2' }]);
		expect(results.map((r) => ('ok' in r && r.ok ? 'ok' : (r as { status?: number }).status))).toEqual([409, 'ok']);
	});
});

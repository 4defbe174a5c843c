import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChangedDoc, closeFeed, follow, openFeed } from './local-feed';

describe('the shared changes feed of a local database', () => {
	let dir: string;
	let db: PouchDB.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'local-feed-'));
		db = new PouchDB(join(dir, 'device'));
	});
	afterEach(async () => {
		closeFeed(db);
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Resolves once `seen` holds the document `id` (the feed is asynchronous). */
	const until = (seen: ChangedDoc[], id: string) =>
		new Promise<void>((done) => {
			const check = () => (seen.some((d) => d._id === id) ? done() : setImmediate(check));
			check();
		});

	it('gives every follower each change made after it opened, and none made before', async () => {
		await db.put({ _id: 'ticket:before', n: 0 });
		await openFeed(db);
		const a: ChangedDoc[] = [];
		const b: ChangedDoc[] = [];
		follow(db, (doc) => a.push(doc)).start();
		follow(db, (doc) => b.push(doc)).start();
		await db.put({ _id: 'ticket:after', n: 1 });
		await until(a, 'ticket:after');
		await until(b, 'ticket:after');
		expect(a.map((d) => [d._id, d.n])).toEqual([['ticket:after', 1]]);
		expect(b.map((d) => [d._id, d.n])).toEqual([['ticket:after', 1]]);
	});

	it('holds the changes made while a follower reads, and hands them over, in order, once it starts', async () => {
		await openFeed(db);
		const seen: ChangedDoc[] = [];
		const follower = follow(db, (doc) => seen.push(doc));
		const { rev } = await db.put({ _id: 'ticket:one', n: 1 });
		await db.put({ _id: 'ticket:one', _rev: rev, n: 2 });
		// The feed has reported both (another follower, started at once, saw them) and the first still holds them.
		const other: ChangedDoc[] = [];
		follow(db, (doc) => other.push(doc)).start();
		await db.put({ _id: 'ticket:marker' });
		await until(other, 'ticket:marker');
		expect(seen).toEqual([]);
		follower.start();
		// The feed may report the first revision too, or only the latest: the latest comes last, before the marker.
		expect(seen.map((d) => d._id).slice(-2)).toEqual(['ticket:one', 'ticket:marker']);
		expect(seen.at(-2)?.n).toBe(2);
	});

	it('stops handing over changes once a follower stops, and after the feed is closed', async () => {
		await openFeed(db);
		const stopped: ChangedDoc[] = [];
		const follower = follow(db, (doc) => stopped.push(doc));
		follower.start();
		follower.stop();
		const live: ChangedDoc[] = [];
		follow(db, (doc) => live.push(doc)).start();
		await db.put({ _id: 'ticket:one' });
		await until(live, 'ticket:one');
		expect(stopped).toEqual([]);
		closeFeed(db);
		const after: ChangedDoc[] = [];
		follow(db, (doc) => after.push(doc)).start();
		await db.put({ _id: 'ticket:two' });
		await db.get('ticket:two');
		expect(after).toEqual([]);
		expect(live.map((d) => d._id)).toEqual(['ticket:one']);
	});

	it('keeps handing changes to every follower when one of them throws', async () => {
		await openFeed(db);
		const failing: ChangedDoc[] = [];
		const other: ChangedDoc[] = [];
		follow(db, (doc) => {
			failing.push(doc);
			throw new Error('a manager failed on this document');
		}).start();
		follow(db, (doc) => other.push(doc)).start();
		const errors: unknown[] = [];
		const onError = (error: unknown) => errors.push(error);
		process.on('uncaughtException', onError);
		process.on('unhandledRejection', onError);
		try {
			await db.put({ _id: 'ticket:one' });
			await until(failing, 'ticket:one');
			await db.put({ _id: 'ticket:two' });
			await Promise.race([until(other, 'ticket:two'), new Promise((wait) => setTimeout(wait, 1500))]);
		} finally {
			process.off('uncaughtException', onError);
			process.off('unhandledRejection', onError);
		}
		expect(other.map((d) => d._id)).toEqual(['ticket:one', 'ticket:two']);
		expect(failing.map((d) => d._id)).toEqual(['ticket:one', 'ticket:two']);
	});
});

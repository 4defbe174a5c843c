import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChangedDoc, closeFeed, endQuiet, follow, handOver, openFeed } from './local-feed';

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

	/** Opens the feed of a database that already holds a document, as on a device that synced before (not quiet). */
	const openHeld = async () => {
		await db.put({ _id: 'ticket:held' });
		await openFeed(db);
	};

	it('holds the changes made while a follower reads, and hands them over, in order, once it starts', async () => {
		await openHeld();
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
		await openHeld();
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
		await openHeld();
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

describe('the quiet start of the feed of a database filled from empty (a first sync)', () => {
	let dir: string;
	let db: PouchDB.Database;
	let otherTab: PouchDB.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'local-feed-quiet-'));
		db = new PouchDB(join(dir, 'device'));
		// Another tab of the app: a second handle on the same device database.
		otherTab = new PouchDB(join(dir, 'device'));
	});
	afterEach(async () => {
		closeFeed(db);
		await Promise.all([db.close(), otherTab.close().catch(() => undefined)]);
		rmSync(dir, { recursive: true, force: true });
	});

	/** Writes documents as the pull does (new_edits: false), and returns them as written, with their history. */
	const pulled = async (docs: { _id: string; _rev: string; [field: string]: unknown }[]) => {
		const written = docs.map((doc) => {
			const [generation, hash] = doc._rev.split('-');
			return { ...doc, _revisions: { start: Number(generation), ids: [hash] } };
		});
		await db.bulkDocs(written, { new_edits: false });
		return written;
	};
	const until = (seen: ChangedDoc[], id: string) =>
		new Promise<void>((done) => {
			const check = () => (seen.some((d) => d._id === id) ? done() : setImmediate(check));
			check();
		});
	const revA = `1-${'a'.repeat(32)}`;
	const revB = `1-${'b'.repeat(32)}`;

	it('hands over what this tab wrote at once, from memory, and as stored once it ends, then follows the database', async () => {
		await openFeed(db);
		const seen: ChangedDoc[] = [];
		follow(db, (doc) => seen.push(doc)).start();
		const docs = await pulled([
			{ _id: 'ticket:one', _rev: revA, title: 'Projector' },
			{ _id: 'ticket:two', _rev: revB, title: 'Printer' }
		]);
		expect(handOver(db, docs)).toBe(true);
		// Handed over before handOver returned: the feed did not read them from the database.
		expect(seen).toEqual([
			{ _id: 'ticket:one', _rev: revA, title: 'Projector' },
			{ _id: 'ticket:two', _rev: revB, title: 'Printer' }
		]);
		const alone = await endQuiet(db);
		expect(alone && Object.fromEntries(alone)).toEqual({ 'ticket:one': revA, 'ticket:two': revB });
		expect(handOver(db, docs)).toBe(false);
		await db.put({ _id: 'ticket:three', title: 'Screen' });
		await until(seen, 'ticket:three');
		// Nothing was handed over twice: the feed followed on from the database's end, not from its start.
		expect(seen.map((d) => d._id)).toEqual(['ticket:one', 'ticket:two', 'ticket:three']);
	});

	it('replays every change since the database opened when another tab wrote to it meanwhile', async () => {
		await openFeed(db);
		const seen: ChangedDoc[] = [];
		follow(db, (doc) => seen.push(doc)).start();
		handOver(db, await pulled([{ _id: 'ticket:one', _rev: revA, title: 'Projector' }]));
		await otherTab.put({ _id: 'ticket:other-tab', title: 'Written in another tab' });
		expect(await endQuiet(db)).toBeNull();
		await until(seen, 'ticket:other-tab');
		expect(seen.map((d) => d._id)).toEqual(['ticket:one', 'ticket:one', 'ticket:other-tab']);
	});

	it('reads at the end, and hands over as stored, a document with files and one written twice', async () => {
		await openFeed(db);
		const seen: ChangedDoc[] = [];
		follow(db, (doc) => seen.push(doc)).start();
		const photo = { content_type: 'text/plain', data: Buffer.from('lamp').toString('base64') };
		const [withFile] = await pulled([{ _id: 'ticket:photo', _rev: revA, _attachments: { 'lamp.txt': photo } }]);
		handOver(db, [withFile]);
		// The same ticket twice, in conflict: revision b wins (same generation, the greater id), whatever came last.
		handOver(db, await pulled([{ _id: 'ticket:two', _rev: revB, title: 'Winner' }]));
		handOver(db, await pulled([{ _id: 'ticket:two', _rev: revA, title: 'Loser' }]));
		expect(seen.map((d) => [d._id, d.title])).toEqual([
			['ticket:two', 'Winner'],
			['ticket:two', 'Loser']
		]);
		const alone = await endQuiet(db);
		expect(alone && Object.fromEntries(alone)).toEqual({ 'ticket:photo': revA });
		const photoSeen = seen.find((d) => d._id === 'ticket:photo');
		expect(photoSeen?._attachments).toEqual({
			'lamp.txt': { content_type: 'text/plain', digest: expect.any(String), length: 4, revpos: 1, stub: true }
		});
		expect(seen.filter((d) => d._id === 'ticket:two').at(-1)).toMatchObject({ _rev: revB, title: 'Winner' });
	});

	it('is not quiet on a database that held documents when it opened', async () => {
		await otherTab.put({ _id: 'ticket:held' });
		await openFeed(db);
		const seen: ChangedDoc[] = [];
		follow(db, (doc) => seen.push(doc)).start();
		expect(handOver(db, [{ _id: 'ticket:one', _rev: revA }])).toBe(false);
		expect(seen).toEqual([]);
		expect(await endQuiet(db)).toBeNull();
	});
});

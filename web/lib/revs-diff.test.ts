import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchRevsDiff } from './revs-diff';

describe('a local database’s revsDiff answered in one read', () => {
	let dir: string;
	let db: PouchDB.Database;
	let plain: PouchDB.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'revs-diff-'));
		db = new PouchDB(join(dir, 'device'));
		// A second database given the same revisions, without the change: PouchDB's own answer.
		plain = new PouchDB(join(dir, 'plain'));
		batchRevsDiff(db);
	});
	afterEach(async () => {
		await db.close();
		await plain.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('answers as PouchDB does for documents held, deleted, in conflict and absent', async () => {
		const revisions = [
			{ _id: 'ticket:held', _rev: '2-b', _revisions: { start: 2, ids: ['b', 'a'] }, n: 2 },
			{ _id: 'ticket:gone', _rev: '2-d', _revisions: { start: 2, ids: ['d', 'c'] }, _deleted: true },
			{ _id: 'ticket:split', _rev: '1-e', n: 1 },
			{ _id: 'ticket:split', _rev: '1-f', n: 2 }
		];
		for (const target of [db, plain]) await target.bulkDocs(revisions, { new_edits: false });
		const asked = {
			'ticket:held': ['1-a', '2-b', '3-feed'],
			'ticket:gone': ['1-c', '2-d', '3-beef'],
			'ticket:split': ['1-e', '1-f', '1-0'],
			'ticket:absent': ['1-x', '2-y'],
			'ticket:never': ['1-z']
		};
		// PouchDB's per-document check is asked only about the documents held here (counted on a third database, whose
		// own revsDiff is wrapped before the change is installed over it).
		const counted = new PouchDB(join(dir, 'counted'));
		await counted.bulkDocs(revisions, { new_edits: false });
		const ownRevsDiff = counted.revsDiff.bind(counted);
		const askedOfPouch: string[] = [];
		Object.assign(counted, {
			revsDiff: (diff: Record<string, string[]>) => {
				askedOfPouch.push(...Object.keys(diff));
				return ownRevsDiff(diff);
			}
		});
		batchRevsDiff(counted);
		expect(await counted.revsDiff(asked)).toEqual(await plain.revsDiff(asked));
		expect(askedOfPouch.sort()).toEqual(['ticket:gone', 'ticket:held', 'ticket:split']);
		await counted.close();
		const answer = await db.revsDiff(asked);
		expect(answer).toEqual(await plain.revsDiff(asked));
		// The callback forms PouchDB offers: (diff, callback) and (diff, options, callback).
		const viaCallback = (...args: unknown[]) =>
			new Promise((done, fail) => (db.revsDiff as (...a: unknown[]) => void)(asked, ...args, (error: Error | null, result: unknown) => (error ? fail(error) : done(result))));
		expect(await viaCallback()).toEqual(answer);
		expect(await viaCallback({})).toEqual(answer);
		expect(answer).toEqual({
			// An ancestor known only by its id (pulled as history, its body never stored here) counts as missing.
			'ticket:held': { missing: ['1-a', '3-feed'] },
			'ticket:gone': { missing: ['1-c', '3-beef'] },
			'ticket:split': { missing: ['1-0'] },
			'ticket:absent': { missing: ['1-x', '2-y'] },
			'ticket:never': { missing: ['1-z'] }
		});
		expect(await db.revsDiff({})).toEqual({});
	});

	it('lets a pull into an empty database write every document, and a second pull none', async () => {
		const source = new PouchDB(join(dir, 'server'));
		await source.bulkDocs(Array.from({ length: 300 }, (_, n) => ({ _id: `ticket:${n}`, n })));
		const first = await db.replicate.from(source, { batch_size: 100 });
		expect(first.docs_written).toBe(300);
		const second = await db.replicate.from(source, { batch_size: 100, checkpoint: false });
		expect(second.docs_read).toBe(0);
		expect((await db.info()).doc_count).toBe(300);
		await source.close();
	});
});

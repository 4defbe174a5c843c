import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParsedRevisions, sameJson } from './parsed-revisions';

describe('sameJson', () => {
	it('finds documents equal whatever the order of their keys, nested too', () => {
		expect(sameJson({ a: 1, b: { c: [1, { d: 'x' }] } }, { b: { c: [1, { d: 'x' }] }, a: 1 })).toBe(true);
	});

	it('finds a trimmed text, a filled-in default or a dropped key different', () => {
		expect(sameJson({ text: 'On my way.' }, { text: ' On my way. ' })).toBe(false);
		expect(sameJson({ title: 'x', contactPhone: '' }, { title: 'x' })).toBe(false);
		expect(sameJson({ fields: { room: '12' } }, { fields: { room: '12', extra: true } })).toBe(false);
	});

	it('tells an array from an object with the same keys, and null from an object', () => {
		expect(sameJson(['a'], { 0: 'a' })).toBe(false);
		expect(sameJson(null, {})).toBe(false);
		expect(sameJson([1, 2], [2, 1])).toBe(false);
	});
});

describe('ParsedRevisions', () => {
	let dir: string;
	let db: PouchDB.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'parsed-revisions-'));
		db = new PouchDB(join(dir, 'device'));
	});
	afterEach(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('remembers revisions across a reopening of the same build, and only the revision remembered', async () => {
		const first = await ParsedRevisions.load(db, 'build-1');
		first.add('ticket:ABC-DEF', '2-aa');
		first.add('ticket:GHJ-KMN', '1-bb');
		first.add('ticket:GHJ-KMN', '2-cc');
		await first.flush();
		const again = await ParsedRevisions.load(db, 'build-1');
		expect(again.has('ticket:ABC-DEF', '2-aa')).toBe(true);
		expect(again.has('ticket:GHJ-KMN', '2-cc')).toBe(true);
		expect(again.has('ticket:GHJ-KMN', '1-bb')).toBe(false);
		expect(again.has('ticket:PQR-STU', '1-dd')).toBe(false);
	});

	it('starts from nothing under another build (other schemas)', async () => {
		const first = await ParsedRevisions.load(db, 'build-1');
		first.add('ticket:ABC-DEF', '2-aa');
		await first.flush();
		const next = await ParsedRevisions.load(db, 'build-2');
		expect(next.has('ticket:ABC-DEF', '2-aa')).toBe(false);
	});

	it('forgets a document, and saves again after earlier saves without a conflict', async () => {
		const cache = await ParsedRevisions.load(db, 'build-1');
		cache.add('ticket:ABC-DEF', '2-aa');
		await cache.flush();
		cache.add('ticket:GHJ-KMN', '1-bb');
		await cache.flush();
		cache.forget('ticket:ABC-DEF');
		await cache.flush();
		const again = await ParsedRevisions.load(db, 'build-1');
		expect(again.has('ticket:ABC-DEF', '2-aa')).toBe(false);
		expect(again.has('ticket:GHJ-KMN', '1-bb')).toBe(true);
	});

	it('keeps its record out of the documents that replicate', async () => {
		const cache = await ParsedRevisions.load(db, 'build-1');
		cache.add('ticket:ABC-DEF', '2-aa');
		await cache.flush();
		expect((await db.allDocs()).rows).toEqual([]);
	});
});

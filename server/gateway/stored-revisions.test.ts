import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { byBytes, missingRevisions, rangePrefix, storedRevisions } from './stored-revisions';

describe('which ids the embedded store holds, read without a point read per id', () => {
	let dir: string;
	let store: Store;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'stored-revisions-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('tells live documents, deletions and ids never stored apart, across kinds of id', async () => {
		const ticket = await store.main.put({ _id: 'ticket:ABC-001', type: 'ticket' });
		const user = await store.main.put({ _id: 'user:ann', type: 'user' });
		const plain = await store.main.put({ _id: 'settings', value: 1 });
		const gone = await store.main.put({ _id: 'ticket:ABC-003', type: 'ticket' });
		const tombstone = await store.main.remove('ticket:ABC-003', gone.rev);
		const found = await storedRevisions(store.main, ['ticket:ABC-001', 'ticket:ABC-002', 'ticket:ABC-003', 'user:ann', 'user:bob', 'settings', 'other', '']);
		expect(Object.fromEntries(found)).toEqual({
			'ticket:ABC-001': { rev: ticket.rev, deleted: false },
			'ticket:ABC-003': { rev: tombstone.rev, deleted: true },
			'user:ann': { rev: user.rev, deleted: false },
			settings: { rev: plain.rev, deleted: false }
		});
	});

	it('reports the winning revision of an edited document', async () => {
		const first = await store.main.put({ _id: 'kb:wifi', n: 1 });
		const second = await store.main.put({ _id: 'kb:wifi', _rev: first.rev, n: 2 });
		expect((await storedRevisions(store.main, ['kb:wifi'])).get('kb:wifi')).toEqual({ rev: second.rev, deleted: false });
	});

	it('still finds the asked ids past many other documents between them', async () => {
		const between = Array.from({ length: 300 }, (_, i) => ({ _id: `ticket:MMM-${String(i).padStart(3, '0')}` }));
		await store.main.bulkDocs(between);
		const last = await store.main.put({ _id: 'ticket:MMM-Z1' });
		const gone = await store.main.put({ _id: 'ticket:MMM-Z2' });
		const tombstone = await store.main.remove('ticket:MMM-Z2', gone.rev);
		const found = await storedRevisions(store.main, ['ticket:MMM-A1', 'ticket:MMM-Z1', 'ticket:MMM-Z2', 'ticket:MMM-Z3']);
		expect(Object.fromEntries(found)).toEqual({ 'ticket:MMM-Z1': { rev: last.rev, deleted: false }, 'ticket:MMM-Z2': { rev: tombstone.rev, deleted: true } });
	});

	it("never reads another device's deletions: a range spans one prefix, far-apart or short ids are looked up as keys", async () => {
		const others = await store.main.bulkDocs(Array.from({ length: 200 }, (_, i) => ({ _id: `ticket:BBB-${String(i).padStart(3, '0')}` })));
		await store.main.bulkDocs(others.map((row) => ({ _id: row.id!, _rev: row.rev!, _deleted: true })));
		const mine = await store.main.put({ _id: 'ticket:CCC-001' });
		let rowsRead = 0;
		const counting = new Proxy(store.main, {
			get(target, name, receiver) {
				if (name !== 'allDocs') return Reflect.get(target, name, receiver);
				return async (options: object) => {
					const answer = await target.allDocs(options);
					rowsRead += answer.rows.length;
					return answer;
				};
			}
		});
		const found = await storedRevisions(counting, ['ticket:AAA-001', 'ticket:CCC-001', 'ticket:\u0001', 'ticket:\uffff', 'a', '\uffff']);
		expect(Object.fromEntries(found)).toEqual({ 'ticket:CCC-001': { rev: mine.rev, deleted: false } });
		// One row per asked id at most (each key answers one row, found or not); the 200 deletions between are never read.
		expect(rowsRead).toBeLessThanOrEqual(6);
	});

	it('reads ids by their kind and the four characters after it', () => {
		expect(rangePrefix('ticket:K7M-4QX')).toBe('ticket:K7M-');
		expect(rangePrefix('outage-affected:wifi-north:ann')).toBe('outage-affected:wifi');
		expect(rangePrefix('ticket:K7M')).toBeNull();
		expect(rangePrefix('settings')).toBeNull();
		expect(rangePrefix(':abcd')).toBeNull();
	});

	it('orders ids as the store does, so a character beyond U+FFFF does not hide the others', async () => {
		// In UTF-16 "😀" (U+1F600) sorts before "Ａ" (U+FF21); in the store's UTF-8 order it comes after.
		const wide = await store.main.put({ _id: 'x:Ａ' });
		const emoji = await store.main.put({ _id: 'x:😀' });
		const found = await storedRevisions(store.main, ['x:😀', 'x:Ａ']);
		expect(Object.fromEntries(found)).toEqual({ 'x:Ａ': { rev: wide.rev, deleted: false }, 'x:😀': { rev: emoji.rev, deleted: false } });
	});

	it('compares ids by code point', () => {
		expect(byBytes('x:Ａ', 'x:😀')).toBeLessThan(0);
		expect(byBytes('x:😀', 'x:Ａ')).toBeGreaterThan(0);
		expect(byBytes('ab', 'abc')).toBeLessThan(0);
		expect(byBytes('abc', 'abc')).toBe(0);
		expect(byBytes('b', 'a😀')).toBeGreaterThan(0);
	});

	it('answers revs_diff with every revision missing for an id never stored, and only the unknown ones otherwise', async () => {
		const kept = await store.main.put({ _id: 'ticket:K-1' });
		const gone = await store.main.put({ _id: 'ticket:K-2' });
		const tombstone = await store.main.remove('ticket:K-2', gone.rev);
		const diff = await missingRevisions(store.main, [
			['ticket:K-1', [kept.rev, '2-abc']],
			['ticket:K-2', [gone.rev, tombstone.rev, '3-def']],
			['ticket:K-3', ['1-aaa', '2-bbb']]
		]);
		expect(Object.fromEntries(diff)).toEqual({ 'ticket:K-1': ['2-abc'], 'ticket:K-2': ['3-def'], 'ticket:K-3': ['1-aaa', '2-bbb'] });
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ticketSequence } from '../../core/ticket-number';
import type { Db } from '../../server/store';
import { TicketNumbers } from './numbering';

describe('TicketNumbers', () => {
	let dir: string;
	let priv: Db;
	let main: Db;
	// The counter's values as written, in order, and its reads.
	let counterWrites: number[];
	let counterReads: number;
	let counterWritten: () => void;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'numbering-unit-'));
		priv = new PouchDB(join(dir, 'private')) as Db;
		main = new PouchDB(join(dir, 'main')) as Db;
		await Promise.all([priv.info(), main.info()]);
		counterWrites = [];
		counterReads = 0;
		counterWritten = () => undefined;
		const get = priv.get.bind(priv);
		priv.get = ((id: string, ...rest: unknown[]) => {
			if (id.startsWith('meta:ticket-counter:')) counterReads++;
			return (get as (...args: unknown[]) => unknown)(id, ...rest);
		}) as Db['get'];
		const put = priv.put.bind(priv);
		priv.put = (async (doc: { next: number }) => {
			const result = await put(doc as never);
			counterWrites.push(doc.next);
			counterWritten();
			return result;
		}) as Db['put'];
	});
	afterEach(async () => {
		await Promise.all([priv.close(), main.close()]);
		rmSync(dir, { recursive: true, force: true });
	});

	it('takes the next block of 16 while 8 are left, so the 17th number waits for no counter write', async () => {
		const numbers = new TicketNumbers(priv, main);
		const taken: number[] = [];
		const take = async () => taken.push(ticketSequence(await numbers.next()) ?? -1);
		const secondBlock = new Promise<void>((done) => (counterWritten = () => counterWrites.length === 2 && done()));
		// Nothing stored: the first block is 0 to 15. Handing out the 8th (7) leaves 8: the next block is asked for.
		for (let i = 0; i < 8; i++) await take();
		await secondBlock;
		expect(counterWrites).toEqual([16, 32]);
		for (let i = 0; i < 9; i++) await take();
		expect(taken).toEqual(Array.from({ length: 17 }, (_, i) => i));
		// The 17th came from the block taken ahead: the counter was written twice, not three times, and read once (the
		// second block was written from the copy the first write left).
		expect(counterWrites).toEqual([16, 32]);
		expect(counterReads).toBe(1);
	});
});

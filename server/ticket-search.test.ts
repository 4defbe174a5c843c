import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../core/access';
import type { Ticket } from '../core/schemas';
import { newTicket } from '../core/ticket';
import { type ChangeRow, SharedFeed } from './gateway/feed';
import { openStore, type Store } from './store';
import { ServerTicketSearch } from './ticket-search';

const coordinator: Actor = { username: 'coord', role: 'coordinator', buildings: [], kind: 'staff' } as Actor;
const ticket = (number: string, title: string): Ticket =>
	newTicket({ number, requester: 'ann', requesterName: 'Ann Teacher', createdBy: 'coord', source: 'phone', title, description: 'As said.', building: 'north' }, '2026-11-02T15:00:00Z', `${number}-c`);

const DIGITS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** The i-th ticket number of a series, in the order the store sorts their ids. */
const nth = (series: string, i: number) => `${series}-${DIGITS[Math.floor(i / DIGITS.length ** 2)]}${DIGITS[Math.floor(i / DIGITS.length) % DIGITS.length]}${DIGITS[i % DIGITS.length]}`;

/** A promise and the function that settles it. */
function gate<T = void>() {
	let open!: (value: T) => void;
	const opened = new Promise<T>((resolve) => (open = resolve));
	return { open, opened };
}

describe('ServerTicketSearch: its first build against a real store and changes feed', () => {
	let dir: string;
	let store: Store;
	let feed: SharedFeed;
	/** Called before the build's page read answers; may hold it or fail it, as a store that stalls or drops would. */
	let beforePage: () => Promise<void>;
	let liveFeeds: PouchDB.Core.Changes<Record<string, unknown>>[];
	let seen: (id: string, title: string) => Promise<void>;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'ticket-search-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		const db = store.main;
		const allDocs = db.allDocs.bind(db) as (o: object) => Promise<unknown>;
		beforePage = async () => undefined;
		(db as unknown as { allDocs: (o: { keys?: string[] }) => Promise<unknown> }).allDocs = async (options) => {
			const answer = await allDocs(options);
			if (!options.keys) await beforePage();
			return answer;
		};
		liveFeeds = [];
		const changes = db.changes.bind(db);
		(db as unknown as { changes: typeof changes }).changes = ((options: PouchDB.Core.ChangesOptions) => {
			const running = changes(options);
			if (options.live) liveFeeds.push(running);
			return running;
		}) as typeof changes;
		const rows: ChangeRow[] = [];
		const waiters = new Set<() => void>();
		feed = new SharedFeed(db, { retryDelay: () => 0, log: () => undefined });
		await feed.start();
		seen = (id, title) =>
			new Promise<void>((resolve) => {
				const check = () => rows.some((r) => r.id === id && (r.doc as { title?: string } | undefined)?.title === title) && (resolve(), true);
				if (!check()) waiters.add(() => check());
			});
		// Registered after the search's own listener (made in each test), so a row seen here has reached it.
		queueMicrotask(() =>
			feed.onChange((row) => {
				rows.push(row);
				for (const wake of waiters) wake();
			})
		);
	});
	afterEach(async () => {
		feed.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Stores a ticket straight in the store (as the gateway would after its checks), returning its new revision. */
	const save = async (doc: Ticket, rev?: string) => (await store.main.put({ ...(doc as unknown as Record<string, unknown>), ...(rev ? { _rev: rev } : {}) } as PouchDB.Core.PutDocument<Record<string, unknown>>)).rev;
	const numbers = async (search: ServerTicketSearch, q: string) => (await search.search(coordinator, q, 20)).map((r) => r.number);

	it('reads the tickets a page of 500 at a time, and finds the first and the last', async () => {
		const search = new ServerTicketSearch(store.main, feed);
		const tickets = Array.from({ length: 520 }, (_, i) => ticket(nth('KAA', i), `Laminator ${i === 0 ? 'first' : i === 519 ? 'last' : 'middle'}`));
		await store.main.bulkDocs(tickets as unknown as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
		let pages = 0;
		beforePage = async () => void pages++;
		expect(await numbers(search, 'first')).toEqual(['KAA-222']);
		expect(await numbers(search, 'last')).toEqual([nth('KAA', 519)]);
		expect(pages).toBe(2);
	});

	it('drops the changes seen during a failed build: the next build does not replay them over a newer copy', async () => {
		const search = new ServerTicketSearch(store.main, feed);
		const first = await save(ticket('KAB-223', 'Projector alpha'));
		const held = gate();
		beforePage = async () => {
			await held.opened;
			throw new Error('the store went away');
		};
		const failing = search.search(coordinator, 'projector', 20);
		// Seen while the build waits: kept to replay after it.
		const second = await save(ticket('KAB-223', 'Projector bravo'), first);
		await seen('ticket:KAB-223', 'Projector bravo');
		held.open();
		await expect(failing).rejects.toThrow('the store went away');
		await save(ticket('KAB-223', 'Projector charlie'), second);
		beforePage = async () => undefined;
		expect(await numbers(search, 'charlie')).toEqual(['KAB-223']);
		expect(await numbers(search, 'bravo')).toEqual([]);
	});

	it('answers a search that waited on a build the feed’s resumption made obsolete from the next build', async () => {
		const search = new ServerTicketSearch(store.main, feed);
		await save(ticket('KAC-223', 'Shredder jams'));
		const held = gate();
		const reading = gate();
		beforePage = async () => {
			reading.open();
			await held.opened;
		};
		const waiting = search.search(coordinator, 'shredder', 20);
		await reading.opened;
		const resumed = new Promise<void>((resolve) => feed.onResume(resolve));
		liveFeeds.at(-1)?.emit('error', new Error('the store went away'));
		await resumed;
		beforePage = async () => undefined;
		await save(ticket('KAC-224', 'Shredder smokes'));
		held.open();
		expect((await waiting).map((r) => r.number).sort()).toEqual(['KAC-223', 'KAC-224']);
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/access';
import { deletionScope } from '../../core/deletion';
import { actorKeys } from '../../core/scope-keys';
import type { HistoryEntry, Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { ticketNumber } from '../../core/ticket-number';
import { openStore, type Store } from '../store';
import { type ChangesQuery, readAfterCatchingUp, scopedChanges } from './changes';
import { SharedFeed } from './feed';
import type { Viewer } from './scope';
import { makeIntern, ScopeIndex } from './scope-index';

const NOW = new Date('2026-12-01T16:00:00.000Z');
const ann: Actor = { username: 'ann', role: 'requester', buildings: ['north'], kind: 'staff' };
const techN: Actor = { username: 'tech-n', role: 'building-tech', buildings: ['north'], kind: 'staff' };
const techS: Actor = { username: 'tech-s', role: 'building-tech', buildings: ['south'], kind: 'staff' };
const coord: Actor = { username: 'coord', role: 'coordinator', buildings: [], kind: 'staff' };
const viewer = (actor: Actor, formerBuildings: string[] = []): Viewer => ({ actor, formerBuildings, now: NOW, closedWindowDays: 30 });

let entries = 0;
function ticket(n: number, requester: string, building: string): Ticket {
	const input = { number: ticketNumber('K7M', n + 1), requester, requesterName: requester, createdBy: requester, source: 'web' as const };
	return newTicket({ ...input, title: `Ticket ${n}`, description: 'Broken.', building }, '2026-11-30T10:00:00.000Z', `entry-${++entries}`);
}
const idOf = (n: number) => `ticket:${ticketNumber('K7M', n + 1)}`;
const add = (t: Ticket, entry: Record<string, unknown>) =>
	appendEntries(t, [{ ...entry, id: `entry-${++entries}`, at: '2026-11-30T11:00:00.000Z', by: 'coord' } as HistoryEntry]);

describe('the scope index', () => {
	let dir: string;
	let store: Store;
	let feed: SharedFeed;
	let index: ScopeIndex;
	const query = (over: Partial<ChangesQuery> = {}): ChangesQuery => ({ since: 0, limit: 1000, includeDocs: false, docIds: null, selector: null, ...over });

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'scope-index-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		const db = store.main;
		const tickets = Array.from({ length: 40 }, (_, i) => ticket(i, i % 4 === 0 ? 'ann' : 'bob', i % 2 ? 'south' : 'north'));
		await db.bulkDocs([...tickets, { _id: 'junk:1', n: 1 }, { _id: '_design/x', views: {} }] as Record<string, unknown>[]);
		// Moved from north to south: the north technician's device must drop it.
		const moved = await db.get(tickets[0]._id);
		await db.put(add(moved as unknown as Ticket, { kind: 'set', changes: { building: 'south' } }) as unknown as Record<string, unknown> & { _id: string });
		// A deletion that keeps its scope, and an old one that does not (judged by the version before it).
		const kept = (await db.get(tickets[2]._id)) as unknown as Ticket;
		await db.put({ _id: kept._id, _rev: kept._rev, _deleted: true, deletion: deletionScope(kept) });
		await db.remove((await db.get(tickets[4]._id)) as PouchDB.Core.RemoveDocument);
		feed = new SharedFeed(db, { retryDelay: () => 0, log: () => undefined, ringSize: 1 });
		await feed.start();
		index = new ScopeIndex(db, feed);
	});
	afterEach(async () => {
		feed.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('answers nothing until it is built, then every read older than the feed’s memory', async () => {
		expect(index.serves(0)).toBe(false);
		await index.build();
		expect(index.serves(0)).toBe(true);
		expect(index.serves('3-g1AAAA')).toBe(false);
		// 40 tickets and one other document; the design document is never sent to devices.
		expect(index.size).toBe(41);
	});

	it('gives each person the same changes as a read of the store’s history', async () => {
		await index.build();
		for (const v of [viewer(ann), viewer(techN), viewer(techS), viewer(coord), viewer(techS, ['north'])]) {
			const fromStore = await scopedChanges(store.main, feed, v, query());
			const fromIndex = await scopedChanges(store.main, feed, v, query(), { index });
			expect(fromIndex, v.actor.username).toEqual(fromStore);
		}
		// Worked out by hand: tech-n gets the 19 north tickets left (20, less the moved one and two deleted), the removal
		// of the moved one and the two deletions; coord gets 40 tickets (38 live, 2 deleted) and junk:1 is never sent.
		const techNRows = (await scopedChanges(store.main, feed, viewer(techN), query(), { index })).results;
		expect(techNRows.filter((r) => !r.deleted)).toHaveLength(17);
		expect(techNRows.filter((r) => r.deleted)).toHaveLength(3);
		expect((await scopedChanges(store.main, feed, viewer(coord), query(), { index })).results).toHaveLength(40);
	});

	it('pages with limit, doc_ids, include_docs and a selector exactly as the store read does', async () => {
		await index.build();
		const queries = [
			query({ limit: 7 }),
			query({ since: 12, limit: 5 }),
			query({ includeDocs: true }),
			query({ docIds: new Set([idOf(0), idOf(4), idOf(8), 'nope']) }),
			query({ selector: { status: 'new' }, includeDocs: true, limit: 3 })
		];
		for (const q of queries)
			for (const v of [viewer(ann), viewer(techN)]) {
				const fromIndex = await scopedChanges(store.main, feed, v, q, { index });
				expect(fromIndex.results.length).toBeGreaterThan(0);
				expect(fromIndex).toEqual(await scopedChanges(store.main, feed, v, q));
			}
	});

	it('follows changes after it is built: a document appears once, at its latest sequence', async () => {
		await index.build();
		const before = await scopedChanges(store.main, feed, viewer(techS), query(), { index });
		const south = (await store.main.get(idOf(1))) as unknown as Ticket;
		await store.main.put(add(south, { kind: 'set', changes: { building: 'north' } }) as unknown as Record<string, unknown> & { _id: string });
		const written = (await store.main.info()).update_seq as number;
		while (index.lastSeq < written) await feed.wait(1000);
		const after = await scopedChanges(store.main, feed, viewer(techS), query({ since: before.last_seq }), { index });
		expect(after.results).toHaveLength(1);
		expect(after.results[0]).toMatchObject({ id: idOf(1), deleted: true });
		expect(after).toEqual(await scopedChanges(store.main, feed, viewer(techS), query({ since: before.last_seq })));
		const whole = await scopedChanges(store.main, feed, viewer(techN), query(), { index });
		expect(whole.results.filter((r) => r.id === idOf(1))).toHaveLength(1);
		expect(whole.last_seq).toBe(after.last_seq);
	});

	it('includes a change the store has acknowledged before the read, even if the feed has not reported it yet', async () => {
		await index.build();
		const before = await scopedChanges(store.main, feed, viewer(techS), query(), { index });
		const north = (await store.main.get(idOf(6))) as unknown as Ticket;
		await store.main.put(add(north, { kind: 'set', changes: { building: 'south' } }) as unknown as Record<string, unknown> & { _id: string });
		const read = (since: number | string) => () => scopedChanges(store.main, feed, viewer(techS), query({ since }), { index });
		// Like PouchDB: read on from the answer's last_seq until an answer is empty.
		const whole = await readAfterCatchingUp(store.main, feed, read(0));
		const rest = await readAfterCatchingUp(store.main, feed, read(whole.last_seq));
		expect([...whole.results, ...rest.results].map((row) => row.id)).toContain(idOf(6));
		const fromMemory = await readAfterCatchingUp(store.main, feed, read(before.last_seq));
		expect(fromMemory.results.map((row) => row.id)).toEqual([idOf(6)]);
	});

	it('follows a branch pushed from an old revision (new_edits:false): each person gets what the store read gives, the requester included', async () => {
		await index.build();
		const db = store.main;
		const original = (await db.get(idOf(8))) as unknown as Ticket & { _rev: string };
		const [, oldHash] = original._rev.split('-');
		// A device offline since revision 1 edits twice, moving the ticket south: its deeper branch wins.
		const moved = add(original, { kind: 'set', changes: { building: 'south' } });
		await db.bulkDocs([{ ...moved, _rev: '3-b', _revisions: { start: 3, ids: ['b', 'a', oldHash] } }] as unknown as Record<string, unknown>[], { new_edits: false });
		// Another, shorter branch from revision 1 that keeps it north: it loses.
		await db.bulkDocs([{ ...original, _rev: '2-c', _revisions: { start: 2, ids: ['c', oldHash] } }] as unknown as Record<string, unknown>[], { new_edits: false });
		const written = (await db.info()).update_seq as number;
		while (index.lastSeq < written) await feed.wait(1000);
		for (const v of [viewer(ann), viewer(techN), viewer(techS), viewer(coord)]) {
			const fromIndex = await scopedChanges(db, feed, v, query(), { index });
			expect(fromIndex, v.actor.username).toEqual(await scopedChanges(db, feed, v, query()));
		}
		// Worked out by hand: ann filed it and still gets revision 3; north's technician is told to drop it; south's gets it.
		const rowFor = async (v: Viewer) => (await scopedChanges(db, feed, v, query(), { index })).results.find((r) => r.id === idOf(8));
		expect(await rowFor(viewer(ann))).toMatchObject({ changes: [{ rev: '3-b' }] });
		expect((await rowFor(viewer(ann)))?.deleted).toBeUndefined();
		expect(await rowFor(viewer(techN))).toMatchObject({ deleted: true });
		expect(await rowFor(viewer(techS))).toMatchObject({ changes: [{ rev: '3-b' }] });
	});

	it('follows a voicemail branch pushed from an old revision (new_edits:false): each person gets or drops it as the store read says', async () => {
		await index.build();
		const db = store.main;
		const hex = 'ab'.repeat(16);
		const voicemail = {
			_id: `voicemail:RE${hex}`,
			type: 'voicemail',
			recordingSid: `RE${hex}`,
			callSid: `CA${hex}`,
			ticket: ticketNumber('K7M', 41),
			filedAs: ticketNumber('K7M', 41),
			assignee: 'tech-n',
			from: '+13035550142',
			caller: null,
			emergency: false,
			recordedAt: '2026-11-30T09:00:00.000Z',
			durationSeconds: 20,
			transcript: 'done',
			transcriptText: 'The projector in room 12 is dead.',
			audio: 'stored',
			audioExpiresAt: null
		};
		const first = await db.put(voicemail);
		const [, oldHash] = first.rev.split('-');
		// Moved to tech-s (tech-n must drop it) on a branch two deep: it wins. A shorter branch keeps it with tech-n: it loses.
		await db.bulkDocs([{ ...voicemail, assignee: 'tech-s', formerAssignees: ['tech-n'], _rev: '3-b', _revisions: { start: 3, ids: ['b', 'a', oldHash] } }], { new_edits: false });
		await db.bulkDocs([{ ...voicemail, _rev: '2-c', _revisions: { start: 2, ids: ['c', oldHash] } }], { new_edits: false });
		const written = (await db.info()).update_seq as number;
		while (index.lastSeq < written) await feed.wait(1000);
		for (const v of [viewer(ann), viewer(techN), viewer(techS), viewer(coord)]) {
			const fromIndex = await scopedChanges(db, feed, v, query(), { index });
			expect(fromIndex, v.actor.username).toEqual(await scopedChanges(db, feed, v, query()));
		}
		// Worked out by hand: tech-s gets revision 3, tech-n is told to drop it, the requester never hears of it.
		const rowFor = async (v: Viewer) => (await scopedChanges(db, feed, v, query(), { index })).results.find((r) => r.id === voicemail._id);
		expect(await rowFor(viewer(techS))).toMatchObject({ changes: [{ rev: '3-b' }] });
		expect(await rowFor(viewer(techN))).toMatchObject({ deleted: true });
		expect(await rowFor(viewer(ann))).toBeUndefined();
		expect(await rowFor(viewer(coord))).toMatchObject({ changes: [{ rev: '3-b' }] });
	});

	it('walks for a person only the tickets filed under their keys and the other documents, also after it compacts', async () => {
		await index.build();
		const walked = (v: Viewer) => index.afterFor(0, actorKeys(v.actor, v.formerBuildings), 1000).entries.map((e) => e.id).sort();
		// By hand: ann filed tickets 0, 4, …, 36 (the deleted 4 included); south has the 20 odd ones and ticket 0, moved
		// there; junk:1 parses as nothing, so nobody's walk has it; a coordinator walks all 41 documents.
		const anns = Array.from({ length: 10 }, (_, i) => idOf(4 * i)).sort();
		const south = [...Array.from({ length: 20 }, (_, i) => idOf(2 * i + 1)), idOf(0)].sort();
		expect(walked(viewer(ann))).toEqual(anns);
		expect(walked(viewer(techS))).toEqual(south);
		expect(index.afterFor(0, null, 1000).entries).toHaveLength(41);
		// Over 1,000 rewrites make the index drop superseded entries and file every entry anew.
		const db = store.main;
		for (let round = 0; round < 30; round++) {
			const { rows } = await db.allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff', include_docs: true });
			await db.bulkDocs(rows.map((row) => add(row.doc as unknown as Ticket, { kind: 'set', changes: { room: `R${round}` } })) as unknown as Record<string, unknown>[]);
		}
		const written = (await db.info()).update_seq as number;
		while (index.lastSeq < written) await feed.wait(1000);
		expect(walked(viewer(ann))).toEqual(anns);
		expect(walked(viewer(techS))).toEqual(south);
		for (const v of [viewer(ann), viewer(techS), viewer(techN, ['south'])])
			expect(await scopedChanges(db, feed, v, query(), { index }), v.actor.username).toEqual(await scopedChanges(db, feed, v, query()));
	});

	it('with include_docs, never skips a document that changed between the walk and the read of its body', async () => {
		await index.build();
		const db = store.main;
		const allDocs = db.allDocs.bind(db);
		let changed = false;
		// The store itself, with one more write landing just before the bodies are read (as another device's push would).
		db.allDocs = (async (options: PouchDB.Core.AllDocsWithKeysOptions) => {
			if (!changed && options.keys?.includes(idOf(3))) {
				changed = true;
				const doc = (await db.get(idOf(3))) as unknown as Ticket;
				await db.put(add(doc, { kind: 'set', changes: { room: 'Changed meanwhile' } }) as unknown as Record<string, unknown> & { _id: string });
				const written = (await db.info()).update_seq as number;
				while (index.lastSeq < written) await feed.wait(1000);
			}
			return allDocs(options);
		}) as typeof db.allDocs;
		const seen: Record<string, unknown>[] = [];
		let since: string | number = 0;
		for (;;) {
			const page = await scopedChanges(db, feed, viewer(techS), query({ since, includeDocs: true }), { index });
			seen.push(...page.results.flatMap((row) => (row.doc ? [row.doc] : [])));
			if (page.results.length === 0) break;
			since = page.last_seq;
		}
		expect(changed).toBe(true);
		expect(seen.filter((doc) => doc._id === idOf(3)).map((doc) => doc.room)).toContain('Changed meanwhile');
	});
});

describe('the scope index’s intern tables', () => {
	it('share one copy of a repeated string or list, and start afresh past their limit instead of growing with every write', () => {
		const intern = makeIntern();
		const first = intern(['tech-a', 'tech-b']);
		expect(intern(['tech-a', 'tech-b'])).toBe(first);
		expect(intern('north'.slice(0))).toBe(intern('north'));
		// 50,000 distinct lists (one per reassignment) fill the table; the next one empties it.
		for (let i = 0; i < 50_000; i++) intern([`person-${i}`]);
		expect(intern(['tech-a', 'tech-b'])).not.toBe(first);
		expect(first).toEqual(['tech-a', 'tech-b']);
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { openStore, type Store } from '../store';
import { settle } from './settle';

const NOW = new Date('2026-12-02T09:00:00Z');

const ticketNumbered = (number: string) =>
	newTicket(
		{ number, requester: 'ann', requesterName: 'Ann', createdBy: 'ann', source: 'web', title: 'Projector', description: 'No picture.', building: 'north', room: '114' },
		NOW.toISOString(),
		`${number}-created`
	);
const noted = (base: Ticket, by: string): Ticket =>
	appendEntries(base, [{ id: `${base.number}-${by}`, at: NOW.toISOString(), by, kind: 'note', text: `Note from ${by}.` }]);

type Stored = Ticket & { _id: string; _rev: string; _conflicts?: string[] };
type Result = { id?: string; status?: number; error?: unknown };

describe('settle: concurrent versions merged on the embedded store', () => {
	let dir: string;
	let store: Store;
	/** What each of settle's store writes carried (id and revision per edit) and what the store answered. */
	let writes: { edits: { id: string; rev?: string }[]; results: Result[] }[];

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'settle-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		writes = [];
		// Watches the real store's writes (it still does them all); replication's writes (new_edits=false) are not settle's.
		const bulkDocs = store.main.bulkDocs.bind(store.main) as (docs: object[], options?: object) => Promise<Result[]>;
		Object.assign(store.main, {
			bulkDocs: async (docs: { _id: string; _rev?: string }[], options?: { new_edits?: boolean }) => {
				const results = await bulkDocs(docs, options);
				if (options?.new_edits !== false) writes.push({ edits: docs.map((d) => ({ id: d._id, rev: d._rev })), results });
				return results;
			}
		});
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Stores a device's revision as replication does (new_edits=false), with its whole history. */
	const replicate = (id: string, doc: object, revs: string[]) =>
		store.main.bulkDocs([{ ...(doc as Record<string, unknown>), _id: id, _rev: `${revs.length}-${revs[0]}`, _revisions: { start: revs.length, ids: revs } }], { new_edits: false });

	/** Every leaf of a document's revision tree, deletions included, and whether the store holds its body. */
	async function leaves(id: string): Promise<{ rev: string; stored: boolean }[]> {
		const rows = (await store.main.get(id, { open_revs: 'all' })) as ({ ok: { _rev: string } } | { missing: string })[];
		return rows.map((row) => ('ok' in row ? { rev: row.ok._rev, stored: true } : { rev: row.missing, stored: false }));
	}

	/** Every leaf has its body, no conflict is left, and the ticket holds every one of `notes`. */
	async function expectOneVersionWith(id: string, notes: string[]): Promise<void> {
		for (const leaf of await leaves(id)) expect(leaf).toEqual({ rev: leaf.rev, stored: true });
		const merged = (await store.main.get(id, { conflicts: true })) as unknown as Stored;
		expect(merged._conflicts ?? []).toEqual([]);
		expect(merged.history.map((e) => e.id)).toEqual(expect.arrayContaining(notes));
	}

	/** The store refused one of settle's edits as a conflict: the race the test sets up did happen. */
	const refusedOnce = () => writes.flatMap((w) => w.results).filter((r) => r.status === 409).length;

	/** A ticket whose two devices' versions conflict: 2-c2 wins (the higher revision id), 2-b2 (Ann's) loses. */
	async function conflictingTicket(number: string): Promise<Ticket> {
		const ticket = ticketNumbered(number);
		await replicate(`ticket:${number}`, ticket, ['a1']);
		await replicate(`ticket:${number}`, noted(ticket, 'ann'), ['b2', 'a1']);
		await replicate(`ticket:${number}`, noted(ticket, 'tech-n'), ['c2', 'a1']);
		return ticket;
	}

	it('leaves every revision readable and no conflict when a device extends the losing version while it merges', async () => {
		await conflictingTicket('KMN-2B3');
		const losing = (await store.main.get('ticket:KMN-2B3', { rev: '2-b2' })) as unknown as Ticket;
		// The store's write lock runs these in the order they are asked for: settle's read, then the device's revision on
		// top of the loser, then settle's writes, which find the loser no longer a leaf.
		const settling = settle(store.main, NOW, ['ticket:KMN-2B3']);
		await replicate('ticket:KMN-2B3', noted(losing, 'bob'), ['d3', 'b2', 'a1']);
		await settling;
		expect(refusedOnce()).toBeGreaterThan(0);
		await expectOneVersionWith('ticket:KMN-2B3', ['KMN-2B3-ann', 'KMN-2B3-tech-n', 'KMN-2B3-bob']);
	});

	it('loses nothing when a device extends the winning version while it merges', async () => {
		await conflictingTicket('KMN-2B3');
		const winning = (await store.main.get('ticket:KMN-2B3')) as unknown as Stored;
		expect(winning._rev).toBe('2-c2');
		// The merge onto 2-c2 is refused (2-c2 is no longer a leaf); Ann's version must not be deleted without it.
		const settling = settle(store.main, NOW, ['ticket:KMN-2B3']);
		await replicate('ticket:KMN-2B3', noted(winning, 'bob'), ['d3', 'c2', 'a1']);
		await settling;
		expect(refusedOnce()).toBeGreaterThan(0);
		await expectOneVersionWith('ticket:KMN-2B3', ['KMN-2B3-ann', 'KMN-2B3-tech-n', 'KMN-2B3-bob']);
	});

	it('settles several documents together, one edit of each per store write, the merge before the deletions', async () => {
		await conflictingTicket('KMN-2B3');
		const other = ticketNumbered('KMN-2B4');
		await replicate('ticket:KMN-2B4', other, ['a1']);
		for (const [hash, by] of [['b2', 'pat'], ['c2', 'quinn'], ['d2', 'rene'], ['e2', 'sol']]) await replicate('ticket:KMN-2B4', noted(other, by), [hash, 'a1']);
		const building = { type: 'building', code: 'north', name: 'North Elementary', kind: 'school', technician: 'tech-n' };
		await replicate('building:north', building, ['a1']);
		await replicate('building:north', { ...building, name: 'North' }, ['b2', 'a1']);
		await replicate('building:north', { ...building, name: 'North School' }, ['c2', 'a1']);
		const winning = (await store.main.get('ticket:KMN-2B3')) as unknown as Stored;
		const settling = settle(store.main, NOW, ['ticket:KMN-2B3', 'ticket:KMN-2B4'], ['building:north']);
		await replicate('ticket:KMN-2B3', noted(winning, 'bob'), ['d3', 'c2', 'a1']);
		await settling;
		expect(refusedOnce()).toBeGreaterThan(0);
		for (const { edits } of writes) expect(new Set(edits.map((e) => e.id)).size).toBe(edits.length);
		// Each ticket's first edit is its merge, onto the winner it read; deletions come in later writes.
		const firstOf = (id: string) => writes.find((w) => w.edits.some((e) => e.id === id))!.edits.find((e) => e.id === id);
		expect(firstOf('ticket:KMN-2B4')?.rev).toBe('2-e2');
		await expectOneVersionWith('ticket:KMN-2B3', ['KMN-2B3-ann', 'KMN-2B3-tech-n', 'KMN-2B3-bob']);
		await expectOneVersionWith('ticket:KMN-2B4', ['KMN-2B4-pat', 'KMN-2B4-quinn', 'KMN-2B4-rene', 'KMN-2B4-sol']);
		// A building keeps its winner; the other versions are deleted.
		for (const leaf of await leaves('building:north')) expect(leaf).toEqual({ rev: leaf.rev, stored: true });
		const kept = (await store.main.get('building:north', { conflicts: true })) as unknown as { _rev: string; name: string; _conflicts?: string[] };
		expect({ rev: kept._rev, name: kept.name, conflicts: kept._conflicts ?? [] }).toEqual({ rev: '2-c2', name: 'North School', conflicts: [] });
	});
});

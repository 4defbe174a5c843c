import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { openStore, type Store } from '../store';
import { settle } from './settle';

const NOW = new Date('2026-12-02T09:00:00Z');
const ID = 'ticket:KMN-2B3';

const ticket = newTicket(
	{ number: 'KMN-2B3', requester: 'ann', requesterName: 'Ann', createdBy: 'ann', source: 'web', title: 'Projector', description: 'No picture.', building: 'north', room: '114' },
	NOW.toISOString(),
	'KMN-2B3-created'
);
const noted = (base: Ticket, by: string): Ticket =>
	appendEntries(base, [{ id: `KMN-2B3-${by}`, at: NOW.toISOString(), by, kind: 'note', text: `Note from ${by}.` }]);

type Stored = Ticket & { _id: string; _rev: string };

describe('settle: a ticket’s concurrent versions merged on the embedded store', () => {
	let dir: string;
	let store: Store;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'settle-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Stores a device's revision as replication does (new_edits=false), with its whole history. */
	const replicate = (doc: Ticket, revs: string[]) =>
		store.main.bulkDocs([{ ...(doc as Record<string, unknown>), _id: ID, _rev: `${revs.length}-${revs[0]}`, _revisions: { start: revs.length, ids: revs } }], { new_edits: false });

	/** Every leaf of the document's revision tree, deletions included, and whether the store holds its body. */
	async function leaves(): Promise<{ rev: string; stored: boolean }[]> {
		const rows = (await store.main.get(ID, { open_revs: 'all' })) as ({ ok: { _rev: string } } | { missing: string })[];
		return rows.map((row) => ('ok' in row ? { rev: row.ok._rev, stored: true } : { rev: row.missing, stored: false }));
	}

	/** Every leaf has its body, no conflict is left, and the ticket holds all three people's notes. */
	async function expectOneVersionWithEveryNote(): Promise<void> {
		for (const leaf of await leaves()) expect(leaf).toEqual({ rev: leaf.rev, stored: true });
		const merged = (await store.main.get(ID, { conflicts: true })) as unknown as Stored & { _conflicts?: string[] };
		expect(merged._conflicts ?? []).toEqual([]);
		expect(merged.history.map((e) => e.id)).toEqual(expect.arrayContaining(['KMN-2B3-ann', 'KMN-2B3-tech-n', 'KMN-2B3-bob']));
	}

	it('leaves every revision readable and no conflict when a device extends the losing version while it merges', async () => {
		await replicate(ticket, ['a1']);
		await replicate(noted(ticket, 'ann'), ['b2', 'a1']);
		await replicate(noted(ticket, 'tech-n'), ['c2', 'a1']);
		// 2-c2 wins (the higher revision id), so 2-b2, Ann's, is the version settle merges in and then deletes.
		const losing = (await store.main.get(ID, { rev: '2-b2' })) as unknown as Ticket;
		// The store's write lock runs these in the order they are asked for: settle's read, then the device's revision on
		// top of the loser, then settle's writes, which find the loser no longer a leaf.
		const settling = settle(store.main, NOW, [ID]);
		await replicate(noted(losing, 'bob'), ['d3', 'b2', 'a1']);
		await settling;
		await expectOneVersionWithEveryNote();
	});

	it('loses nothing when a device extends the winning version while it merges', async () => {
		await replicate(ticket, ['a1']);
		await replicate(noted(ticket, 'ann'), ['b2', 'a1']);
		await replicate(noted(ticket, 'tech-n'), ['c2', 'a1']);
		const winning = (await store.main.get(ID)) as unknown as Stored;
		expect(winning._rev).toBe('2-c2');
		// The merge onto 2-c2 is refused (2-c2 is no longer a leaf); Ann's version must not be deleted without it.
		const settling = settle(store.main, NOW, [ID]);
		await replicate(noted(winning, 'bob'), ['d3', 'c2', 'a1']);
		await settling;
		await expectOneVersionWithEveryNote();
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserProfile } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { openStore, type Store } from '../store';
import { parseStored } from './parsed-revisions';
import { scopedBulkDocs } from './writes';

/** The parses a write leaves for the read-back (parsed-revisions.ts) are those of what the store holds. */
describe('parses a replicated write leaves behind', () => {
	let dir: string;
	let store: Store;
	const coordinator = UserProfile.parse({ _id: 'user:cora', type: 'user', username: 'cora', name: 'Cora', role: 'coordinator', buildings: [] });
	const viewer = () => ({ actor: coordinator, formerBuildings: [], now: new Date('2026-11-02T09:00:00.000Z'), closedWindowDays: 30 });
	const deps = () => ({ db: store.main, people: async () => null, onProfileChange: async () => undefined });
	/** A ticket filed in north, moved to `building` by a later entry when that is not north. */
	const ticket = (number: string, building: string, rev: string) => {
		const filed = newTicket({ number, requester: 'ann', requesterName: 'Ann', createdBy: 'cora', source: 'phone', title: 'Printer jams', description: 'It jams.', building: 'north' }, '2026-11-02T08:00:00.000Z', `${number}-c`);
		const moved = building === 'north' ? filed : appendEntries(filed, [{ id: `${number}-m`, at: '2026-11-02T08:30:00.000Z', by: 'cora', kind: 'set', changes: { building } }]);
		return { ...moved, _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] } };
	};

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'writes-parsed-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('hands the read-back the parse of a new revision it wrote', async () => {
		const [result] = await scopedBulkDocs(deps(), viewer(), [ticket('KMN-234', 'north', '1-a1')], false);
		expect(result).toMatchObject({ ok: true, rev: '1-a1' });
		const stored = await store.main.get('ticket:KMN-234');
		const again = parseStored(stored);
		expect(again).toMatchObject({ building: 'north', _rev: '1-a1' });
		expect(parseStored({ ...stored })).toBe(again);
	});

	it('judges a revision the store already held by what it holds, not by other content sent again under its id', async () => {
		// Stored by another part of the server, never parsed.
		await store.main.bulkDocs([ticket('KMN-235', 'north', '1-b2') as Record<string, unknown>], { new_edits: false });
		const [result] = await scopedBulkDocs(deps(), viewer(), [ticket('KMN-235', 'south', '1-b2')], false);
		expect(result).toMatchObject({ ok: true, rev: '1-b2' });
		const stored = await store.main.get('ticket:KMN-235');
		expect(stored).toMatchObject({ building: 'north' });
		expect(parseStored(stored)).toMatchObject({ building: 'north' });
	});
});

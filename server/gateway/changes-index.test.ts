import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../core/access';
import { appendEntries, newTicket } from '../../core/ticket';
import { ticketNumber } from '../../core/ticket-number';
import { openStore, type Store } from '../store';
import { type ChangesQuery, scopedChanges } from './changes';
import { WALK_MIN } from './changes-index';
import { SharedFeed } from './feed';
import type { Viewer } from './scope';
import { ScopeIndex } from './scope-index';

const NOW = new Date('2026-12-01T16:00:00.000Z');
const ann: Actor = { username: 'ann', role: 'requester', buildings: ['north'], kind: 'staff' };
const viewer: Viewer = { actor: ann, formerBuildings: [], now: NOW, closedWindowDays: 30 };
const query = (over: Partial<ChangesQuery> = {}): ChangesQuery => ({ since: 0, limit: 1000, includeDocs: false, docIds: null, selector: null, ...over });

function ticket(n: number): Record<string, unknown> {
	const input = { number: ticketNumber('K7M', n + 1), requester: 'ann', requesterName: 'Ann', createdBy: 'ann', source: 'web' as const };
	return newTicket({ ...input, title: `Ticket ${n}`, description: 'Broken.', building: 'north' }, '2026-11-30T10:00:00.000Z', `entry-${n}`);
}

/**
 * One of ann's own tickets, closed a year before NOW: filed under her name, so her keyed walk reaches it, and judged
 * out by core (past the device's window for closed tickets and the removal grace).
 */
function closedLongAgo(n: number): Record<string, unknown> {
	const input = { number: ticketNumber('K7N', n + 1), requester: 'ann', requesterName: 'Ann', createdBy: 'ann', source: 'web' as const };
	const opened = newTicket({ ...input, title: `Old ticket ${n}`, description: 'Broken.', building: 'north' }, '2025-11-03T10:00:00.000Z', `old-${n}`);
	return appendEntries(opened, [{ id: `old-${n}-closed`, at: '2025-11-04T10:00:00.000Z', by: 'ann', kind: 'status', from: opened.status, to: 'closed' }]);
}

describe('a keyed walk of the scope index', () => {
	const SKIPPED = 600;
	let dir: string;
	let store: Store;
	let feed: SharedFeed;
	let index: ScopeIndex;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'changes-index-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		// Ann's ten tickets, then many documents her walk reaches but she does not get, then her last ticket.
		const before = Array.from({ length: 10 }, (_, n) => ticket(n));
		const others = Array.from({ length: SKIPPED }, (_, n) => closedLongAgo(n));
		await store.main.bulkDocs([...before, ...others, ticket(10)] as Record<string, unknown>[]);
		feed = new SharedFeed(store.main, { retryDelay: () => 0, log: () => undefined, ringSize: 1 });
		await feed.start();
		index = new ScopeIndex(store.main, feed);
		await index.build();
	});
	afterEach(async () => {
		feed.stop();
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('takes at least 256 entries a pass when the page is one row short, not one pass per entry it skips', async () => {
		const whole = await scopedChanges(store.main, feed, viewer, query(), { index });
		expect(whole.results).toHaveLength(11);
		// The page ends on her last ticket: after the first ten rows it is one row short, with 600 skipped entries ahead.
		const passes = vi.spyOn(index, 'afterFor');
		const page = await scopedChanges(store.main, feed, viewer, query({ limit: 11 }), { index });
		expect(page).toEqual(whole);
		expect(page).toEqual(await scopedChanges(store.main, feed, viewer, query({ limit: 11 })));
		// 611 entries in all: the first pass takes 11, each later one at least 256, so four passes at most (a walk of one
		// entry a pass near the page's end took over 600, each a turn of the event loop).
		expect(passes.mock.calls.length).toBeGreaterThan(1);
		expect(passes.mock.calls.length).toBeLessThanOrEqual(4);
		for (const [, , max] of passes.mock.calls.slice(1)) expect(max).toBeGreaterThanOrEqual(WALK_MIN);
	});
});

import { describe, expect, it } from 'vitest';
import type { Priority, Status, Ticket } from './schemas';
import { buildingQueue, categorizationFlag, filterTickets, NO_FILTERS, openFirst, queueOrder, stillToSort, uncategorizedQueue } from './queues';
import { INTERIM_ORDER, myTickets, workQueues, workQueuesFor } from './work-queues';

const ticket = (n: string, over: { status?: Status; priority?: Priority | null; building?: string; requester?: string; createdBy?: string; createdAt?: string; assignee?: string | null; escalatedTo?: string | null; category?: string | null; level?: 1 | 2 | 3 }): Ticket =>
	({
		_id: `ticket:${n}`,
		number: n,
		status: 'new',
		priority: null,
		assignee: null,
		escalatedTo: null,
		category: null,
		level: 1,
		building: 'lincoln-es',
		requester: 'lgarcia',
		createdBy: 'lgarcia',
		createdAt: '2026-11-20T10:00:00.000Z',
		...over
	}) as Ticket;

describe('queues', () => {
	it('lists a requester’s open tickets before the finished ones, newest first, and nobody else’s', () => {
		const mine = myTickets(
			[
				ticket('A', { createdAt: '2026-11-01T00:00:00Z' }),
				ticket('B', { createdAt: '2026-11-05T00:00:00Z' }),
				ticket('C', { status: 'resolved' }),
				ticket('D', { requester: 'someone', createdBy: 'someone' })
			],
			'lgarcia'
		);
		expect(mine.open.map((t) => t.number)).toEqual(['B', 'A']);
		expect(mine.done.map((t) => t.number)).toEqual(['C']);
	});

	it('without an SLA setup on the device, orders a building queue by priority, unset last, then oldest first, leaving out other buildings and closed tickets', () => {
		const queue = buildingQueue(
			[
				ticket('A', { priority: null, createdAt: '2026-11-01T00:00:00Z' }),
				ticket('B', { priority: 2, createdAt: '2026-11-03T00:00:00Z' }),
				ticket('C', { priority: 2, createdAt: '2026-11-02T00:00:00Z' }),
				ticket('D', { priority: 1 }),
				ticket('E', { building: 'jefferson-es' }),
				ticket('F', { status: 'closed' })
			],
			['lincoln-es'],
			null,
			0
		);
		expect(queue.map((t) => t.number)).toEqual(['D', 'C', 'B', 'A']);
	});

	it('splits a technician’s device into mine, escalated to me, unassigned and my buildings, open tickets only', () => {
		const queues = workQueues(
			[
				ticket('A', { assignee: 'spatel', status: 'assigned' }),
				ticket('B', { assignee: 'spatel', status: 'resolved' }),
				ticket('C', { assignee: 'kbrennan', escalatedTo: 'spatel', building: 'jefferson-es' }),
				ticket('D', {}),
				ticket('E', { assignee: 'kbrennan', priority: 1 })
			],
			{ username: 'spatel', buildings: ['lincoln-es'], role: 'building-tech' },
			queueOrder(null, 0)
		);
		expect(queues.mine.map((t) => t.number)).toEqual(['A']);
		expect(queues.escalated.map((t) => t.number)).toEqual(['C']);
		expect(queues.unassigned.map((t) => t.number)).toEqual(['D']);
		expect(queues.buildings.map((t) => t.number)).toEqual(['E', 'A', 'D']);
		// Without an SLA setup, the order is the one the home page uses before the SLA engine has loaded.
		expect(queueOrder(null, 0)).toBe(INTERIM_ORDER);
	});

	it('sends an escalation addressed to nobody to the coordinators', () => {
		const all = [ticket('A', { assignee: 'spatel', level: 2, escalatedTo: null }), ticket('B', { assignee: 'spatel', level: 2, escalatedTo: 'pshah' })];
		expect(workQueues(all, { username: 'mrivera', buildings: [], role: 'coordinator' }, INTERIM_ORDER).escalated.map((t) => t.number)).toEqual(['A']);
		expect(workQueues(all, { username: 'pshah', buildings: [], role: 'specialist' }, INTERIM_ORDER).escalated.map((t) => t.number)).toEqual(['B']);
		expect(workQueues(all, { username: 'spatel', buildings: [], role: 'building-tech' }, INTERIM_ORDER).escalated).toEqual([]);
	});

	it('gives the buildings queue only to building technicians', () => {
		expect(workQueuesFor({ role: 'building-tech' })).toContain('buildings');
		expect(workQueuesFor({ role: 'specialist' })).toEqual(['mine', 'escalated']);
		expect(workQueuesFor({ role: 'coordinator' })).not.toContain('buildings');
	});

	it('lists open uncategorized tickets oldest first and, without an SLA setup on the device, flags those older than two wall-clock hours', () => {
		const queue = uncategorizedQueue([
			ticket('A', { createdAt: '2026-11-20T10:00:00Z' }),
			ticket('B', { createdAt: '2026-11-20T08:00:00Z' }),
			ticket('C', { category: 'printers' }),
			ticket('D', { status: 'closed' })
		]);
		expect(queue.map((t) => t.number)).toEqual(['B', 'A']);
		const now = Date.parse('2026-11-20T11:30:00Z');
		expect(queue.map((t) => categorizationFlag(t, null, now))).toEqual(['breached', null]);
	});

	it('filters all tickets by building, category, status and assignee, including "none" for the missing ones', () => {
		const all = [
			ticket('A', { category: 'printers', assignee: 'spatel' }),
			ticket('B', { building: 'jefferson-es' }),
			ticket('C', { status: 'closed', category: 'printers' })
		];
		const numbers = (f: Partial<typeof NO_FILTERS>) => filterTickets(all, { ...NO_FILTERS, ...f }, null, 0).map((t) => t.number);
		expect(numbers({})).toEqual(['A', 'B']);
		expect(numbers({ status: '' })).toEqual(['A', 'B', 'C']);
		expect(numbers({ status: 'closed' })).toEqual(['C']);
		expect(numbers({ building: 'jefferson-es' })).toEqual(['B']);
		expect(numbers({ category: 'none' })).toEqual(['B']);
		expect(numbers({ category: 'printers', status: '' })).toEqual(['A', 'C']);
		expect(numbers({ assignee: 'none' })).toEqual(['B']);
		expect(numbers({ assignee: 'spatel' })).toEqual(['A']);
	});

	it('puts open tickets before resolved and closed ones with any status, a closed emergency included', () => {
		const all = [
			ticket('CLOSED-P1', { status: 'closed', priority: 1 }),
			ticket('OPEN-P4', { priority: 4 }),
			ticket('RESOLVED-P1', { status: 'resolved', priority: 1 }),
			ticket('OPEN-P2', { status: 'in-progress', priority: 2 })
		];
		expect(filterTickets(all, { ...NO_FILTERS, status: '' }, null, 0).map((t) => t.number)).toEqual(['OPEN-P2', 'OPEN-P4', 'CLOSED-P1', 'RESOLVED-P1']);
	});

	it('keeps the given order within the open and the finished groups', () => {
		const byNumber = (a: Ticket, b: Ticket) => a.number.localeCompare(b.number);
		const sorted = [ticket('D', { status: 'closed' }), ticket('C', {}), ticket('B', { status: 'resolved' }), ticket('A', { status: 'waiting-vendor' })].sort(openFirst(byNumber));
		expect(sorted.map((t) => t.number)).toEqual(['A', 'C', 'B', 'D']);
	});

	it('says a ticket still needs its category to leave To sort, and nothing once it has one or is finished', () => {
		expect(stillToSort(ticket('A', { assignee: 'spatel', priority: 2 }))).toEqual(['category']);
		expect(stillToSort(ticket('B', { category: 'printers' }))).toEqual([]);
		expect(stillToSort(ticket('C', { status: 'closed' }))).toEqual([]);
	});
});

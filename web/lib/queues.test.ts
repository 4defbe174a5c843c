import { describe, expect, it } from 'vitest';
import type { Priority, Status, Ticket } from '$core/schemas';
import { buildingQueue, myTickets } from './queues';

const ticket = (n: string, over: { status?: Status; priority?: Priority | null; building?: string; requester?: string; createdBy?: string; createdAt?: string }): Ticket =>
	({
		_id: `ticket:${n}`,
		number: n,
		status: 'new',
		priority: null,
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

	it('orders a building queue by priority, unset last, then oldest first, leaving out other buildings and closed tickets', () => {
		const queue = buildingQueue(
			[
				ticket('A', { priority: null, createdAt: '2026-11-01T00:00:00Z' }),
				ticket('B', { priority: 2, createdAt: '2026-11-03T00:00:00Z' }),
				ticket('C', { priority: 2, createdAt: '2026-11-02T00:00:00Z' }),
				ticket('D', { priority: 1 }),
				ticket('E', { building: 'jefferson-es' }),
				ticket('F', { status: 'closed' })
			],
			['lincoln-es']
		);
		expect(queue.map((t) => t.number)).toEqual(['D', 'C', 'B', 'A']);
	});
});

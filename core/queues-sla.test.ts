import { describe, expect, it } from 'vitest';
import { buildingQueue, categorizationFlag, filterTickets, NO_FILTERS, queueOrder, uncategorizedQueue } from './queues';
import type { Ticket } from './schemas';
import type { SlaSetup } from './sla/clock';
import { BusinessCalendar } from './sla/calendar';
import { SLA_PRESETS } from './sla/presets';
import { staffTest } from './sla/staff';
import { newTicket } from './ticket';
import { withDistribution, withStatus } from './ticket-changes';
import { workQueues } from './work-queues';

// Denver, Monday to Friday 07:00 to 15:30; December 2026 is MST (UTC-7). Monday 7 December 07:00 = 14:00Z.
const calendar = BusinessCalendar.parse({
	timeZone: 'America/Denver',
	hours: { mon: [{ start: '07:00', end: '15:30' }], tue: [{ start: '07:00', end: '15:30' }], wed: [{ start: '07:00', end: '15:30' }], thu: [{ start: '07:00', end: '15:30' }], fri: [{ start: '07:00', end: '15:30' }], sat: [], sun: [] }
});
const policy = SLA_PRESETS.find((p) => p.id === 'ts-pe-004')!;
const setup: SlaSetup = { policy, calendar, isStaff: staffTest((u) => (u === 'spatel' ? 'building-tech' : u === 'lgarcia' ? 'requester' : undefined)) };

const filed = (number: string, at: string): Ticket =>
	newTicket(
		{ number, requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'lgarcia', source: 'web', title: `Ticket ${number}`, description: 'x', building: 'lincoln-es' },
		at,
		`e-${number}`
	);

// A: filed 07:00, nobody categorized it: categorization (2 business hours) was due 09:00, breached at 10:00.
const A = filed('AAA-AAA', '2026-12-07T14:00:00.000Z');
// B: filed 09:30: categorization due 11:30.  D: filed 09:50: categorization due 11:50.
const B = filed('BBB-BBB', '2026-12-07T16:30:00.000Z');
const D = filed('DDD-DDD', '2026-12-07T16:50:00.000Z');
// C: filed 08:00, categorized and given a priority by Sam at 08:10, then waiting on a vendor from 08:20 (first response met,
// resolution paused, nothing running).
const C = withStatus(
	withDistribution(filed('CCC-CCC', '2026-12-07T15:00:00.000Z'), { by: 'spatel', at: '2026-12-07T15:10:00.000Z', id: 'c1' }, { category: 'break-fix', priority: 3, assignee: 'spatel' }),
	{ by: 'spatel', at: '2026-12-07T15:20:00.000Z', id: 'c2' },
	'waiting-vendor',
	'Replacement lamp ordered from the vendor.'
)!;
const TEN_AM = Date.parse('2026-12-07T17:00:00Z');
const numbers = (tickets: Ticket[]) => tickets.map((t) => t.number);

describe('queues in SLA order', () => {
	it('put a breached ticket first, then the nearest due, and a paused one last', () => {
		const tickets = [C, D, B, A];
		expect(numbers(buildingQueue(tickets, ['lincoln-es'], setup, TEN_AM))).toEqual(['AAA-AAA', 'BBB-BBB', 'DDD-DDD', 'CCC-CCC']);
		expect(numbers(workQueues(tickets, { username: 'spatel', buildings: ['lincoln-es'], role: 'building-tech' }, queueOrder(setup, TEN_AM)).buildings)).toEqual([
			'AAA-AAA',
			'BBB-BBB',
			'DDD-DDD',
			'CCC-CCC'
		]);
		expect(numbers(filterTickets(tickets, NO_FILTERS, setup, TEN_AM))).toEqual(['AAA-AAA', 'BBB-BBB', 'DDD-DDD', 'CCC-CCC']);
	});

	it('fall back to priority, then the oldest, without a setup on the device', () => {
		expect(numbers(buildingQueue([C, D, B, A], ['lincoln-es'], null, TEN_AM))).toEqual(['CCC-CCC', 'AAA-AAA', 'BBB-BBB', 'DDD-DDD']);
	});
});

describe('the To-sort flag', () => {
	it('follows the categorization clock: breached, at risk from 75% of the target, otherwise none', () => {
		expect(numbers(uncategorizedQueue([C, D, B, A]))).toEqual(['AAA-AAA', 'BBB-BBB', 'DDD-DDD']);
		expect(categorizationFlag(A, setup, TEN_AM)).toBe('breached');
		expect(categorizationFlag(B, setup, TEN_AM)).toBeNull();
		// 11:05: B has run 95 of its 120 business minutes (at risk from 90); D has run 75.
		const elevenOhFive = Date.parse('2026-12-07T18:05:00Z');
		expect(categorizationFlag(B, setup, elevenOhFive)).toBe('at-risk');
		expect(categorizationFlag(D, setup, elevenOhFive)).toBeNull();
	});

	it('counts business time: a ticket filed at 15:00 on Friday has run 75 minutes by 07:45 on Monday', () => {
		const friday = filed('FRI-FRI', '2026-12-04T22:00:00.000Z');
		const mondayMorning = Date.parse('2026-12-07T14:45:00Z');
		expect(categorizationFlag(friday, setup, mondayMorning)).toBeNull();
		// The wall-clock rule used while no setup is on the device would call it late.
		expect(categorizationFlag(friday, null, mondayMorning)).toBe('breached');
	});
});

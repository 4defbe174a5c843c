import { describe, expect, it } from 'vitest';
import { compileCalendar, recentBusinessDays } from '../sla/business-time';
import { denverWithClosures } from '../sla/business-time.fixtures';
import { backlogAgeing, businessDaysOfAge } from './backlog-ageing';
import { ticket } from './dashboard.fixtures';

// Demo hours Mon-Fri 07:00-15:30 in Denver (-07:00), Thanksgiving (Thu 26 and Fri 27 Nov 2026) closed. Now is Monday
// 30 Nov 10:00, so the business days back from today are 30, 25, 24, 23, 20, 19, 18, 17, 16, 13 November.
const cal = compileCalendar(denverWithClosures);
const now = Date.parse('2026-11-30T10:00:00-07:00');

describe('businessDaysOfAge', () => {
	const recent = recentBusinessDays(cal, now, 10);
	const cases: [string, string, number][] = [
		['filed this morning', '2026-11-30T08:00:00-07:00', 0],
		['filed at midnight today, before the opening', '2026-11-30T00:00:00-07:00', 0],
		['filed Wednesday in hours: only today has begun since', '2026-11-25T14:00:00-07:00', 1],
		['filed Wednesday after the close: its clocks start today', '2026-11-25T16:00:00-07:00', 0],
		['filed on the Saturday', '2026-11-28T10:00:00-07:00', 0],
		['filed Tuesday', '2026-11-24T10:00:00-07:00', 2],
		['filed Monday a week ago at the opening', '2026-11-23T07:00:00-07:00', 3],
		['filed Friday 20', '2026-11-20T12:00:00-07:00', 4],
		['filed Thursday 19', '2026-11-19T12:00:00-07:00', 5],
		['filed Friday 13', '2026-11-13T12:00:00-07:00', 9],
		['filed Thursday 12 in hours: 10 or more', '2026-11-12T12:00:00-07:00', 10],
		['filed Thursday 12 after the close: its clocks start Friday 13', '2026-11-12T16:00:00-07:00', 9],
		['filed a year ago: counted up to 10', '2025-11-12T12:00:00-07:00', 10]
	];
	it.each(cases)('%s', (_name, filedAt, days) => {
		expect(businessDaysOfAge(cal, recent, Date.parse(filedAt))).toBe(days);
	});
});

describe('backlogAgeing', () => {
	it('buckets open tickets by business days of age and skips resolved ones', () => {
		const tickets = [
			ticket({ createdAt: '2026-11-30T08:00:00-07:00' }),
			ticket({ createdAt: '2026-11-25T16:00:00-07:00' }),
			ticket({ createdAt: '2026-11-25T14:00:00-07:00' }),
			ticket({ createdAt: '2026-11-24T10:00:00-07:00' }),
			ticket({ createdAt: '2026-11-23T07:00:00-07:00' }),
			ticket({ createdAt: '2026-11-19T12:00:00-07:00' }),
			ticket({ createdAt: '2026-11-13T12:00:00-07:00' }),
			ticket({ createdAt: '2026-11-12T12:00:00-07:00' }),
			ticket({ createdAt: '2026-01-05T12:00:00-07:00', status: 'waiting-vendor' }),
			ticket({ createdAt: '2026-01-05T12:00:00-07:00', status: 'closed' })
		];
		expect(backlogAgeing(tickets, cal, now)).toEqual([
			{ label: '0-1', minDays: 0, count: 2 },
			{ label: '1-3', minDays: 1, count: 2 },
			{ label: '3-5', minDays: 3, count: 1 },
			{ label: '5-10', minDays: 5, count: 2 },
			{ label: '10+', minDays: 10, count: 2 }
		]);
	});

	it('counts a filing at the close as starting the next business day, and a minute before it as that day, in either order', () => {
		const filed = [
			'2026-11-25T16:00:00-07:00', // after Wednesday's close: 0
			'2026-11-25T14:00:00-07:00', // in hours: 1
			'2026-11-25T15:29:00-07:00', // a minute before the close: 1
			'2026-11-25T15:30:00-07:00', // at the close: 0
			'2026-11-12T16:00:00-07:00', // after Thursday 12's close, so from Friday 13: 9
			'2026-11-12T12:00:00-07:00', // in hours Thursday 12: 10
			'2026-11-13T06:59:00-07:00' // before Friday 13's opening: 9
		];
		const expected = [
			{ label: '0-1', minDays: 0, count: 2 },
			{ label: '1-3', minDays: 1, count: 2 },
			{ label: '3-5', minDays: 3, count: 0 },
			{ label: '5-10', minDays: 5, count: 2 },
			{ label: '10+', minDays: 10, count: 1 }
		];
		expect(backlogAgeing(filed.map((createdAt) => ticket({ createdAt })), cal, now)).toEqual(expected);
		expect(backlogAgeing([...filed].reverse().map((createdAt) => ticket({ createdAt })), cal, now)).toEqual(expected);
	});

	it('gives empty buckets for no tickets', () => {
		expect(backlogAgeing([], cal, now).map((b) => b.count)).toEqual([0, 0, 0, 0, 0]);
	});
});

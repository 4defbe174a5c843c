import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../sla/calendar';
import { compileCalendar } from '../sla/business-time';
import { denver, denverAlwaysOpen, denverWithClosures, lunchBreak } from '../sla/business-time.fixtures';
import { HOUR, MIN, ticket } from './dashboard.fixtures';
import { reviewReminder, uncategorizedQueueAge } from './uncategorized-review';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const kolkata: BusinessCalendar = { ...denver, timeZone: 'Asia/Kolkata', hours: { ...lunchBreak.hours } };

describe('reviewReminder', () => {
	// Demo hours Mon-Fri 07:00-15:30 in Denver (-07:00 in winter); Thanksgiving, Thu 26 and Fri 27 Nov 2026, closed.
	const cases: [string, BusinessCalendar, string, string | null, string | null][] = [
		['at 09:20 it has been due since 09:00; next at 11:00', denverWithClosures, '2026-11-30T09:20:00-07:00', '2026-11-30T09:00:00-07:00', '2026-11-30T11:00:00-07:00'],
		['exactly at 09:00', denverWithClosures, '2026-11-30T09:00:00-07:00', '2026-11-30T09:00:00-07:00', '2026-11-30T11:00:00-07:00'],
		['at 10:00 (an even hour) not due; next at 11:00', denverWithClosures, '2026-11-30T10:00:00-07:00', null, '2026-11-30T11:00:00-07:00'],
		['the opening at 07:00 is an odd hour', denverWithClosures, '2026-11-30T07:05:00-07:00', '2026-11-30T07:00:00-07:00', '2026-11-30T09:00:00-07:00'],
		['at 15:10, the last of the day; next the following morning', denverWithClosures, '2026-11-30T15:10:00-07:00', '2026-11-30T15:00:00-07:00', '2026-12-01T07:00:00-07:00'],
		['at 15:45 the office has closed: not due', denverWithClosures, '2026-11-30T15:45:00-07:00', null, '2026-12-01T07:00:00-07:00'],
		['before Thanksgiving: next on the Monday after', denverWithClosures, '2026-11-25T15:10:00-07:00', '2026-11-25T15:00:00-07:00', '2026-11-30T07:00:00-07:00'],
		['on the Saturday: not due; next on Monday', denverWithClosures, '2026-11-28T11:30:00-07:00', null, '2026-11-30T07:00:00-07:00'],
		['opening at 08:00: the first reminder is at 09:00', lunchBreak, '2026-11-30T07:30:00-07:00', null, '2026-11-30T09:00:00-07:00'],
		['over lunch: not due; 13:00 is open', lunchBreak, '2026-11-30T12:30:00-07:00', null, '2026-11-30T13:00:00-07:00'],
		['in the district zone, not UTC (+05:30)', kolkata, '2026-11-30T09:10:00+05:30', '2026-11-30T09:00:00+05:30', '2026-11-30T11:00:00+05:30'],
		['spring forward: 01:00 MST, then 03:00 MDT an hour later', denverAlwaysOpen, '2026-03-08T01:30:00-07:00', '2026-03-08T01:00:00-07:00', '2026-03-08T03:00:00-06:00'],
		['fall back: the first 01:00 (MDT)', denverAlwaysOpen, '2026-11-01T00:30:00-06:00', null, '2026-11-01T01:00:00-06:00']
	];
	it.each(cases)('%s', (_name, calendar, now, since, next) => {
		const reminder = reviewReminder(compileCalendar(calendar), at(now));
		expect({ ...reminder, since: iso(reminder.since), next: iso(reminder.next) }).toEqual({
			due: since !== null,
			since: since === null ? null : iso(at(since)),
			next: next === null ? null : iso(at(next))
		});
	});

	it('has no next reminder when the office opens at no odd hour', () => {
		const evenOnly: BusinessCalendar = { ...denver, hours: { ...denver.hours, mon: [{ start: '08:00', end: '08:30' }], tue: [], wed: [], thu: [], fri: [] } };
		expect(reviewReminder(compileCalendar(evenOnly), at('2026-11-30T08:10:00-07:00'))).toEqual({ due: false, since: null, next: null });
	});
});

describe('uncategorizedQueueAge', () => {
	const cal = compileCalendar(denverWithClosures);
	it('counts open tickets without a category and ages the oldest in wall-clock and business time', () => {
		const oldest = ticket({ category: null, createdAt: '2026-11-25T14:00:00-07:00' });
		const tickets = [
			ticket({ category: null, createdAt: '2026-11-30T08:00:00-07:00' }),
			oldest,
			ticket({ category: null, createdAt: '2026-11-20T08:00:00-07:00', status: 'resolved' }),
			ticket({ category: 'network', createdAt: '2026-11-01T08:00:00-07:00' })
		];
		// Wednesday 14:00 to Monday 10:00: 116 hours; open time 1.5 h on Wednesday and 3 h on Monday.
		expect(uncategorizedQueueAge(tickets, cal, at('2026-11-30T10:00:00-07:00'))).toEqual({
			count: 2,
			oldest: { ticket: oldest, ageMs: 116 * HOUR, businessAgeMs: 4 * HOUR + 30 * MIN }
		});
	});

	it('is empty when every open ticket has a category', () => {
		expect(uncategorizedQueueAge([ticket()], cal, at('2026-11-30T10:00:00-07:00'))).toEqual({ count: 0, oldest: null });
	});
});

import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, compileCalendar, nextOpening } from './business-time';
import type { BusinessCalendar, WeeklyHours } from './calendar';

// Zones whose clocks change at midnight. Chile: Saturday 4 April 2026 at 24:00 (-03:00) goes back to 23:00 (-04:00),
// so that Saturday has 25 hours. Cuba: Sunday 8 March 2026 at 00:00 (-05:00) jumps to 01:00 (-04:00), so that Sunday
// starts at 01:00. Open every day 07:00-15:30; the expected values are worked out by hand.
const day = [{ start: '07:00', end: '15:30' }];
const everyDay: WeeklyHours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
const calendar = (timeZone: string): BusinessCalendar => ({ timeZone, hours: everyDay, overrides: [], closures: [] });
const at = (iso: string) => Date.parse(iso);

describe('business time where the clocks change at midnight', () => {
	it('America/Santiago: the day after a 25-hour Saturday opens at 07:00 -04:00', () => {
		const cal = compileCalendar(calendar('America/Santiago'));
		expect(nextOpening(cal, at('2026-04-04T16:00:00-03:00'))).toBe(at('2026-04-05T07:00:00-04:00'));
		expect(addBusinessTime(cal, at('2026-04-04T15:00:00-03:00'), 60 * 60_000)).toBe(at('2026-04-05T07:30:00-04:00'));
		expect(businessTimeBetween(cal, at('2026-04-04T15:00:00-03:00'), at('2026-04-05T08:00:00-04:00'))).toBe(90 * 60_000);
		expect(nextOpening(cal, at('2026-06-10T06:00:00-04:00'))).toBe(at('2026-06-10T07:00:00-04:00'));
	});

	it('America/Havana: a Sunday that starts at 01:00 opens at 07:00 -04:00, and so do the days after it', () => {
		const cal = compileCalendar(calendar('America/Havana'));
		expect(nextOpening(cal, at('2026-03-07T16:00:00-05:00'))).toBe(at('2026-03-08T07:00:00-04:00'));
		expect(addBusinessTime(cal, at('2026-03-07T15:00:00-05:00'), 60 * 60_000)).toBe(at('2026-03-08T07:30:00-04:00'));
		expect(nextOpening(cal, at('2026-03-09T06:00:00-04:00'))).toBe(at('2026-03-09T07:00:00-04:00'));
		expect(businessTimeBetween(cal, at('2026-03-08T07:00:00-04:00'), at('2026-03-09T07:00:00-04:00'))).toBe(8.5 * 60 * 60_000);
	});
});

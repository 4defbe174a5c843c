import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessDaysLater, compileCalendar, localDate } from './business-time';
import { denver } from './business-time.fixtures';

// Run only by the tz-* projects (vite.config.ts), whose worker processes start with TZ set, next to
// business-time.test.ts: this file proves the zone really is in effect there, so those tables would catch
// any use of the host's zone.
describe('business time with the host in another zone', () => {
	it('runs in the zone TZ names, far from the calendar zone', () => {
		const offsets: Record<string, number> = { 'Asia/Kolkata': -330, 'America/New_York': 300 };
		expect(Object.keys(offsets)).toContain(process.env.TZ);
		expect(new Date('2026-01-10T05:00:00Z').getTimezoneOffset()).toBe(offsets[process.env.TZ!]);
		// 2026-01-10T05:00Z is 22:00 on the 9th in Denver, but 10:30 (Kolkata) or 00:00 (New York) on the 10th here.
		expect(new Date('2026-01-10T05:00:00Z').getDate()).toBe(10);
	});

	it('answers in the calendar zone, as written by hand', () => {
		const cal = compileCalendar(denver);
		expect(localDate(cal, Date.parse('2026-01-10T05:00:00Z'))).toBe('2026-01-09');
		expect(new Date(addBusinessTime(cal, Date.parse('2026-03-06T15:00:00-07:00'), 3_600_000)).toISOString()).toBe('2026-03-09T13:30:00.000Z');
		expect(new Date(businessDaysLater(cal, Date.parse('2026-10-30T10:00:00-06:00'), 1)).toISOString()).toBe('2026-11-02T17:00:00.000Z');
	});
});

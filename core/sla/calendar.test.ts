import { describe, expect, it } from 'vitest';
import { BusinessCalendar, Closure } from './calendar';

const weekdays = [{ start: '07:00', end: '15:30' }];
const calendar = (timeZone: string) => ({ timeZone, hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] } });
const closure = (start: string, end: string) => ({ id: 'c', summary: 'Closed', allDay: !start.includes('T'), start, end, source: 'manual' });

describe('the business calendar schema', () => {
	it.each(['America/Denver', 'America/Phoenix', 'UTC', 'Etc/GMT+7', 'America/Argentina/Buenos_Aires'])('takes the IANA zone %s', (zone) => {
		expect(BusinessCalendar.safeParse(calendar(zone)).success).toBe(true);
	});

	it.each(['-06:00', '+05:30', 'Mountain Standard Time', 'America/Nowhere', ''])('refuses %j, which is not an IANA zone name', (zone) => {
		expect(BusinessCalendar.safeParse(calendar(zone)).success).toBe(false);
	});

	it('refuses a week without any opening', () => {
		const closed = { ...calendar('America/Denver'), hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
		expect(BusinessCalendar.safeParse(closed).error?.issues[0].message).toBe('the office opens on at least one day of the week');
	});

	it('takes a closure of up to a year and refuses a longer one, which would stop every clock', () => {
		expect(Closure.safeParse(closure('2027-06-01', '2027-08-15')).success).toBe(true);
		expect(Closure.safeParse(closure('2026-07-01', '2027-07-01')).success).toBe(true);
		expect(Closure.safeParse(closure('2020-01-01', '2099-01-01')).error?.issues[0].message).toBe('a closure lasts at most a year; add one per period');
		expect(Closure.safeParse(closure('2026-01-01T00:00:00-07:00', '2028-01-01T00:00:00-07:00')).success).toBe(false);
	});
});

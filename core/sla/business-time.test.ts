import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar';
import {
	addBusinessTime,
	businessDaysLater,
	businessTimeBetween,
	compileCalendar,
	isOpen,
	localDate,
	nextBusinessDayClose,
	nextOpening,
	recentBusinessDays
} from './business-time';
import {
	denver,
	denverAlwaysOpen,
	denverSummer,
	denverSundayNight,
	denverWithClosures,
	lunchBreak,
	phoenix,
	santiago,
	santiagoAlwaysOpen
} from './business-time.fixtures';

// Every expected value below was worked out by hand from the calendar's hours and the conventions.
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

const overnightClosure: BusinessCalendar = {
	...denver,
	closures: [{ id: 'c', summary: 'network work', allDay: false, start: '2026-01-13T12:00:00-07:00', end: '2026-01-14T10:00:00-07:00', source: 'manual' }]
};
const weekdays = (start: string, end: string) => ({ ...denver.hours, mon: [{ start, end }], tue: [{ start, end }], wed: [{ start, end }], thu: [{ start, end }], fri: [{ start, end }] });
const overlappingOverrides: BusinessCalendar = {
	...denver,
	overrides: [
		{ label: 'July', first: '2026-07-01', last: '2026-07-31', hours: weekdays('08:00', '12:00') },
		{ label: 'Late summer', first: '2026-07-15', last: '2026-08-15', hours: weekdays('09:00', '10:00') }
	]
};

// 2026-03-08 in Denver: the first opening ends at 02:30, inside the gap (so at 03:30 MDT); the second starts at 03:00 MDT.
const openingEndsInGap: BusinessCalendar = { ...denver, hours: { ...denver.hours, sun: [{ start: '01:00', end: '02:30' }, { start: '03:00', end: '04:00' }] } };
// Samoa skipped Friday 30 December 2011: Thursday 29 at 24:00 (-10:00) was Saturday 31 at 00:00 (+14:00).
const apia: BusinessCalendar = { ...denver, timeZone: 'Pacific/Apia', hours: weekdays('09:00', '17:00') };

describe('addBusinessTime', () => {
	const cases: [string, BusinessCalendar, string, number, string][] = [
		['rolls from before closing on a Friday to Monday', denver, '2026-01-09T15:00:00-07:00', 240, '2026-01-12T10:30:00-07:00'],
		['ends on a close when the time runs out exactly there', denver, '2026-01-09T15:00:00-07:00', 30, '2026-01-09T15:30:00-07:00'],
		['starts at the next opening when added on a Saturday', denver, '2026-01-10T10:00:00-07:00', 60, '2026-01-12T08:00:00-07:00'],
		['a week of business time from Monday 07:00 ends on Friday at close', denver, '2026-01-12T07:00:00-07:00', 5 * 510, '2026-01-16T15:30:00-07:00'],
		['over the spring DST weekend in Denver (MST Friday, MDT Monday)', denver, '2026-03-06T15:00:00-07:00', 60, '2026-03-09T07:30:00-06:00'],
		['over the fall DST weekend in Denver (MDT Friday, MST Monday)', denver, '2026-10-30T15:00:00-06:00', 60, '2026-11-02T07:30:00-07:00'],
		['over the 2027 spring DST weekend in Denver', denver, '2027-03-12T14:00:00-07:00', 120, '2027-03-15T07:30:00-06:00'],
		['in Phoenix the same weekend keeps -07:00', phoenix, '2026-03-06T15:00:00-07:00', 60, '2026-03-09T07:30:00-07:00'],
		['in Phoenix over the fall weekend keeps -07:00', phoenix, '2026-10-30T15:00:00-07:00', 60, '2026-11-02T07:30:00-07:00'],
		['skips an all-day closure (Thanksgiving Thursday and Friday)', denverWithClosures, '2026-11-25T15:00:00-07:00', 60, '2026-11-30T07:30:00-07:00'],
		['stops at an early close (12:00 to 17:00 closed) and goes on Monday', denverWithClosures, '2026-12-18T11:00:00-07:00', 120, '2026-12-21T08:00:00-07:00'],
		['uses the summer hours (Thursday to 16:00, Friday closed)', denverSummer, '2026-06-18T15:00:00-06:00', 120, '2026-06-22T08:00:00-06:00'],
		['the summer schedule includes its last date (a Friday, closed)', denverSummer, '2026-08-06T15:30:00-06:00', 60, '2026-08-10T07:30:00-06:00'],
		['the day before the summer schedule keeps the usual hours', denverSummer, '2026-06-12T15:00:00-06:00', 60, '2026-06-15T07:30:00-06:00'],
		['skips the lunch break', lunchBreak, '2026-01-12T11:30:00-07:00', 60, '2026-01-12T13:30:00-07:00'],
		['ends at the lunch close, not after lunch', lunchBreak, '2026-01-12T11:30:00-07:00', 30, '2026-01-12T12:00:00-07:00'],
		['counts real time through the spring change (01:00 MST to 03:30 MDT is 90 minutes)', denverSundayNight, '2026-03-08T00:00:00-07:00', 90, '2026-03-08T03:30:00-06:00'],
		['counts the repeated hour in the fall (01:00 MDT to 02:30 MST is 150 minutes)', denverSundayNight, '2026-10-31T12:00:00-06:00', 150, '2026-11-01T02:30:00-07:00'],
		['a day open around the clock on the spring change has 23 hours', denverAlwaysOpen, '2026-03-08T00:00:00-07:00', 24 * 60, '2026-03-09T01:00:00-06:00'],
		['zero business time from a closed time is the next opening', denver, '2026-01-09T16:00:00-07:00', 0, '2026-01-12T07:00:00-07:00'],
		['in Santiago over the April weekend (-03:00 Friday, -04:00 Monday)', santiago, '2026-04-03T15:00:00-03:00', 60, '2026-04-06T07:30:00-04:00'],
		['in Santiago over the September weekend (-04:00 Friday, -03:00 Monday)', santiago, '2026-09-04T15:00:00-04:00', 60, '2026-09-07T07:30:00-03:00']
	];
	it.each(cases)('%s', (_name, calendar, start, minutes, expected) => {
		expect(iso(addBusinessTime(compileCalendar(calendar), at(start), minutes * MIN))).toBe(iso(at(expected)));
	});
});

describe('businessTimeBetween', () => {
	const cases: [string, BusinessCalendar, string, string, number][] = [
		['over the spring DST weekend', denver, '2026-03-06T15:00:00-07:00', '2026-03-09T07:30:00-06:00', 60],
		['over a new year (Friday 1 January 2027 is open in the plain demo hours)', denver, '2026-12-31T15:00:00-07:00', '2027-01-04T08:00:00-07:00', 30 + 510 + 60],
		['over Thanksgiving', denverWithClosures, '2026-11-25T00:00:00-07:00', '2026-11-30T00:00:00-07:00', 510],
		['on the early-close day', denverWithClosures, '2026-12-18T00:00:00-07:00', '2026-12-19T00:00:00-07:00', 300],
		['a spring Sunday 01:00 to 04:00 is 2 hours', denverSundayNight, '2026-03-07T00:00:00-07:00', '2026-03-09T00:00:00-06:00', 120],
		['a fall Sunday 01:00 to 04:00 is 4 hours', denverSundayNight, '2026-10-31T00:00:00-06:00', '2026-11-02T00:00:00-07:00', 240],
		['the spring change day has 23 hours', denverAlwaysOpen, '2026-03-08T00:00:00-07:00', '2026-03-09T00:00:00-06:00', 23 * 60],
		['the fall change day has 25 hours', denverAlwaysOpen, '2026-11-01T00:00:00-06:00', '2026-11-02T00:00:00-07:00', 25 * 60],
		['a lunch break does not count', lunchBreak, '2026-01-12T11:00:00-07:00', '2026-01-12T14:00:00-07:00', 120],
		['a Santiago Saturday ending in a change back at midnight has 25 hours', santiagoAlwaysOpen, '2026-04-04T00:00:00-03:00', '2026-04-05T00:00:00-04:00', 25 * 60],
		['a Santiago Sunday starting at 01:00 (no midnight) has 23 hours', santiagoAlwaysOpen, '2026-09-06T01:00:00-03:00', '2026-09-07T00:00:00-03:00', 23 * 60],
		['a Santiago weekday months after the change still opens at 07:00 local', santiago, '2025-12-31T00:00:00-03:00', '2025-12-31T07:30:00-03:00', 30],
		['a part-day closure from Tuesday noon to Wednesday 10:00 leaves 5 h then 5 h 30', overnightClosure, '2026-01-13T00:00:00-07:00', '2026-01-15T00:00:00-07:00', 300 + 330],
		['openings that meet across the spring gap count once (01:00 MST to 04:00 MDT is 2 h)', openingEndsInGap, '2026-03-08T00:00:00-07:00', '2026-03-09T00:00:00-06:00', 120],
		['a skipped day has no open time (Samoa, Friday 30 December 2011)', apia, '2011-12-29T00:00:00-10:00', '2012-01-03T00:00:00+14:00', 2 * 8 * 60],
		['is zero when the end is before the start', denver, '2026-01-12T14:00:00-07:00', '2026-01-12T10:00:00-07:00', 0]
	];
	it.each(cases)('%s', (_name, calendar, from, to, minutes) => {
		expect(businessTimeBetween(compileCalendar(calendar), at(from), at(to))).toBe(minutes * MIN);
	});
});

describe('isOpen and nextOpening', () => {
	it('is open from the opening up to, not including, the close', () => {
		const cal = compileCalendar(denver);
		expect(isOpen(cal, at('2026-01-12T06:59:59.999-07:00'))).toBe(false);
		expect(isOpen(cal, at('2026-01-12T07:00:00-07:00'))).toBe(true);
		expect(isOpen(cal, at('2026-01-12T15:29:59.999-07:00'))).toBe(true);
		expect(isOpen(cal, at('2026-01-12T15:30:00-07:00'))).toBe(false);
		expect(isOpen(cal, at('2026-01-10T10:00:00-07:00'))).toBe(false);
	});
	it('is closed during lunch and during a closure', () => {
		expect(isOpen(compileCalendar(lunchBreak), at('2026-01-12T12:30:00-07:00'))).toBe(false);
		expect(isOpen(compileCalendar(denverWithClosures), at('2026-11-26T10:00:00-07:00'))).toBe(false);
		expect(isOpen(compileCalendar(denverWithClosures), at('2026-12-18T12:00:00-07:00'))).toBe(false);
		expect(isOpen(compileCalendar(denverWithClosures), at('2026-12-18T11:59:00-07:00'))).toBe(true);
	});
	const cases: [string, BusinessCalendar, string, string][] = [
		['an open time is its own next opening', denver, '2026-01-12T10:00:00-07:00', '2026-01-12T10:00:00-07:00'],
		['Friday evening opens on Monday morning', denver, '2026-01-09T16:00:00-07:00', '2026-01-12T07:00:00-07:00'],
		['the spring DST Saturday opens Monday at 07:00 MDT', denver, '2026-03-07T12:00:00-07:00', '2026-03-09T07:00:00-06:00'],
		['Thanksgiving opens the next Monday', denverWithClosures, '2026-11-26T09:00:00-07:00', '2026-11-30T07:00:00-07:00'],
		['lunch ends at 13:00', lunchBreak, '2026-01-12T12:15:00-07:00', '2026-01-12T13:00:00-07:00'],
		['where two overrides overlap, the first listed one applies', overlappingOverrides, '2026-07-20T00:00:00-06:00', '2026-07-20T08:00:00-06:00'],
		['after the first override ends, the second one applies', overlappingOverrides, '2026-08-03T00:00:00-06:00', '2026-08-03T09:00:00-06:00'],
		['Santiago opens at 07:00 local on the last day of 2025', santiago, '2025-12-31T06:00:00-03:00', '2025-12-31T07:00:00-03:00']
	];
	it.each(cases)('%s', (_name, calendar, t, expected) => {
		expect(iso(nextOpening(compileCalendar(calendar), at(t)))).toBe(iso(at(expected)));
	});
});

describe('businessDaysLater', () => {
	const cases: [string, BusinessCalendar, string, number, string][] = [
		['1 day is the same time the next business day', denver, '2026-01-13T10:00:00-07:00', 1, '2026-01-14T10:00:00-07:00'],
		['2 days from Thursday is Monday', denver, '2026-01-15T10:00:00-07:00', 2, '2026-01-19T10:00:00-07:00'],
		['5 days is a week later', denver, '2026-01-12T10:00:00-07:00', 5, '2026-01-19T10:00:00-07:00'],
		['skips a closure (Thanksgiving)', denverWithClosures, '2026-11-25T10:00:00-07:00', 1, '2026-11-30T10:00:00-07:00'],
		['landing on an early-close day after its close gives that close', denverWithClosures, '2026-12-17T14:00:00-07:00', 1, '2026-12-18T12:00:00-07:00'],
		['landing on an early-close day before its close keeps the time', denverWithClosures, '2026-12-17T09:00:00-07:00', 1, '2026-12-18T09:00:00-07:00'],
		['keeps the local time over the spring DST change', denver, '2026-03-06T10:00:00-07:00', 1, '2026-03-09T10:00:00-06:00'],
		['keeps the local time over the fall DST change', denver, '2026-10-30T10:00:00-06:00', 1, '2026-11-02T10:00:00-07:00'],
		['counts from a Saturday: its first business day is Monday', denver, '2026-01-10T10:00:00-07:00', 1, '2026-01-12T10:00:00-07:00'],
		['a summer Thursday to 16:00 lands on Monday (Friday closed)', denverSummer, '2026-06-18T15:45:00-06:00', 1, '2026-06-22T15:45:00-06:00'],
		['a summer 15:45 landing on a usual day closing at 15:30 gives 15:30', denverSummer, '2026-08-06T15:45:00-06:00', 1, '2026-08-10T15:30:00-06:00'],
		['a time in the spring gap moves forward by an hour', denverAlwaysOpen, '2026-03-07T02:30:00-07:00', 1, '2026-03-08T03:30:00-06:00'],
		['a time in the fall overlap is the earlier one', denverAlwaysOpen, '2026-10-31T01:30:00-06:00', 1, '2026-11-01T01:30:00-06:00'],
		['the second 01:30 of the fall change day keeps 01:30 the next day', denverAlwaysOpen, '2026-11-01T01:30:00-07:00', 1, '2026-11-02T01:30:00-07:00'],
		['skips a day a zone skipped (Samoa, 2011): Thursday to Monday', apia, '2011-12-29T10:00:00-10:00', 1, '2012-01-02T10:00:00+14:00'],
		['00:30 on the Santiago Sunday without midnight is 01:30', santiagoAlwaysOpen, '2026-09-05T00:30:00-04:00', 1, '2026-09-06T01:30:00-03:00']
	];
	it.each(cases)('%s', (_name, calendar, start, days, expected) => {
		expect(iso(businessDaysLater(compileCalendar(calendar), at(start), days))).toBe(iso(at(expected)));
	});
});

describe('nextBusinessDayClose', () => {
	const cases: [string, BusinessCalendar, string, string][] = [
		['from Friday is Monday at close', denver, '2026-01-09T10:00:00-07:00', '2026-01-12T15:30:00-07:00'],
		['from before Thanksgiving is the Monday after at close', denverWithClosures, '2026-11-25T10:00:00-07:00', '2026-11-30T15:30:00-07:00'],
		['the day before an early close is that early close', denverWithClosures, '2026-12-17T10:00:00-07:00', '2026-12-18T12:00:00-07:00'],
		['with a lunch break is the afternoon close', lunchBreak, '2026-01-12T09:00:00-07:00', '2026-01-13T17:00:00-07:00'],
		['over the spring DST weekend closes at 15:30 MDT', denver, '2026-03-06T09:00:00-07:00', '2026-03-09T15:30:00-06:00']
	];
	it.each(cases)('%s', (_name, calendar, start, expected) => {
		expect(iso(nextBusinessDayClose(compileCalendar(calendar), at(start)))).toBe(iso(at(expected)));
	});
});

describe('localDate', () => {
	it('is the date in the calendar zone, not in UTC', () => {
		expect(localDate(compileCalendar(denver), at('2026-01-10T05:00:00Z'))).toBe('2026-01-09');
		expect(localDate(compileCalendar(denver), at('2026-01-10T07:00:00Z'))).toBe('2026-01-10');
	});
});

describe('recentBusinessDays', () => {
	const cases: [string, BusinessCalendar, string, number, string[]][] = [
		['today first, then back over Thanksgiving and the weekend', denverWithClosures, '2026-11-30T10:00:00-07:00', 4, ['2026-11-30T00:00:00-07:00', '2026-11-25T00:00:00-07:00', '2026-11-24T00:00:00-07:00', '2026-11-23T00:00:00-07:00']],
		['today counts before it opens (its midnight has passed)', denver, '2026-12-01T06:00:00-07:00', 2, ['2026-12-01T00:00:00-07:00', '2026-11-30T00:00:00-07:00']],
		['from a Sunday: the Friday before', denver, '2026-11-29T12:00:00-07:00', 1, ['2026-11-27T00:00:00-07:00']],
		['back over a new year', denver, '2027-01-01T06:00:00-07:00', 3, ['2027-01-01T00:00:00-07:00', '2026-12-31T00:00:00-07:00', '2026-12-30T00:00:00-07:00']],
		['none asked', denver, '2026-11-30T10:00:00-07:00', 0, []]
	];
	it.each(cases)('%s', (_name, calendar, t, count, expected) => {
		expect(recentBusinessDays(compileCalendar(calendar), at(t), count).map(iso)).toEqual(expected.map((e) => iso(at(e))));
	});
	it('gives fewer days when the calendar has been closed for over 20 years', () => {
		const closed: BusinessCalendar = { ...denver, closures: [{ id: 'long', summary: 'long', allDay: true, start: '1990-01-01', end: '2026-11-30', source: 'manual' }] };
		expect(recentBusinessDays(compileCalendar(closed), at('2026-12-01T12:00:00-07:00'), 3).map(iso)).toEqual([iso(at('2026-12-01T00:00:00-07:00')), iso(at('2026-11-30T00:00:00-07:00'))]);
	});
});

describe('long closures', () => {
	const closedFrom2026To = (end: string): BusinessCalendar => ({
		...denver,
		closures: [{ id: 'long', summary: 'long', allDay: true, start: '2026-01-01', end, source: 'manual' }]
	});
	it('finds an opening 14 years later', () => {
		const cal = compileCalendar(closedFrom2026To('2040-01-01'));
		expect(iso(nextOpening(cal, at('2026-06-01T12:00:00-06:00')))).toBe(iso(at('2040-01-02T07:00:00-07:00')));
		expect(iso(addBusinessTime(cal, at('2026-06-01T12:00:00-06:00'), 30 * MIN))).toBe(iso(at('2040-01-02T07:30:00-07:00')));
	});
	it('refuses with a clear error when nothing opens within 20 years', () => {
		const cal = compileCalendar(closedFrom2026To('2060-01-01'));
		const t = at('2026-06-01T12:00:00-06:00');
		expect(() => nextOpening(cal, t)).toThrow(/no opening within 20 years/);
		expect(() => addBusinessTime(cal, t, MIN)).toThrow(/no opening within 20 years/);
		expect(() => businessDaysLater(cal, t, 1)).toThrow(/no opening within 20 years/);
		expect(() => nextBusinessDayClose(cal, t)).toThrow(/no opening within 20 years/);
	});
});

describe('compileCalendar', () => {
	it('compiles a calendar object once', () => {
		expect(compileCalendar(denver)).toBe(compileCalendar(denver));
		expect(compileCalendar(denver).timeZone).toBe('America/Denver');
	});
});

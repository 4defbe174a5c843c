import type { BusinessCalendar, Closure, OpeningRange, WeeklyHours } from './calendar';

/** Calendars for the business-time tests (shared by the unit, property and TZ tests). */

const week = (day: OpeningRange[], weekend: OpeningRange[] = []): WeeklyHours => ({
	mon: day, tue: day, wed: day, thu: day, fri: day, sat: weekend, sun: weekend
});

const allDay = (id: string, start: string, end: string): Closure => ({ id, summary: id, allDay: true, start, end, source: 'manual' });
const partDay = (id: string, start: string, end: string): Closure => ({ id, summary: id, allDay: false, start, end, source: 'manual' });

/** The demo district's hours: America/Denver, Monday to Friday 07:00 to 15:30. */
export const denver: BusinessCalendar = {
	timeZone: 'America/Denver',
	hours: week([{ start: '07:00', end: '15:30' }]),
	overrides: [],
	closures: []
};

/** The demo hours with Thanksgiving (Thu 26 and Fri 27 Nov 2026) closed and an early close at noon on Fri 18 Dec 2026. */
export const denverWithClosures: BusinessCalendar = {
	...denver,
	closures: [
		allDay('thanksgiving', '2026-11-26', '2026-11-28'),
		partDay('early-close', '2026-12-18T12:00:00-07:00', '2026-12-18T17:00:00-07:00')
	]
};

/** The demo hours with a summer schedule: Monday to Thursday 07:00 to 16:00, Fridays closed, 15 June to 7 August 2026. */
export const denverSummer: BusinessCalendar = {
	...denver,
	overrides: [
		{ label: 'Summer', first: '2026-06-15', last: '2026-08-07', hours: { ...week([{ start: '07:00', end: '16:00' }]), fri: [] } }
	]
};

/** The same hours in America/Phoenix, which keeps -07:00 all year. */
export const phoenix: BusinessCalendar = { ...denver, timeZone: 'America/Phoenix' };

/** A lunch break: 08:00 to 12:00 and 13:00 to 17:00, Monday to Friday, in Denver. */
export const lunchBreak: BusinessCalendar = {
	...denver,
	hours: week([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }])
};

/** Open around the clock, every day, in Denver (a day's open time is its length: 23 or 25 hours on DST days). */
export const denverAlwaysOpen: BusinessCalendar = {
	...denver,
	hours: week([{ start: '00:00', end: '24:00' }], [{ start: '00:00', end: '24:00' }])
};

/** Open Sundays 01:00 to 04:00 in Denver only: the opening spans the 02:00 DST changes. */
export const denverSundayNight: BusinessCalendar = {
	...denver,
	hours: { ...week([]), sun: [{ start: '01:00', end: '04:00' }] }
};

/** The demo hours in America/Santiago, where DST changes at midnight (a Saturday of 25 hours, a Sunday that starts at 01:00). */
export const santiago: BusinessCalendar = { ...denver, timeZone: 'America/Santiago' };

/** Open around the clock in America/Santiago. */
export const santiagoAlwaysOpen: BusinessCalendar = { ...denverAlwaysOpen, timeZone: 'America/Santiago' };

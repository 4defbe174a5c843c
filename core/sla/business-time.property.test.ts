import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, type BusinessCalendar, type OpeningRange, type WeeklyHours } from './calendar';
import { addBusinessTime, businessDaysLater, businessTimeBetween, compileCalendar, isOpen, localDate, nextOpening } from './business-time';

const MIN = 60_000;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-12-31T00:00:00Z');
// Zones with DST at 02:00 (Denver, New York), at 01:00 UTC (London), by 30 minutes (Lord Howe), at midnight
// (Santiago: a day without 00:00 and a Saturday with two 23:00), and none (Phoenix, Kolkata at +05:30).
const ZONES = ['America/Denver', 'America/Phoenix', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago'];

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const dayRanges: fc.Arbitrary<OpeningRange[]> = fc
	.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
	.map((ms) => {
		const sorted = [...ms].sort((a, b) => a - b);
		const out: OpeningRange[] = [];
		for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ start: hhmm(sorted[i]), end: hhmm(sorted[i + 1]) });
		return out;
	});
const weeklyHours: fc.Arbitrary<WeeklyHours> = fc.tuple(...WEEKDAYS.map(() => dayRanges)).map((days) => Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i]])) as WeeklyHours);
const dayIn = fc.integer({ min: FROM, max: TO }).map(isoDate);

/** Random calendars valid under the schema: hours, overrides, all-day and part-day closures in 2026-2027. */
const calendars: fc.Arbitrary<BusinessCalendar> = fc.record({
	timeZone: fc.constantFrom(...ZONES),
	hours: weeklyHours.map((h) => (WEEKDAYS.some((d) => h[d].length > 0) ? h : { ...h, mon: [{ start: '09:00', end: '17:00' }] })),
	overrides: fc.array(
		fc.record({ first: fc.integer({ min: FROM, max: TO }), days: fc.integer({ min: 0, max: 60 }), hours: weeklyHours }).map((o) => ({
			label: 'override',
			first: isoDate(o.first),
			last: isoDate(o.first + o.days * 86_400_000),
			hours: o.hours
		})),
		{ maxLength: 2 }
	),
	closures: fc
		.tuple(
			fc.array(fc.tuple(dayIn, fc.integer({ min: 1, max: 10 })), { maxLength: 4 }),
			fc.array(fc.tuple(fc.integer({ min: FROM / MIN, max: TO / MIN }), fc.integer({ min: 1, max: 600 })), { maxLength: 4 })
		)
		.map(([days, parts]) => [
			...days.map(([start, n], i) => ({ id: `d${i}`, summary: '', allDay: true, start, end: isoDate(Date.parse(start) + n * 86_400_000), source: 'manual' as const })),
			...parts.map(([m, n], i) => ({ id: `p${i}`, summary: '', allDay: false, start: new Date(m * MIN).toISOString(), end: new Date((m + n) * MIN).toISOString(), source: 'manual' as const }))
		])
});

/** DST changes of a zone in the test years, to start windows near them often. */
function transitions(timeZone: string): number[] {
	const out: number[] = [];
	let z = Temporal.Instant.fromEpochMilliseconds(FROM).toZonedDateTimeISO(timeZone);
	for (let next = z.getTimeZoneTransition('next'); next !== null && next.epochMilliseconds < TO; next = next.getTimeZoneTransition('next')) {
		out.push(next.epochMilliseconds);
		z = next;
	}
	return out;
}

/** A calendar and a whole-minute instant: anywhere in the years, or within two days of one of its zone's DST changes. */
const calendarAndMinute = calendars.chain((calendar) => {
	const near = transitions(calendar.timeZone);
	const anywhere = fc.integer({ min: FROM / MIN, max: TO / MIN }).map((m) => m * MIN);
	if (near.length === 0) return fc.tuple(fc.constant(calendar), anywhere);
	const nearChange = fc.tuple(fc.constantFrom(...near), fc.integer({ min: -2 * 1440, max: 2 * 1440 })).map(([t, m]) => t + m * MIN);
	return fc.tuple(fc.constant(calendar), fc.oneof(anywhere, nearChange));
});

/** The reference: is the office open at t, by reading t's wall clock with Temporal and the rules as written. */
function naiveIsOpen(calendar: BusinessCalendar, t: number, openings: Map<string, [number, number][]>): boolean {
	const z = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(calendar.timeZone);
	const date = z.toPlainDate();
	const day = date.toString();
	if (calendar.closures.some((c) => (c.allDay ? c.start <= day && day < c.end : Date.parse(c.start) <= t && t < Date.parse(c.end)))) return false;
	let spans = openings.get(day);
	if (spans === undefined) {
		const hours = calendar.overrides.find((o) => o.first <= day && day <= o.last)?.hours ?? calendar.hours;
		// Each opening is the instants from its start wall time to its end wall time on that date ('compatible' in gaps and overlaps).
		const instant = (time: string) =>
			time === '24:00'
				? date.add({ days: 1 }).toZonedDateTime(calendar.timeZone).epochMilliseconds
				: date.toZonedDateTime({ timeZone: calendar.timeZone, plainTime: time }).epochMilliseconds;
		spans = hours[WEEKDAYS[z.dayOfWeek - 1]].map((r): [number, number] => [instant(r.start), instant(r.end)]);
		openings.set(day, spans);
	}
	return spans.some(([s, e]) => s <= t && t < e);
}

const anyInstant = fc.integer({ min: FROM, max: TO });
const businessMs = fc.integer({ min: 1, max: 30 * 24 * 60 * MIN });

// Each property compiles random calendars (Temporal work per local year), so allow for a busy machine.
describe('business time, property-based', { timeout: 60_000 }, () => {
	it('isOpen and businessTimeBetween agree with a minute-by-minute Temporal check over small windows', () => {
		fc.assert(
			fc.property(calendarAndMinute, fc.integer({ min: 1, max: 120 }), ([calendar, start], minutes) => {
				const cal = compileCalendar(calendar);
				const openings = new Map<string, [number, number][]>();
				let open = 0;
				for (let m = 0; m < minutes; m++) {
					const t = start + m * MIN;
					const expected = naiveIsOpen(calendar, t, openings);
					expect(isOpen(cal, t), new Date(t).toISOString()).toBe(expected);
					if (expected) open += MIN;
				}
				expect(businessTimeBetween(cal, start, start + minutes * MIN)).toBe(open);
			}),
			{ numRuns: 100 }
		);
	});

	it('addBusinessTime is monotonic in the start and in the amount', () => {
		fc.assert(
			fc.property(calendarAndMinute, anyInstant, businessMs, businessMs, ([calendar, t1], dt, ms1, ms2) => {
				const cal = compileCalendar(calendar);
				const t2 = t1 + (dt % (3 * 86_400_000));
				expect(addBusinessTime(cal, Math.min(t1, t2), ms1)).toBeLessThanOrEqual(addBusinessTime(cal, Math.max(t1, t2), ms1));
				expect(addBusinessTime(cal, t1, Math.min(ms1, ms2))).toBeLessThanOrEqual(addBusinessTime(cal, t1, Math.max(ms1, ms2)));
			}),
			{ numRuns: 300 }
		);
	});

	it('addBusinessTime is additive: adding a then b (b > 0) is adding a + b', () => {
		fc.assert(
			fc.property(calendarAndMinute, fc.integer({ min: 0, max: 10 * 86_400_000 }), businessMs, ([calendar, t], a, b) => {
				const cal = compileCalendar(calendar);
				expect(addBusinessTime(cal, addBusinessTime(cal, t, a), b)).toBe(addBusinessTime(cal, t, a + b));
			}),
			{ numRuns: 300 }
		);
	});

	it('the business time from t to addBusinessTime(t, ms) is ms, and any earlier instant has less', () => {
		fc.assert(
			fc.property(calendarAndMinute, fc.integer({ min: 0, max: 59_999 }), fc.integer({ min: 0, max: 30 * 24 * 60 * MIN }), ([calendar, m], extra, ms) => {
				const cal = compileCalendar(calendar);
				const t = m + extra;
				const due = addBusinessTime(cal, t, ms);
				expect(due).toBeGreaterThanOrEqual(t);
				expect(businessTimeBetween(cal, t, due)).toBe(ms);
				if (ms > 0) expect(businessTimeBetween(cal, t, due - 1)).toBeLessThan(ms);
				else expect(due).toBe(nextOpening(cal, t));
			}),
			{ numRuns: 300 }
		);
	});

	it('businessDaysLater lands on the N-th business day, at the start time of day or at that day\'s close', () => {
		fc.assert(
			fc.property(calendarAndMinute, fc.integer({ min: 1, max: 10 }), ([calendar, start], days) => {
				const cal = compileCalendar(calendar);
				const due = businessDaysLater(cal, start, days);
				const tz = calendar.timeZone;
				const dayBounds = (d: Temporal.PlainDate) => [d.toZonedDateTime(tz).epochMilliseconds, d.add({ days: 1 }).toZonedDateTime(tz).epochMilliseconds];
				let d = Temporal.PlainDate.from(localDate(cal, start));
				for (let n = 0; n < days; ) {
					d = d.add({ days: 1 });
					const [a, b] = dayBounds(d);
					if (businessTimeBetween(cal, a, b) > 0) n++;
				}
				const [dayStart, dayEnd] = dayBounds(d);
				expect(due).toBeGreaterThan(dayStart);
				expect(due).toBeLessThanOrEqual(dayEnd);
				const wall = (t: number) => Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(tz).toPlainTime();
				const sameTime = d.toZonedDateTime({ timeZone: tz, plainTime: wall(start) }).epochMilliseconds;
				// The day's close: open just before, none of the day's business time after (a window to 24:00 closes at
				// midnight even when the next day opens at 00:00, so the calendar may be open at that instant).
				const isClose = isOpen(cal, due - 1) && businessTimeBetween(cal, due, dayEnd) === 0;
				expect(due === sameTime || isClose).toBe(true);
				if (due !== sameTime) expect(isOpen(cal, sameTime)).toBe(false);
			}),
			{ numRuns: 200 }
		);
	});
});

import { Temporal } from 'temporal-polyfill';
import { WEEKDAYS, minutesOfDay, type BusinessCalendar } from './calendar';

const DAY_MS = 86_400_000;

/** A calendar's rules in a form cheap to apply day by day: minutes per weekday, epoch days, epoch ms. */
export interface CalendarRules {
	timeZone: string;
	/** Open ranges in local minutes [start, end, start, end, ...] per ISO weekday index (0 = Monday). */
	weekly: number[][];
	/** Overrides as epoch-day spans (both ends included), first listed wins. */
	overrides: { first: number; last: number; weekly: number[][] }[];
	/** All-day closures, merged and sorted, epoch days [start, end). */
	closedDays: number[];
	/** Part-day closures, merged and sorted, epoch ms [start, end). */
	closedTimes: number[];
}

/**
 * One local year of a calendar: its days and its open intervals (epoch ms, half-open, sorted, closures removed),
 * with a prefix sum of open time so that open time up to any instant is one binary search.
 */
export interface YearChunk {
	year: number;
	startMs: number;
	endMs: number;
	/** Per local day of the year: local midnight, epoch day, first interval index, interval count, whether wall time maps linearly. */
	dayStart: number[];
	dayEpoch: number[];
	dayFirst: number[];
	dayCount: number[];
	dayLinear: boolean[];
	starts: number[];
	ends: number[];
	/** Open time before interval i (within this year). */
	before: number[];
	total: number;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian; no time zone involved). */
function epochDayOfYmd(year: number, month: number, day: number): number {
	return new Date(0).setUTCFullYear(year, month - 1, day) / DAY_MS;
}

/** Days since 1970-01-01 of an ISO date "YYYY-MM-DD". */
export function epochDayOf(isoDate: string): number {
	return epochDayOfYmd(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10)));
}

/** The ISO date of an epoch day. */
export function isoDateOf(epochDay: number): string {
	return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** The plain date of an epoch day. */
export function plainDateOf(epochDay: number): Temporal.PlainDate {
	const d = new Date(epochDay * DAY_MS);
	return new Temporal.PlainDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function mergeSpans(spans: [number, number][]): number[] {
	spans.sort((a, b) => a[0] - b[0]);
	const out: number[] = [];
	for (const [s, e] of spans) {
		if (out.length > 0 && s <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], e);
		else out.push(s, e);
	}
	return out;
}

function weeklyMinutes(hours: BusinessCalendar['hours']): number[][] {
	return WEEKDAYS.map((d) => hours[d].flatMap((r) => [minutesOfDay(r.start), minutesOfDay(r.end)]));
}

/** Turns a calendar document's rules into numbers (no zone arithmetic yet). */
export function calendarRules(calendar: BusinessCalendar): CalendarRules {
	const closures = calendar.closures ?? [];
	return {
		timeZone: calendar.timeZone,
		weekly: weeklyMinutes(calendar.hours),
		overrides: (calendar.overrides ?? []).map((o) => ({ first: epochDayOf(o.first), last: epochDayOf(o.last), weekly: weeklyMinutes(o.hours) })),
		closedDays: mergeSpans(closures.filter((c) => c.allDay).map((c) => [epochDayOf(c.start), epochDayOf(c.end)])),
		closedTimes: mergeSpans(closures.filter((c) => !c.allDay).map((c) => [Date.parse(c.start), Date.parse(c.end)]))
	};
}

/** Index of the last element of a sorted array that is <= x, or -1. */
export function lastAtOrBefore(sorted: number[], x: number, lo = 0, hi = sorted.length): number {
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return lo - 1;
}

function startOfDay(date: Temporal.PlainDate, timeZone: string): number {
	return date.toZonedDateTime({ timeZone }).epochMilliseconds;
}

/**
 * The instant of a local wall time on a date. A wall time in a DST gap or overlap resolves with Temporal's
 * 'compatible' disambiguation: in a gap it moves forward by the gap's length, in an overlap it is the earlier instant.
 */
export function wallTimeToEpochMs(date: Temporal.PlainDate, wallMs: number, timeZone: string): number {
	const time = Temporal.PlainTime.from({ hour: 0 }).add({ milliseconds: wallMs });
	return date.toPlainDateTime(time).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function transitionsIn(timeZone: string, startMs: number, endMs: number): number[] {
	const out: number[] = [];
	let at = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(timeZone);
	for (;;) {
		const next = at.getTimeZoneTransition('next');
		if (next === null || next.epochMilliseconds >= endMs) return out;
		out.push(next.epochMilliseconds);
		at = next;
	}
}

function isAllDayClosed(rules: CalendarRules, epochDay: number): boolean {
	const i = lastAtOrBefore(rules.closedDays, epochDay);
	return i >= 0 && i % 2 === 0;
}

function rangesFor(rules: CalendarRules, epochDay: number): number[] {
	const weekday = (((epochDay + 3) % 7) + 7) % 7;
	for (const o of rules.overrides) if (o.first <= epochDay && epochDay <= o.last) return o.weekly[weekday];
	return rules.weekly[weekday];
}

/** Pushes [s, e) minus the part-day closures onto starts/ends. */
function pushOpen(rules: CalendarRules, s: number, e: number, starts: number[], ends: number[]): void {
	const closed = rules.closedTimes;
	let k = lastAtOrBefore(closed, s);
	if (k >= 0 && k % 2 === 0) {
		s = closed[k + 1]; // s is inside a closure: open from its end
		k += 2;
	} else k += 1; // k is now the (even) index of the first closure that starts after s
	for (; k < closed.length && closed[k] < e; k += 2) {
		if (closed[k] > s) {
			starts.push(s);
			ends.push(closed[k]);
		}
		s = closed[k + 1];
	}
	if (s < e) {
		starts.push(s);
		ends.push(e);
	}
}

/** Builds one local year of the calendar (the only place with zone arithmetic besides wall-time lookups). */
export function buildYear(rules: CalendarRules, year: number): YearChunk {
	const tz = rules.timeZone;
	const firstDate = new Temporal.PlainDate(year, 1, 1);
	const startMs = startOfDay(firstDate, tz);
	const endMs = startOfDay(new Temporal.PlainDate(year + 1, 1, 1), tz);
	const transitions = transitionsIn(tz, startMs - 1, endMs + 1);
	const chunk: YearChunk = {
		year, startMs, endMs, dayStart: [], dayEpoch: [], dayFirst: [], dayCount: [], dayLinear: [], starts: [], ends: [], before: [], total: 0
	};
	const firstEpochDay = epochDayOfYmd(year, 1, 1);
	const lastEpochDay = epochDayOfYmd(year, 12, 31);
	let dayStart = startMs;
	for (let epochDay = firstEpochDay; epochDay <= lastEpochDay; epochDay++) {
		// Linear (wall time = dayStart + elapsed, 24 h long): no offset change from the day's start to 24 h later, both
		// ends included: in Santiago a change at midnight makes the day start at 01:00, or a change at 24:00 lengthens it.
		const t = lastAtOrBefore(transitions, dayStart + DAY_MS);
		const linear = t < 0 || transitions[t] < dayStart;
		const date = linear ? null : plainDateOf(epochDay);
		const nextStart = linear ? dayStart + DAY_MS : startOfDay(date!.add({ days: 1 }), tz);
		const first = chunk.starts.length;
		if (!isAllDayClosed(rules, epochDay)) {
			const ranges = rangesFor(rules, epochDay);
			const toMs = (m: number) => (m === 1440 ? nextStart : linear ? dayStart + m * 60_000 : wallTimeToEpochMs(date!, m * 60_000, tz));
			// A wall time in a DST gap moves forward, so a range can map before the previous range's end, or (a gap
			// just before midnight) past the day's end: clamp to keep the intervals sorted and inside their day.
			let floor = dayStart;
			for (let r = 0; r < ranges.length; r += 2) {
				const s = Math.max(floor, toMs(ranges[r]));
				const e = Math.min(nextStart, toMs(ranges[r + 1]));
				if (s < e) pushOpen(rules, s, e, chunk.starts, chunk.ends);
				floor = Math.max(floor, e);
			}
		}
		chunk.dayStart.push(dayStart);
		chunk.dayEpoch.push(epochDay);
		chunk.dayFirst.push(first);
		chunk.dayCount.push(chunk.starts.length - first);
		chunk.dayLinear.push(linear);
		dayStart = nextStart;
	}
	let total = 0;
	for (let i = 0; i < chunk.starts.length; i++) {
		chunk.before.push(total);
		total += chunk.ends[i] - chunk.starts[i];
	}
	chunk.total = total;
	return chunk;
}

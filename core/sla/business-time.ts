import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from './calendar';
import { buildYear, calendarRules, isoDateOf, lastAtOrBefore, plainDateOf, wallTimeToEpochMs, type CalendarRules, type YearChunk } from './business-year';

/**
 * Business-time arithmetic on a district calendar. Times are epoch milliseconds. Every zone computation goes
 * through Temporal in the calendar's IANA zone, never the host's. Wall times that fall in a DST gap or overlap
 * (an opening hour, the same time of day on a later date) resolve with Temporal's 'compatible' disambiguation:
 * a time in a spring-forward gap moves forward by the gap's length; a time in a fall-back overlap is the earlier one.
 * Open intervals are half-open [open, close).
 */
export interface CompiledCalendar {
	readonly timeZone: string;
}

/** Searches give up (with an Error) after this many years without an opening. */
const SEARCH_YEARS = 20;
const YEAR_MS = 365.2425 * 86_400_000;

class Compiled implements CompiledCalendar {
	readonly timeZone: string;
	readonly rules: CalendarRules;
	readonly years = new Map<number, YearChunk>();
	last: YearChunk | null = null;
	/** A day cursor for the business-day functions: a year and the index of a day in it. */
	cur!: YearChunk;
	day = 0;
	constructor(calendar: BusinessCalendar) {
		this.rules = calendarRules(calendar);
		this.timeZone = this.rules.timeZone;
	}
	year(year: number): YearChunk {
		let chunk = this.years.get(year);
		if (chunk === undefined) {
			chunk = buildYear(this.rules, year);
			this.years.set(year, chunk);
		}
		return chunk;
	}
	/** The local year that contains t. */
	chunkAt(t: number): YearChunk {
		const last = this.last;
		if (last !== null && t >= last.startMs && t < last.endMs) return last;
		if (!Number.isFinite(t)) throw new RangeError(`not a time: ${t}`);
		// Years average 365.2425 days, so this guess is off by at most a couple of days, and zone offsets by less than one.
		let chunk = this.year(Math.floor(t / YEAR_MS) + 1970);
		while (t < chunk.startMs) chunk = this.year(chunk.year - 1);
		while (t >= chunk.endMs) chunk = this.year(chunk.year + 1);
		this.last = chunk;
		return chunk;
	}
}

const compiled = new WeakMap<BusinessCalendar, Compiled>();

/** Prepares a calendar for fast arithmetic; memoized per calendar object (treat it as immutable), years built when first asked for. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
	let c = compiled.get(calendar);
	if (c === undefined) {
		c = new Compiled(calendar);
		compiled.set(calendar, c);
	}
	return c;
}

function noOpening(t: number): Error {
	return new Error(`The business calendar has no opening within ${SEARCH_YEARS} years after ${new Date(t).toISOString()}`);
}

/** Open time in the chunk before t (t inside the chunk). */
function openBefore(chunk: YearChunk, t: number): number {
	const i = lastAtOrBefore(chunk.starts, t);
	return i < 0 ? 0 : chunk.before[i] + Math.min(t, chunk.ends[i]) - chunk.starts[i];
}

/** Whether the office is open at t. */
export function isOpen(cal: CompiledCalendar, t: number): boolean {
	const chunk = (cal as Compiled).chunkAt(t);
	const i = lastAtOrBefore(chunk.starts, t);
	return i >= 0 && t < chunk.ends[i];
}

/** The first open instant at or after t (t itself when open). */
export function nextOpening(cal: CompiledCalendar, t: number): number {
	const c = cal as Compiled;
	let chunk = c.chunkAt(t);
	const i = lastAtOrBefore(chunk.starts, t);
	if (i >= 0 && t < chunk.ends[i]) return t;
	if (i + 1 < chunk.starts.length) return chunk.starts[i + 1];
	for (let n = 0; n < SEARCH_YEARS; n++) {
		chunk = c.year(chunk.year + 1);
		if (chunk.starts.length > 0) return chunk.starts[0];
	}
	throw noOpening(t);
}

/** Business time (ms) open in [from, to); 0 when to <= from. */
export function businessTimeBetween(cal: CompiledCalendar, from: number, to: number): number {
	if (!(to > from)) return 0;
	const c = cal as Compiled;
	const a = c.chunkAt(from);
	if (to < a.endMs) return openBefore(a, to) - openBefore(a, from);
	const b = c.chunkAt(to);
	let sum = a.total - openBefore(a, from) + openBefore(b, to);
	for (let y = a.year + 1; y < b.year; y++) sum += c.year(y).total;
	return sum;
}

/**
 * The earliest u >= t with businessTimeBetween(t, u) === ms; ms = 0 gives nextOpening(t). A due time that
 * falls on a close is that close (not the next opening).
 */
export function addBusinessTime(cal: CompiledCalendar, t: number, ms: number): number {
	if (!(ms > 0)) return nextOpening(cal, t);
	const c = cal as Compiled;
	let chunk = c.chunkAt(t);
	let target = openBefore(chunk, t) + ms;
	let emptyYears = 0;
	while (target > chunk.total) {
		emptyYears = chunk.total === 0 ? emptyYears + 1 : 0;
		if (emptyYears > SEARCH_YEARS) throw noOpening(t);
		target -= chunk.total;
		chunk = c.year(chunk.year + 1);
	}
	// The first interval whose end reaches the target: before[j] + length_j >= target.
	let lo = 0;
	let hi = chunk.starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (chunk.before[mid] + chunk.ends[mid] - chunk.starts[mid] >= target) hi = mid;
		else lo = mid + 1;
	}
	return chunk.starts[lo] + target - chunk.before[lo];
}

/** The day that holds t: sets cur/day on the compiled calendar (a cursor, so the hot path allocates nothing). */
function seekDay(c: Compiled, t: number): void {
	c.cur = c.chunkAt(t);
	c.day = lastAtOrBefore(c.cur.dayStart, t);
}

/** Moves the cursor n business days (days with open time) forward. */
function forwardBusinessDays(c: Compiled, n: number, t: number): void {
	let chunk = c.cur;
	let day = c.day;
	let emptyDays = 0;
	while (n > 0) {
		if (++day >= chunk.dayStart.length) {
			chunk = c.year(chunk.year + 1);
			day = 0;
		}
		if (chunk.dayCount[day] > 0) {
			n--;
			emptyDays = 0;
		} else if (++emptyDays > SEARCH_YEARS * 366) throw noOpening(t);
	}
	c.cur = chunk;
	c.day = day;
}

/** The last close of the cursor's day. */
function closeOfDay(c: Compiled): number {
	return c.cur.ends[c.cur.dayFirst[c.day] + c.cur.dayCount[c.day] - 1];
}

/** The local wall-clock time of day of t, in ms since midnight (Temporal on a day with a DST change). */
function wallTimeOf(c: Compiled, t: number): number {
	seekDay(c, t);
	if (c.cur.dayLinear[c.day]) return t - c.cur.dayStart[c.day];
	const z = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(c.timeZone);
	return ((z.hour * 60 + z.minute) * 60 + z.second) * 1000 + z.millisecond;
}

/**
 * N business days after start: the same local time of day on the N-th business day after start's local date;
 * if the office is closed at that time that day (an early close, or a later opening), the last close of that day.
 * A business day is a local date with any open time after closures. Fewer than one day gives start.
 */
export function businessDaysLater(cal: CompiledCalendar, start: number, days: number): number {
	if (!(days >= 1)) return start;
	const c = cal as Compiled;
	const wallMs = wallTimeOf(c, start);
	forwardBusinessDays(c, days, start);
	const { cur, day } = c;
	const u = cur.dayLinear[day] ? cur.dayStart[day] + wallMs : wallTimeToEpochMs(plainDateOf(cur.dayEpoch[day]), wallMs, c.timeZone);
	for (let i = cur.dayFirst[day], end = i + cur.dayCount[day]; i < end; i++) {
		if (cur.starts[i] <= u && u <= cur.ends[i]) return u;
	}
	return closeOfDay(c);
}

/** "Next business day": the close of the first business day after start's local date. */
export function nextBusinessDayClose(cal: CompiledCalendar, start: number): number {
	const c = cal as Compiled;
	seekDay(c, start);
	forwardBusinessDays(c, 1, start);
	return closeOfDay(c);
}

/**
 * The local midnights of the latest `count` business days (dates with open time) that begin at or before t, latest
 * first; fewer when the calendar has no more within the search window.
 */
export function recentBusinessDays(cal: CompiledCalendar, t: number, count: number): number[] {
	const c = cal as Compiled;
	let chunk = c.chunkAt(t);
	let day = lastAtOrBefore(chunk.dayStart, t);
	const out: number[] = [];
	let emptyDays = 0;
	while (out.length < count && emptyDays <= SEARCH_YEARS * 366) {
		if (day < 0) {
			chunk = c.year(chunk.year - 1);
			day = chunk.dayStart.length - 1;
		}
		if (chunk.dayCount[day] > 0) {
			out.push(chunk.dayStart[day]);
			emptyDays = 0;
		} else emptyDays++;
		day--;
	}
	return out;
}

/** The ISO date of t in the calendar's zone. */
export function localDate(cal: CompiledCalendar, t: number): string {
	const c = cal as Compiled;
	seekDay(c, t);
	return isoDateOf(c.cur.dayEpoch[c.day]);
}

import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { isoTime } from '../schema-parts';
import { type IcsComponent, type IcsProperty, prop, scanIcs, unescapeText } from './ical-lines';
import { type IcsStamp, type ZoneContext, readStamp, stampMs, wallMs } from './ical-time';
import { ianaZone } from './ical-zones';

/** One occurrence of an imported event. All-day: ISO dates, `end` exclusive; timed: ISO times with offsets. */
export const IcsEvent = z
	.object({
		uid: z.string().min(1).max(300),
		summary: z.string().max(1000),
		start: z.union([z.iso.date(), isoTime]),
		end: z.union([z.iso.date(), isoTime]),
		allDay: z.boolean(),
		closure: z.boolean().describe('The default choice: the event says the district is closed or on holiday (not "No School").')
	})
	.strict();
export type IcsEvent = z.infer<typeof IcsEvent>;

/** What to read: the district's zone (floating times, all-day dates) and the window [from, to) in epoch ms. */
export interface IcsOptions {
	timeZone: string;
	now: number;
	from?: number;
	to?: number;
}

/** The most events one import answers, and the most repetitions one rule may step through to reach the window's end. */
export const MAX_EVENTS = 5000;
const MAX_STEPS = 100_000;
/** The most repetitions the whole file may step through, so one small file cannot keep the server busy for long. */
const MAX_FILE_STEPS = 200_000;

/** The default window: 12 months before `now` to 24 months after, in the district's zone. */
export function defaultWindow(now: number, timeZone: string): { from: number; to: number } {
	const here = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone);
	return { from: here.subtract({ months: 12 }).epochMilliseconds, to: here.add({ months: 24 }).epochMilliseconds };
}

/** The default choice of closures: a category or the summary says closed or holiday, and none of them says "No School". */
export function saysClosed(summary: string, categories: readonly string[]): boolean {
	const texts = [summary, ...categories];
	return !texts.some((text) => /no\s+school/i.test(text)) && texts.some((text) => /\bclos(ed|es|ing|ure)\b|holiday/i.test(text));
}

type Result<T> = T | { error: string };
const failed = <T>(r: Result<T>): r is { error: string } => typeof r === 'object' && r !== null && 'error' in r;

interface Occurrence { start: IcsStamp; startMs: number }
/** How an occurrence ends, and an upper bound in ms on how long any occurrence lasts. */
interface Length { end: (o: Occurrence) => IcsStamp | number; reach: number }
interface EventPlan { uid: string; summary: string; closed: boolean; start: IcsStamp; length: Length }
const DAY_MS = 86_400_000;

const toIcal = (s: IcsStamp) =>
	s.kind === 'date'
		? ICAL.Time.fromData({ year: s.date.year, month: s.date.month, day: s.date.day, isDate: true })
		: ICAL.Time.fromData({ year: s.time.year, month: s.time.month, day: s.time.day, hour: s.time.hour, minute: s.time.minute, second: s.time.second, isDate: false });
const fromIcal = (t: ICAL.Time, like: IcsStamp): IcsStamp => {
	const date = Temporal.PlainDate.from({ year: t.year, month: t.month, day: t.day });
	return like.kind === 'date' ? { kind: 'date', date } : { kind: 'zoned', zone: like.zone, time: date.toPlainDateTime({ hour: t.hour, minute: t.minute, second: t.second }) };
};
/** What an EXDATE or RECURRENCE-ID names: a whole local date, or one instant. */
const exclusionKey = (s: IcsStamp, ms: number) => (s.kind === 'date' ? `d:${s.date}` : `t:${ms}`);
/** The keys an occurrence is excluded by: its local date (a date EXDATE drops the whole day) and its instant. */
const keysOf = (s: IcsStamp, ms: number) => [`d:${s.kind === 'date' ? s.date : s.time.toPlainDate()}`, `t:${ms}`];

/** Reads every value of a multi-valued date property (EXDATE, RDATE). */
function stampsOf(event: IcsComponent, name: string, ctx: ZoneContext): Result<IcsStamp[]> {
	const out: IcsStamp[] = [];
	for (const p of event.props.filter((q) => q.name === name)) {
		for (const value of p.value.split(',')) {
			if (value.trim() === '') continue;
			const stamp = readStamp(p, value, ctx);
			if (failed(stamp)) return stamp;
			out.push(stamp);
		}
	}
	return out;
}

/** How long each occurrence lasts: from DTEND (exact) or DURATION (days nominal, hours exact); none = a day or an instant. */
function lengthOf(event: IcsComponent, start: IcsStamp, ctx: ZoneContext, dateZone: string): Result<Length> {
	const dtend = prop(event, 'DTEND');
	const duration = prop(event, 'DURATION');
	if (dtend) {
		const end = readStamp(dtend, dtend.value, ctx);
		if (failed(end)) return end;
		if (start.kind === 'date') {
			if (end.kind !== 'date') return { error: `line ${dtend.line}: DTEND is a time but DTSTART is a date; give both as dates for an all-day event.` };
			const days = start.date.until(end.date).days;
			if (days < 0) return { error: `line ${dtend.line}: DTEND is before DTSTART.` };
			return { end: (o) => ({ kind: 'date', date: (o.start as { date: Temporal.PlainDate }).date.add({ days: Math.max(1, days) }) }), reach: (days + 2) * DAY_MS };
		}
		const before = end.kind === 'zoned' && end.zone === start.zone ? Temporal.PlainDateTime.compare(end.time, start.time) < 0 : stampMs(end, start.zone) < stampMs(start, dateZone);
		if (before) return { error: `line ${dtend.line}: DTEND is before DTSTART.` };
		// Zone lookups are the costly part of a long file: the exact length is worked out for the first occurrence in the window.
		let ms: number | undefined;
		const exact = () => (ms ??= stampMs(end, start.zone) - stampMs(start, dateZone));
		return { end: (o) => o.startMs + exact(), reach: Math.max(0, wallMs(end) - wallMs(start)) + DAY_MS };
	}
	if (duration) {
		let d: ICAL.Duration;
		try {
			d = ICAL.Duration.fromString(duration.value.trim());
		} catch {
			return { error: `line ${duration.line}: DURATION "${duration.value.slice(0, 40)}" is not a duration such as P1D or PT2H.` };
		}
		if (d.isNegative) return { error: `line ${duration.line}: DURATION is negative.` };
		const days = d.weeks * 7 + d.days;
		const seconds = d.hours * 3600 + d.minutes * 60 + d.seconds;
		const reach = (days + 2) * DAY_MS + seconds * 1000;
		if (start.kind === 'date') return { end: (o) => ({ kind: 'date', date: (o.start as { date: Temporal.PlainDate }).date.add({ days: Math.max(1, days + Math.ceil(seconds / 86400)) }) }), reach };
		return { end: (o) => Temporal.Instant.fromEpochMilliseconds(o.startMs).toZonedDateTimeISO(start.zone).add({ days }).add({ seconds }).epochMilliseconds, reach };
	}
	return start.kind === 'date' ? { end: (o) => ({ kind: 'date', date: (o.start as { date: Temporal.PlainDate }).date.add({ days: 1 }) }), reach: 2 * DAY_MS } : { end: (o) => o.startMs, reach: 0 };
}

/** The occurrences of an event that start before `to`: DTSTART, its RRULE and RDATEs, less EXDATEs and overridden ones. */
function occurrences(event: IcsComponent, start: IcsStamp, excluded: Set<string>, ctx: ZoneContext, dateZone: string, window: { from: number; to: number; reach: number }, budget: { steps: number }): Result<Occurrence[]> {
	const { to } = window;
	// Wall-clock times are within a day of their instant: those this far before the window are skipped without a zone lookup.
	const skipBefore = window.from - window.reach - 2 * DAY_MS;
	const at = (s: IcsStamp): Occurrence => ({ start: s, startMs: stampMs(s, dateZone) });
	const rdates = stampsOf(event, 'RDATE', ctx);
	if (failed(rdates)) return rdates;
	const found = [at(start), ...rdates.map(at)];
	const rrule = prop(event, 'RRULE');
	if (rrule && !prop(event, 'RECURRENCE-ID')) {
		let recur: ICAL.Recur;
		try {
			recur = ICAL.Recur.fromString(rrule.value.trim());
		} catch (e) {
			return { error: `line ${rrule.line}: RRULE is not a rule a calendar understands (${e instanceof Error ? e.message : 'unreadable'}).` };
		}
		if (!recur.freq || recur.interval < 1) return { error: `line ${rrule.line}: RRULE needs FREQ (DAILY, WEEKLY, MONTHLY, YEARLY…) and an INTERVAL of at least 1.` };
		if (recur.until) {
			const until = recur.until.zone === ICAL.Timezone.utcTimezone && start.kind === 'zoned'
				? Temporal.Instant.fromEpochMilliseconds(recur.until.toUnixTime() * 1000).toZonedDateTimeISO(start.zone).toPlainDateTime()
				: Temporal.PlainDateTime.from({ year: recur.until.year, month: recur.until.month, day: recur.until.day, hour: recur.until.hour, minute: recur.until.minute, second: recur.until.second });
			recur.until = start.kind === 'date' ? ICAL.Time.fromData({ year: until.year, month: until.month, day: until.day, isDate: true }) : toIcal({ kind: 'zoned', zone: start.zone, time: until });
		}
		const iterator = recur.iterator(toIcal(start));
		for (let steps = 0, next = iterator.next(); next; next = iterator.next()) {
			if (++steps > MAX_STEPS) return { error: `line ${rrule.line}: this rule repeats more than ${MAX_STEPS.toLocaleString('en-US')} times before the window ends; closures repeat by day or week.` };
			if (--budget.steps < 0) return { error: `line ${rrule.line}: the file's rules repeat more than ${MAX_FILE_STEPS.toLocaleString('en-US')} times in all before the window ends; export a calendar of recent years only.` };
			if (steps === 1 || Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second) < skipBefore) continue;
			const o = at(fromIcal(next, start));
			if (o.startMs >= to) break;
			found.push(o);
		}
	}
	const seen = new Set<number>();
	return found.filter((o) => !seen.has(o.startMs) && (seen.add(o.startMs), true) && !keysOf(o.start, o.startMs).some((k) => excluded.has(k)));
}

/** The zone of floating times: the calendar's X-WR-TIMEZONE, else the district's; and the file's VTIMEZONE ids. */
function zoneContext(calendar: IcsComponent, districtZone: string): Result<ZoneContext> {
	const aliases = new Map<string, string>();
	for (const tz of calendar.children.filter((c) => c.name === 'VTIMEZONE')) {
		const id = prop(tz, 'TZID')?.value;
		const location = prop(tz, 'X-LIC-LOCATION')?.value;
		if (id && location) aliases.set(id, location);
	}
	const wr = prop(calendar, 'X-WR-TIMEZONE');
	if (!wr) return { floatingZone: districtZone, aliases };
	const zone = ianaZone(wr.value, aliases);
	return zone ? { floatingZone: zone, aliases } : { error: `line ${wr.line}: the time zone "${wr.value.slice(0, 60)}" is unknown; use a name such as America/Denver.` };
}

const isCancelled = (e: IcsComponent) => prop(e, 'STATUS')?.value.trim().toUpperCase() === 'CANCELLED';
const textOf = (p: IcsProperty | undefined) => (p ? unescapeText(p.value).trim() : '');

/**
 * Reads an .ics text and lists the occurrences of its events that overlap the window, earliest first, with the
 * default closure choice; or refuses it with a reason naming the line, as a calendar app would.
 */
export function readIcs(text: string, options: IcsOptions): { events: IcsEvent[] } | { error: string } {
	const scanned = scanIcs(text);
	if ('error' in scanned) return scanned;
	const window = defaultWindow(options.now, options.timeZone);
	const [from, to] = [options.from ?? window.from, options.to ?? window.to];
	const dateZone = options.timeZone;
	const show = (s: IcsStamp | number): string => (typeof s === 'number' ? Temporal.Instant.fromEpochMilliseconds(s).toZonedDateTimeISO(dateZone).toString({ timeZoneName: 'never' }) : s.kind === 'date' ? s.date.toString() : show(stampMs(s, dateZone)));
	const events: (IcsEvent & { ms: number })[] = [];
	const budget = { steps: MAX_FILE_STEPS };
	for (const calendar of scanned.calendars) {
		const ctx = zoneContext(calendar, dateZone);
		if (failed(ctx)) return ctx;
		const vevents = calendar.children.filter((c) => c.name === 'VEVENT');
		const excluded = new Map<string, Set<string>>();
		const plans: [IcsComponent, EventPlan][] = [];
		for (const vevent of vevents) {
			const dtstart = prop(vevent, 'DTSTART');
			if (!dtstart) return { error: `line ${vevent.line}: this event has no DTSTART (every event needs a start).` };
			const start = readStamp(dtstart, dtstart.value, ctx);
			if (failed(start)) return start;
			const length = lengthOf(vevent, start, ctx, dateZone);
			if (failed(length)) return length;
			// Cut to what IcsEvent allows, so the answer always passes the schema the screen and PUT /closures read it with.
			const uid = textOf(prop(vevent, 'UID')).slice(0, 300) || `line-${vevent.line}`;
			const recurrenceId = prop(vevent, 'RECURRENCE-ID');
			if (recurrenceId) {
				const replaced = readStamp(recurrenceId, recurrenceId.value, ctx);
				if (failed(replaced)) return replaced;
				const set = excluded.get(uid) ?? new Set<string>();
				set.add(exclusionKey(replaced, stampMs(replaced, dateZone)));
				excluded.set(uid, set);
			}
			if (isCancelled(vevent)) continue;
			const once = !prop(vevent, 'RRULE') && !prop(vevent, 'RDATE');
			if (once && (wallMs(start) - 2 * DAY_MS >= to || wallMs(start) + length.reach + 2 * DAY_MS < from)) continue;
			const summary = textOf(prop(vevent, 'SUMMARY')).slice(0, 1000);
			const categories = vevent.props.filter((p) => p.name === 'CATEGORIES').flatMap((p) => unescapeText(p.value).split(',').map((c) => c.trim()));
			plans.push([vevent, { uid, summary, closed: saysClosed(summary, categories), start, length }]);
		}
		for (const [vevent, plan] of plans) {
			const exdates = stampsOf(vevent, 'EXDATE', ctx);
			if (failed(exdates)) return exdates;
			const own = prop(vevent, 'RECURRENCE-ID') ? new Set<string>() : new Set(excluded.get(plan.uid));
			for (const ex of exdates) own.add(exclusionKey(ex, stampMs(ex, dateZone)));
			const found = occurrences(vevent, plan.start, own, ctx, dateZone, { from, to, reach: plan.length.reach }, budget);
			if (failed(found)) return found;
			for (const o of found) {
				const end = plan.length.end(o);
				const endMs = typeof end === 'number' ? end : stampMs(end, dateZone);
				if (!(endMs > from || (endMs === o.startMs && o.startMs >= from)) || o.startMs >= to) continue;
				if (events.length >= MAX_EVENTS) return { error: `The window holds more than ${MAX_EVENTS.toLocaleString('en-US')} events; import a shorter window (from and to).` };
				const allDay = plan.start.kind === 'date';
				events.push({ uid: plan.uid, summary: plan.summary, start: show(o.start), end: show(end), allDay, closure: plan.closed && endMs > o.startMs, ms: o.startMs });
			}
		}
	}
	events.sort((a, b) => a.ms - b.ms || a.uid.localeCompare(b.uid));
	return { events: events.map(({ ms: _ms, ...e }) => e) };
}

import { z } from 'zod';
import { couch, isoTime } from '../schema-parts';
import { CALENDAR_ID } from './doc-ids';

/** Weekdays in ISO order (Monday is 1 in Temporal's `dayOfWeek`). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A local wall-clock time of day, "HH:MM"; "24:00" ends a day. */
export const TimeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day is HH:MM, 00:00 to 24:00');

/** Minutes since midnight of an "HH:MM" time. */
export function minutesOfDay(time: string): number {
	return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** One opening on a day, start before end. */
export const OpeningRange = z
	.object({ start: TimeOfDay, end: TimeOfDay })
	.strict()
	.refine((r) => minutesOfDay(r.start) < minutesOfDay(r.end), { message: 'an opening ends after it starts' });
export type OpeningRange = z.infer<typeof OpeningRange>;

const dayRanges = z
	.array(OpeningRange)
	.max(8)
	.refine((ranges) => ranges.every((r, i) => i === 0 || minutesOfDay(ranges[i - 1].end) <= minutesOfDay(r.start)), {
		message: "a day's openings are in order and do not overlap"
	});

/** Opening hours per weekday; an empty list is a closed day. Several ranges a day are allowed (a lunch break). */
export const WeeklyHours = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges])) as Record<Weekday, typeof dayRanges>).strict();
const opensSomeDay = (hours: WeeklyHours) => WEEKDAYS.some((d) => hours[d].length > 0);
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** Other weekly hours between two dates, both included (a summer schedule). */
export const ScheduleOverride = z
	.object({ label: z.string().trim().min(1).max(100), first: z.iso.date(), last: z.iso.date(), hours: WeeklyHours })
	.strict()
	.refine((o) => o.first <= o.last, { message: 'a schedule ends on or after the day it starts' });
export type ScheduleOverride = z.infer<typeof ScheduleOverride>;

const MAX_CLOSURE_MS = 366 * 86_400_000;

/**
 * A time the office is closed. All-day: `start`/`end` are ISO dates, `end` exclusive (as in iCal).
 * Part of a day: `start`/`end` are ISO times with offsets. `source` says whether an iCal import brought it
 * (a new import replaces those) or a person added it by hand (kept).
 */
export const Closure = z
	.object({
		id: z.string().min(1).max(300),
		summary: z.string().trim().max(300),
		allDay: z.boolean(),
		start: z.union([z.iso.date(), isoTime]),
		end: z.union([z.iso.date(), isoTime]),
		source: z.enum(['manual', 'ical'])
	})
	.strict()
	.refine((c) => (c.allDay ? /^\d{4}-\d{2}-\d{2}$/.test(c.start) && /^\d{4}-\d{2}-\d{2}$/.test(c.end) : c.start.includes('T') && c.end.includes('T')), {
		message: 'an all-day closure has dates; a closure for part of a day has times with offsets'
	})
	.refine((c) => (c.allDay ? c.start < c.end : Date.parse(c.start) < Date.parse(c.end)), { message: 'a closure ends after it starts' })
	.refine((c) => Date.parse(c.end) - Date.parse(c.start) <= MAX_CLOSURE_MS, { message: 'a closure lasts at most a year; add one per period' });
export type Closure = z.infer<typeof Closure>;

/**
 * Whether the name is an IANA time zone this runtime knows (a name such as America/Denver or UTC, not an offset). Asked
 * of Intl, where the Temporal polyfill gets its zones too: the schema does not load the polyfill (it is ~55 KB of a
 * cold start's scripts otherwise; see web/lib/sla-engine.ts).
 */
export function isTimeZone(name: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

/** The district's business calendar: what the SLA clocks count. */
export const BusinessCalendar = z
	.object({
		timeZone: z.string().min(1).max(64).refine(isTimeZone, { message: 'not a time zone name such as America/Denver' }),
		hours: WeeklyHours.refine(opensSomeDay, { message: 'the office opens on at least one day of the week' }),
		overrides: z.array(ScheduleOverride).max(50).default([]),
		closures: z.array(Closure).max(2000).default([])
	})
	.strict();
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

export { CALENDAR_ID };

/** The replicated document that holds the district's calendar. */
export const CalendarDoc = z
	.object({
		_id: z.literal(CALENDAR_ID),
		type: z.literal('calendar'),
		...BusinessCalendar.shape,
		updatedAt: isoTime,
		updatedBy: z.string().min(2).max(64),
		...couch
	})
	.strict();
export type CalendarDoc = z.infer<typeof CalendarDoc>;

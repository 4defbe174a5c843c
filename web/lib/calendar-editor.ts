import { Temporal } from 'temporal-polyfill';
import { type BusinessCalendar, CALENDAR_ID, CalendarDoc, type Closure, WEEKDAYS, type Weekday, type WeeklyHours } from '$core/sla/calendar';

/** Weekday names as people read them, Monday first. */
export const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** A starting calendar for a district that has none: weekdays 08:00 to 16:00 in the given zone. */
export function blankCalendar(timeZone: string): BusinessCalendar {
	const day = () => [{ start: '08:00', end: '16:00' }];
	const hours: WeeklyHours = { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
	return { timeZone, hours, overrides: [], closures: [] };
}

/** The editable part of a stored calendar document. */
export function calendarOf(doc: CalendarDoc): BusinessCalendar {
	return { timeZone: doc.timeZone, hours: doc.hours, overrides: doc.overrides, closures: doc.closures };
}

/** Names a schema path in words: "overrides.0.hours.mon.1" → "Schedule 1, Monday, hours 2". */
function where(path: readonly PropertyKey[], draft: BusinessCalendar): string {
	const words: string[] = [];
	for (let i = 0; i < path.length; i++) {
		const key = path[i];
		if (key === 'timeZone') words.push('Time zone');
		else if (key === 'overrides') words.push(`Schedule “${draft.overrides[Number(path[i + 1])]?.label || Number(path[i + 1]) + 1}”`), i++;
		else if (key === 'closures') words.push(`Closure “${draft.closures[Number(path[i + 1])]?.summary || Number(path[i + 1]) + 1}”`), i++;
		else if (typeof key === 'string' && key in WEEKDAY_NAMES) words.push(WEEKDAY_NAMES[key as Weekday]);
		else if (typeof key === 'number' && path[i - 1] !== undefined && String(path[i - 1]) in WEEKDAY_NAMES) words.push(`hours ${key + 1}`);
	}
	return words.join(', ') || 'The calendar';
}

/** The calendar document to save from the screen's draft, or its first problem in plain words. */
export function buildCalendarDoc(draft: BusinessCalendar, existing: CalendarDoc | null, by: string, now: Date): { doc: CalendarDoc } | { problem: string } {
	const parsed = CalendarDoc.safeParse({
		_id: CALENDAR_ID,
		type: 'calendar',
		timeZone: draft.timeZone,
		hours: draft.hours,
		overrides: draft.overrides,
		closures: draft.closures,
		updatedAt: now.toISOString(),
		updatedBy: by,
		...(existing?._rev ? { _rev: existing._rev } : {})
	});
	if (parsed.success) return { doc: parsed.data };
	const issue = parsed.error.issues[0];
	return { problem: `${where(issue.path, draft)}: ${issue.message}.` };
}

/** What the "add a closure" form holds. */
export interface ClosureInput {
	summary: string;
	kind: 'days' | 'hours';
	first: string;
	last: string;
	date: string;
	from: string;
	to: string;
}

/** A closure added by hand: whole days (first to last, both included) or part of one day in the district's zone. */
export function manualClosure(input: ClosureInput, timeZone: string, id: string): Closure | { problem: string } {
	const summary = input.summary.trim() || 'Closed';
	try {
		if (input.kind === 'days') {
			if (!input.first) return { problem: 'Give the first day of the closure.' };
			const first = Temporal.PlainDate.from(input.first);
			const last = input.last ? Temporal.PlainDate.from(input.last) : first;
			if (Temporal.PlainDate.compare(last, first) < 0) return { problem: 'The last day is before the first day.' };
			return { id, summary, allDay: true, start: first.toString(), end: last.add({ days: 1 }).toString(), source: 'manual' };
		}
		if (!input.date || !input.from || !input.to) return { problem: 'Give the day, and the times the office closes and opens again.' };
		const at = (time: string) => Temporal.PlainDate.from(input.date).toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) });
		const [start, end] = [at(input.from), at(input.to)];
		if (Temporal.ZonedDateTime.compare(start, end) >= 0) return { problem: 'The office must open again after it closes.' };
		return { id, summary, allDay: false, start: start.toString({ timeZoneName: 'never' }), end: end.toString({ timeZoneName: 'never' }), source: 'manual' };
	} catch {
		return { problem: 'A date or time is not valid.' };
	}
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const dayText = (date: Temporal.PlainDate) => DAY_FORMAT.format(new Date(`${date}T12:00:00Z`));
const clockText = (z: Temporal.ZonedDateTime) => `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;

/** When a closure or an imported event is, in the district's zone: "Thu, Nov 26, 2026 to Fri, Nov 27, 2026" or "Wed, Dec 23, 2026, 12:00 to 17:00". */
export function describeSpan(span: { allDay: boolean; start: string; end: string }, timeZone: string): string {
	if (span.allDay) {
		const first = Temporal.PlainDate.from(span.start);
		const last = Temporal.PlainDate.from(span.end).subtract({ days: 1 });
		return Temporal.PlainDate.compare(last, first) <= 0 ? `${dayText(first)}, all day` : `${dayText(first)} to ${dayText(last)}`;
	}
	const start = Temporal.Instant.from(span.start).toZonedDateTimeISO(timeZone);
	const end = Temporal.Instant.from(span.end).toZonedDateTimeISO(timeZone);
	const sameDay = start.toPlainDate().equals(end.toPlainDate());
	return sameDay ? `${dayText(start.toPlainDate())}, ${clockText(start)} to ${clockText(end)}` : `${dayText(start.toPlainDate())} ${clockText(start)} to ${dayText(end.toPlainDate())} ${clockText(end)}`;
}

/** Closures in time order, with whether each is over by `now`. */
export function orderedClosures(closures: readonly Closure[], timeZone: string, now: number): { closure: Closure; past: boolean }[] {
	const endMs = (c: Closure) => (c.allDay ? Temporal.PlainDate.from(c.end).toZonedDateTime(timeZone).epochMilliseconds : Date.parse(c.end));
	const startMs = (c: Closure) => (c.allDay ? Temporal.PlainDate.from(c.start).toZonedDateTime(timeZone).epochMilliseconds : Date.parse(c.start));
	return [...closures].sort((a, b) => startMs(a) - startMs(b)).map((closure) => ({ closure, past: endMs(closure) <= now }));
}

const SHORT: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** The week's hours in a line: "Mon–Fri 07:00–15:30", days with the same hours side by side joined; "closed all week" when none. */
export function hoursSummary(hours: WeeklyHours): string {
	const key = (d: Weekday) => hours[d].map((r) => `${r.start}–${r.end}`).join(', ');
	const groups: { first: Weekday; last: Weekday; text: string }[] = [];
	for (const day of WEEKDAYS) {
		const text = key(day);
		const last = groups.at(-1);
		if (last && last.text === text && WEEKDAYS.indexOf(last.last) === WEEKDAYS.indexOf(day) - 1) last.last = day;
		else groups.push({ first: day, last: day, text });
	}
	const open = groups.filter((g) => g.text !== '');
	if (open.length === 0) return 'closed all week';
	return open.map((g) => `${SHORT[g.first]}${g.first === g.last ? '' : `–${SHORT[g.last]}`} ${g.text}`).join('; ');
}

/**
 * The SLA benchmark's naive reference: the same conventions, computed by stepping through time one minute at a time
 * with its own isOpen (Temporal per minute, or a table of minutes filled once). Every time it is given is a whole
 * minute. It shares no code with core/sla/clock.ts or core/sla/business-time.ts.
 */
import { Temporal } from 'temporal-polyfill';
import type { Ticket } from '../../core/schemas';
import { type BusinessCalendar, WEEKDAYS, minutesOfDay } from '../../core/sla/calendar';
import type { SlaPolicyFields, SlaTarget, SlaTargetName } from '../../core/sla/policy';
import { compareEntries, foldHistory } from '../../core/ticket';

const MIN = 60_000;

/** Whether the office is open during the minute that starts at t. */
export type IsOpen = (t: number) => boolean;

/** isOpen straight from the calendar's rules, one Temporal conversion per call. */
export function temporalIsOpen(cal: BusinessCalendar): IsOpen {
	const dayClosures = cal.closures.filter((c) => c.allDay);
	const partClosures = cal.closures.filter((c) => !c.allDay).map((c) => [Date.parse(c.start), Date.parse(c.end)]);
	return (t) => {
		const z = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(cal.timeZone);
		const date = z.toPlainDate().toString();
		if (dayClosures.some((c) => date >= c.start && date < c.end)) return false;
		if (partClosures.some(([a, b]) => t >= a && t < b)) return false;
		const hours = cal.overrides.find((o) => date >= o.first && date <= o.last)?.hours ?? cal.hours;
		const minute = z.hour * 60 + z.minute;
		return hours[WEEKDAYS[z.dayOfWeek - 1]].some((r) => minute >= minutesOfDay(r.start) && minute < minutesOfDay(r.end));
	};
}

/** The same answers from a table of the minutes in [from, to), filled once; Temporal outside it. */
export function tabledIsOpen(cal: BusinessCalendar, from: number, to: number): IsOpen {
	const slow = temporalIsOpen(cal);
	const table = new Uint8Array(Math.ceil((to - from) / MIN));
	for (let i = 0; i < table.length; i++) table[i] = slow(from + i * MIN) ? 1 : 0;
	return (t) => {
		const i = (t - from) / MIN;
		return i >= 0 && i < table.length ? table[i] === 1 : slow(t);
	};
}

export interface ReferenceClock {
	state: string;
	due: number | null;
	targetMin: number;
	elapsedMin: number;
	pausedMin: number;
	overdueMin: number;
	metAt: number | null;
}

const PAUSED = ['waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled'];
const DONE = ['resolved', 'closed'];

/** The minutes of a local date: [its first instant, the next date's first instant). */
function dayBounds(date: Temporal.PlainDate, tz: string): [number, number] {
	return [date.toZonedDateTime(tz).epochMilliseconds, date.add({ days: 1 }).toZonedDateTime(tz).epochMilliseconds];
}

function openMinutesOf(date: Temporal.PlainDate, tz: string, isOpen: IsOpen): number[] {
	const [a, b] = dayBounds(date, tz);
	const open: number[] = [];
	for (let t = a; t < b; t += MIN) if (isOpen(t)) open.push(t);
	return open;
}

/** The target instant of a days or next-business-day target, by walking dates and their minutes. */
function dayTargetInstant(target: SlaTarget, start: number, tz: string, isOpen: IsOpen): number {
	const z = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(tz);
	let date = z.toPlainDate();
	let n = target.unit === 'days' ? target.amount! : 1;
	let open: number[] = [];
	while (n > 0) {
		date = date.add({ days: 1 });
		open = openMinutesOf(date, tz, isOpen);
		if (open.length > 0) n--;
	}
	const close = open[open.length - 1] + MIN;
	if (target.unit === 'next-business-day') return close;
	const u = date.toZonedDateTime({ timeZone: tz, plainTime: z.toPlainTime() }).epochMilliseconds;
	return isOpen(u) || isOpen(u - MIN) ? u : close;
}

function lengthMinutes(target: SlaTarget, start: number, tz: string, isOpen: IsOpen): number {
	if (target.unit === 'minutes') return target.amount!;
	if (target.unit === 'hours') return target.amount! * 60;
	if (target.clock === 'around-the-clock') return target.amount! * 24 * 60;
	const end = dayTargetInstant(target, start, tz, isOpen);
	let n = 0;
	for (let t = start; t < end; t += MIN) if (isOpen(t)) n++;
	return n;
}

function stepClock(
	target: SlaTarget,
	created: number,
	statusAt: (t: number) => string,
	counts: (status: string) => boolean,
	metAt: number | null,
	now: number,
	cal: BusinessCalendar,
	calendarOpen: IsOpen,
	share: number
): ReferenceClock {
	const isOpen = target.clock === 'around-the-clock' ? () => true : calendarOpen;
	let start = created;
	while (!isOpen(start)) start += MIN;
	const length = lengthMinutes(target, start, cal.timeZone, isOpen);
	// The due time if nothing pauses: the instant the conventions name for day targets, else when L open minutes have run.
	const dayTarget = target.clock !== 'around-the-clock' && (target.unit === 'days' || target.unit === 'next-business-day');
	const afterOpenMinutes = (from: number, n: number) => {
		let t = from;
		for (let counted = 0; counted < n; t += MIN) if (isOpen(t)) counted++;
		return t;
	};
	const unpausedDue = dayTarget ? dayTargetInstant(target, start, cal.timeZone, isOpen) : afterOpenMinutes(start, length);
	const end = metAt ?? now;
	let elapsed = 0;
	let paused = 0;
	let pausedBeforeRunningOut: number | null = null;
	for (let t = start; t < end; t += MIN) {
		if (!isOpen(t)) continue;
		if (!counts(statusAt(t))) paused++;
		else if (++elapsed === length + 1) pausedBeforeRunningOut = paused;
	}
	const running = counts(statusAt(end));
	const ranOut = pausedBeforeRunningOut !== null;
	let state: string;
	if (metAt !== null) state = ranOut ? 'breached' : 'met';
	else if (ranOut) state = 'breached';
	else if (!running) state = 'paused';
	else state = elapsed >= share * length ? 'at-risk' : 'on-track';
	const shift = pausedBeforeRunningOut ?? paused;
	const due = state === 'paused' ? null : shift === 0 ? unpausedDue : afterOpenMinutes(unpausedDue, shift);
	const overdue = ranOut ? elapsed - length : 0;
	return { state, due, targetMin: length, elapsedMin: elapsed, pausedMin: paused, overdueMin: overdue, metAt };
}

/** A ticket's clocks by the naive method; null for a target that does not apply. */
export function referenceClocks(
	ticket: Ticket,
	policy: SlaPolicyFields,
	cal: BusinessCalendar,
	isOpen: IsOpen,
	isStaff: (u: string) => boolean,
	now: number
): Record<SlaTargetName, ReferenceClock | null> {
	const entries = ticket.history.filter((e) => Date.parse(e.at) <= now).sort(compareEntries);
	const created = Date.parse(ticket.createdAt);
	const current = foldHistory(entries);
	const filing = entries.find((e) => e.kind === 'created');
	if (filing?.kind !== 'created') throw new Error('no created entry');
	const statuses: [number, string][] = [[created, filing.fields.status]];
	let category = filing.fields.category;
	let firstCategory = category === null ? null : created;
	let firstResponse: number | null = null;
	for (const e of entries) {
		const at = Date.parse(e.at);
		if (e.kind === 'status') statuses.push([Math.max(at, created), e.to]);
		if (e.kind === 'set' && e.changes.category !== undefined) category = e.changes.category;
		if (firstCategory === null && category !== null) firstCategory = at;
		const responds = e.kind === 'note' || (e.kind === 'status' && e.to !== 'new' && e.to !== 'assigned');
		if (firstResponse === null && responds && e.by !== 'system' && e.by !== ticket.requester && isStaff(e.by)) firstResponse = at;
	}
	const statusAt = (t: number) => statuses.filter(([at]) => at <= t).pop()![1];
	const last = statuses[statuses.length - 1];
	let resolvedAt: number | null = null;
	if (DONE.includes(last[1])) {
		let i = statuses.length - 1;
		while (i > 0 && DONE.includes(statuses[i - 1][1])) i--;
		resolvedAt = statuses[i][0];
	}
	const priority = current.priority ?? policy.defaultPriority;
	const rows = Object.keys(policy.resolutionByCategory);
	const resolutionTarget =
		current.category === null ? (rows.length > 0 ? null : policy.resolution[priority]) : (policy.resolutionByCategory[current.category] ?? policy.resolution)[priority];
	const notDone = (s: string) => !DONE.includes(s);
	const stopping = (target: SlaTarget | null, metAt: number | null) => {
		if (target === null) return null;
		const clock = stepClock(target, created, statusAt, notDone, metAt, now, cal, isOpen, policy.atRiskShare);
		return clock.state === 'paused' ? { ...clock, state: 'not-applicable' } : clock;
	};
	return {
		categorization: filing.fields.category === null ? stopping(policy.categorization, firstCategory) : null,
		firstResponse: stopping(policy.firstResponse[priority], firstResponse),
		resolution:
			resolutionTarget === null
				? null
				: stepClock(resolutionTarget, created, statusAt, (s) => notDone(s) && !PAUSED.includes(s), resolvedAt, now, cal, isOpen, policy.atRiskShare)
	};
}

import { Temporal } from 'temporal-polyfill';
import type { Status } from '../schemas';
import { PAUSED_STATUSES, STATUS_LABELS } from '../workflow';
import type { TargetClock, TicketClocks } from './clock';
import { SLA_TARGET_NAMES, type SlaTargetName } from './policy';

const MINUTE = 60_000;
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Each target's name in words, as staff read it. */
export const TARGET_LABELS: Record<SlaTargetName, string> = { categorization: 'Categorization', firstResponse: 'First response', resolution: 'Resolution' };
const BADGE_NOUNS: Record<SlaTargetName, string> = { categorization: 'Categorization', firstResponse: 'Response', resolution: 'Resolution' };
const BADGE_VERBS: Record<SlaTargetName, string> = { categorization: 'Categorize', firstResponse: 'Respond', resolution: 'Resolve' };

/** "2 h 15 min", "45 min", "3 h", "under 1 min": a length of time in whole minutes, rounded down. */
export function durationWords(ms: number): string {
	const minutes = Math.floor(Math.max(0, ms) / MINUTE);
	if (minutes < 1) return 'under 1 min';
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return `${rest} min`;
	return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** As durationWords, but whole hours from 10 hours on ("105 h"), for a badge. */
export function shortDurationWords(ms: number): string {
	return ms >= 10 * 3_600_000 ? `${Math.floor(ms / 3_600_000)} h` : durationWords(ms);
}

/**
 * When an instant falls in the district's zone, for someone reading it at `now`: "today 10:30 AM", "tomorrow 7:00 AM",
 * "yesterday 12:00 PM", "Thu 9:15 AM" within six days either way, "Mon Dec 21 10:30 AM" further off (with the year when
 * it differs). A 12-hour clock, as the district's people read times.
 */
export function whenWords(t: number, now: number, timeZone: string): string {
	const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(timeZone);
	const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate();
	const date = local.toPlainDate();
	const time = `${local.hour % 12 || 12}:${String(local.minute).padStart(2, '0')} ${local.hour < 12 ? 'AM' : 'PM'}`;
	const days = today.until(date, { largestUnit: 'days' }).days;
	const weekday = WEEKDAY_NAMES[local.dayOfWeek - 1];
	if (days === 0) return `today ${time}`;
	if (days === 1) return `tomorrow ${time}`;
	if (days === -1) return `yesterday ${time}`;
	if (Math.abs(days) <= 6) return `${weekday} ${time}`;
	const year = date.year === today.year ? '' : `, ${date.year}`;
	return `${weekday} ${MONTH_NAMES[date.month - 1]} ${date.day}${year} ${time}`;
}

/** How a clock line looks: bad (overdue), warn (at risk), ok (on track), paused, late (met after its due), done (met). */
export type ClockTone = 'bad' | 'warn' | 'ok' | 'paused' | 'late' | 'done';

export interface ClockLine {
	target: SlaTargetName;
	tone: ClockTone;
	text: string;
}

/** What the words need besides the clocks: the reading time, the district's zone, the ticket's status. */
export interface WordsContext {
	now: number;
	timeZone: string;
	status: Status;
	/** Targets that count every minute rather than business time. */
	aroundTheClock?: ReadonlySet<SlaTargetName>;
	/** The clocks stand still for an outage the ticket is linked to (the policy's outage rule 'pause'). */
	outage?: boolean;
}

const isOverdue = (c: TargetClock) => c.state === 'breached' && c.metAt === null;
const isRunning = (c: TargetClock) => (c.state === 'on-track' || c.state === 'at-risk') && c.due !== null;

/** Lower is more urgent: overdue, then running (nearest due first), paused, met late, met. */
function rank(c: TargetClock): number {
	if (isOverdue(c)) return 0;
	if (isRunning(c)) return 1;
	if (c.state === 'paused') return 2;
	return c.state === 'breached' ? 3 : 4;
}

function byUrgency(a: TargetClock, b: TargetClock): number {
	return rank(a) - rank(b) || (isOverdue(a) ? b.overdueMs - a.overdueMs : 0) || (isRunning(a) ? (a.due ?? 0) - (b.due ?? 0) : 0);
}

/** The ticket's applicable clocks, most urgent first. */
function applicable(clocks: TicketClocks): { target: SlaTargetName; clock: TargetClock }[] {
	return SLA_TARGET_NAMES.map((target) => ({ target, clock: clocks[target] }))
		.filter(({ clock }) => clock.state !== 'not-applicable')
		.sort((a, b) => byUrgency(a.clock, b.clock));
}

const waitingWords = (status: Status) => (PAUSED_STATUSES.includes(status) ? STATUS_LABELS[status].toLowerCase() : '');

function lineText(target: SlaTargetName, c: TargetClock, ctx: WordsContext): { tone: ClockTone; text: string } {
	const label = TARGET_LABELS[target];
	const when = (t: number) => whenWords(t, ctx.now, ctx.timeZone);
	const left = `${durationWords(c.targetMs - c.elapsedMs)} ${ctx.aroundTheClock?.has(target) ? 'left' : 'of business time left'}`;
	if (isOverdue(c)) {
		const why = target === 'resolution' ? waitingWords(ctx.status) : '';
		return { tone: 'bad', text: `${label} overdue by ${durationWords(c.overdueMs)}${c.due !== null ? ` · was due ${when(c.due)}` : ''}${why ? ` · paused: ${why}` : ''}` };
	}
	if (c.state === 'breached') return { tone: 'late', text: `${label} met ${durationWords(c.overdueMs)} late, ${when(c.metAt ?? ctx.now)}` };
	if (c.state === 'met') return { tone: 'done', text: `${label} met${c.metAt !== null ? ` ${when(c.metAt)}` : ''}` };
	if (c.state === 'paused') {
		const why = waitingWords(ctx.status) || (ctx.outage ? 'outage' : '');
		return { tone: 'paused', text: `${label} paused${why ? `: ${why}` : ''} · ${left}` };
	}
	return { tone: c.state === 'at-risk' ? 'warn' : 'ok', text: `${label} due ${when(c.due ?? ctx.now)} · ${left}` };
}

/** Every clock that applies to a ticket, in words, most urgent first ("Resolution due Mon 10:30 · 2 h 15 min of business time left"). */
export function clockLines(clocks: TicketClocks, ctx: WordsContext): ClockLine[] {
	return applicable(clocks).map(({ target, clock }) => ({ target, ...lineText(target, clock, ctx) }));
}

/** One short badge for a queue row: the breach, else the nearest due, else "Paused"; null when nothing runs. */
export function clockBadge(clocks: TicketClocks, ctx: Omit<WordsContext, 'aroundTheClock'>): { tone: ClockTone; text: string } | null {
	const first = applicable(clocks)[0];
	if (!first) return null;
	const { target, clock } = first;
	if (isOverdue(clock)) return { tone: 'bad', text: `${BADGE_NOUNS[target]} overdue ${shortDurationWords(clock.overdueMs)}` };
	if (isRunning(clock))
		return { tone: clock.state === 'at-risk' ? 'warn' : 'ok', text: `${BADGE_VERBS[target]} by ${whenWords(clock.due ?? ctx.now, ctx.now, ctx.timeZone)}` };
	return clock.state === 'paused' ? { tone: 'paused', text: 'Paused' } : null;
}

/**
 * What a requester is told: when we aim to resolve the ticket (or, before that is known, when a technician will
 * answer), that it is on hold and why, or that it is taking longer than we aimed for. Null when nothing is promised.
 */
export function promiseWords(clocks: TicketClocks, ctx: Omit<WordsContext, 'aroundTheClock'>): string | null {
	const when = (t: number) => whenWords(t, ctx.now, ctx.timeZone);
	const { resolution, firstResponse } = clocks;
	if (isRunning(resolution)) return `We aim to resolve it by ${when(resolution.due!)}.`;
	if (isOverdue(resolution)) {
		const rest = ctx.status === 'waiting-requester' ? 'it is on hold until you answer' : 'it is taking longer than that';
		return resolution.due !== null ? `We aimed to resolve it by ${when(resolution.due)}; ${rest}.` : `It is past the time we aimed for; ${rest}.`;
	}
	if (resolution.state === 'paused')
		return ctx.status === 'waiting-requester'
			? 'The time we aim for is on hold until you answer.'
			: ctx.outage && !waitingWords(ctx.status)
				? 'The time we aim for is on hold during the outage.'
				: `The time we aim for is on hold${waitingWords(ctx.status) ? ` while the ticket is ${waitingWords(ctx.status)}` : ''}.`;
	if (resolution.state === 'not-applicable' && isRunning(firstResponse)) return `A technician will answer by ${when(firstResponse.due!)}.`;
	return null;
}

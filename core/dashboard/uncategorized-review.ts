import { Temporal } from 'temporal-polyfill';
import { type CompiledCalendar, businessTimeBetween, isOpen, nextOpening } from '../sla/business-time';
import { parseIsoTime } from '../sla/iso-time';
import { stillToSort } from '../queues';
import type { DashboardTicket } from './ticket-view';

/** The uncategorized queue at a glance. */
export interface UncategorizedQueue<T> {
	/** Open tickets without a category. */
	count: number;
	/** The oldest of them, with its age in wall-clock and in business time (ms); null when the queue is empty. */
	oldest: { ticket: T; ageMs: number; businessAgeMs: number } | null;
}

/** The uncategorized queue's size and its oldest ticket's age at `now`, in one pass. */
export function uncategorizedQueueAge<T extends DashboardTicket>(tickets: readonly T[], cal: CompiledCalendar, now: number): UncategorizedQueue<T> {
	let count = 0;
	let oldest: T | null = null;
	let oldestAt = Infinity;
	for (const ticket of tickets) {
		if (stillToSort(ticket).length === 0) continue;
		count++;
		const at = parseIsoTime(ticket.createdAt);
		if (at < oldestAt || (at === oldestAt && oldest !== null && ticket.number < oldest.number)) {
			oldest = ticket;
			oldestAt = at;
		}
	}
	if (oldest === null) return { count, oldest: null };
	return { count, oldest: { ticket: oldest, ageMs: Math.max(0, now - oldestAt), businessAgeMs: businessTimeBetween(cal, oldestAt, now) } };
}

/** Procedure 004's review reminder at `now`. */
export interface ReviewReminder {
	/** Whether the review of the uncategorized queue is due now (procedure 004: every odd hour while the office is open). */
	due: boolean;
	/** The odd hour it has been due since (epoch ms), when due. */
	since: number | null;
	/** The next odd local hour at which the office is open; null when there is none within a year. */
	next: number | null;
}

/** How far ahead the next reminder is looked for (a calendar open at no odd hour has none). */
const HORIZON_MS = 366 * 86_400_000;

function hourFloor(timeZone: string, t: number): Temporal.ZonedDateTime {
	return Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(timeZone).round({ smallestUnit: 'hour', roundingMode: 'floor' });
}

/** The first local hour boundary at or after `from` (a ZonedDateTime on an hour) whose hour is odd. */
function oddHourFrom(from: Temporal.ZonedDateTime): Temporal.ZonedDateTime {
	let h = from;
	while (h.hour % 2 === 0) h = h.add({ hours: 1 });
	return h;
}

function nextOpeningOrNull(cal: CompiledCalendar, t: number): number | null {
	try {
		return nextOpening(cal, t);
	} catch {
		return null; // the calendar never opens again within its search window
	}
}

/**
 * Procedure 004's reminder to review the uncategorized queue: due at every odd local hour (07:00, 09:00 ... 15:00 in
 * the calendar's zone) at which the office is open, for the rest of that hour while it stays open; and when the next
 * one falls. Closed stretches are skipped with nextOpening, so a long closure costs a few steps, not one per hour.
 */
export function reviewReminder(cal: CompiledCalendar, now: number): ReviewReminder {
	const hour = hourFloor(cal.timeZone, now);
	const since = hour.epochMilliseconds;
	const due = hour.hour % 2 === 1 && isOpen(cal, since) && isOpen(cal, now);
	let candidate = oddHourFrom(hour.add({ hours: 1 }));
	for (;;) {
		const t = candidate.epochMilliseconds;
		if (t > now + HORIZON_MS) break;
		if (isOpen(cal, t)) return { due, since: due ? since : null, next: t };
		const opening = nextOpeningOrNull(cal, t);
		if (opening === null) break;
		const floor = hourFloor(cal.timeZone, opening);
		candidate = oddHourFrom(floor.epochMilliseconds < opening ? floor.add({ hours: 1 }) : floor);
	}
	return { due, since: due ? since : null, next: null };
}

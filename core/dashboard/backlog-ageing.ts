import { type CompiledCalendar, businessTimeBetween, recentBusinessDays } from '../sla/business-time';
import { parseIsoTime } from '../sla/iso-time';
import { isOpen } from '../workflow';
import type { DashboardTicket } from './ticket-view';

/** The age buckets, in business days: [0, 1), [1, 3), [3, 5), [5, 10), 10 and more. */
export const AGE_BUCKETS = [
	{ label: '0-1', minDays: 0 },
	{ label: '1-3', minDays: 1 },
	{ label: '3-5', minDays: 3 },
	{ label: '5-10', minDays: 5 },
	{ label: '10+', minDays: 10 }
] as const;

/** One bar of the ageing chart: how many open tickets are that many business days old. */
export interface AgeBucket {
	label: (typeof AGE_BUCKETS)[number]['label'];
	minDays: number;
	count: number;
}

const OLDEST_COUNTED = 10;

/**
 * A ticket's age in business days, counted up to 10 (10 means 10 or more): the business days (local dates with open
 * time) that have begun since the day its clocks started, that day not counted. A ticket filed during opening hours
 * is 0 days old that day and 1 from the next business day's midnight; one filed after the close, at a weekend or on
 * a closure starts on the next business day, so it is 0 days old all that day too. `recent` is
 * recentBusinessDays(cal, now, 10).
 */
export function businessDaysOfAge(cal: CompiledCalendar, recent: readonly number[], filedAt: number): number {
	let begun = 0;
	while (begun < recent.length && recent[begun] > filedAt) begun++;
	if (begun === 0) return 0;
	// No open time between the filing and the midnight of the first business day since: it is the day the clocks start.
	const startsThatDay = businessTimeBetween(cal, filedAt, recent[begun - 1]) === 0;
	if (startsThatDay) return begun - 1;
	return begun;
}

/** Open tickets bucketed by age in business days (see businessDaysOfAge). */
export function backlogAgeing(tickets: readonly DashboardTicket[], cal: CompiledCalendar, now: number): AgeBucket[] {
	const recent = recentBusinessDays(cal, now, OLDEST_COUNTED);
	const counts = [0, 0, 0, 0, 0];
	for (const ticket of tickets) {
		if (!isOpen(ticket.status)) continue;
		const days = businessDaysOfAge(cal, recent, parseIsoTime(ticket.createdAt));
		counts[days >= 10 ? 4 : days >= 5 ? 3 : days >= 3 ? 2 : days >= 1 ? 1 : 0]++;
	}
	return AGE_BUCKETS.map((bucket, i) => ({ ...bucket, count: counts[i] }));
}

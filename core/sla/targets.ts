import type { Priority } from '../schemas';
import { type CompiledCalendar, businessDaysLater, businessTimeBetween, nextBusinessDayClose } from './business-time';
import type { SlaCell, SlaPolicyFields, SlaTarget } from './policy';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The priority a ticket is timed as: its own, or the policy's default while it has none. */
export function timedPriority(policy: SlaPolicyFields, priority: Priority | null): Priority {
	return priority ?? policy.defaultPriority;
}

/** Whether the policy has resolution rows per category (then resolution waits for a category). */
export function hasCategoryRows(policy: SlaPolicyFields): boolean {
	for (const key in policy.resolutionByCategory) if (Object.hasOwn(policy.resolutionByCategory, key)) return true;
	return false;
}

/**
 * The resolution target for a ticket: its category's row when the policy has one, else the general row.
 * Null ("no SLA") also while the ticket has no category and the policy has category rows.
 */
export function resolutionCell(policy: SlaPolicyFields, priority: Priority | null, category: string | null): SlaCell {
	const p = timedPriority(policy, priority);
	if (category === null) return hasCategoryRows(policy) ? null : policy.resolution[p];
	const row = Object.hasOwn(policy.resolutionByCategory, category) ? policy.resolutionByCategory[category] : policy.resolution;
	return row[p];
}

/** The first-response target for a ticket of this priority. */
export function firstResponseCell(policy: SlaPolicyFields, priority: Priority | null): SlaCell {
	return policy.firstResponse[timedPriority(policy, priority)];
}

/** Whether the target counts every minute rather than business time. */
export function isAroundTheClock(target: SlaTarget): boolean {
	return target.clock === 'around-the-clock';
}

/** A target's length in ms when it is a plain length: minutes or hours of business time, or any unit around the clock. */
export function plainLength(target: SlaTarget): number {
	const amount = target.amount ?? 0;
	return amount * (target.unit === 'days' ? DAY : target.unit === 'hours' ? HOUR : MINUTE);
}

/**
 * The instant a target started at `start` falls due if nothing pauses it, where the conventions name one: days (the
 * same local time on the Nth business day, or that day's close), next business day (its close), around the clock
 * (start plus the length). Null for business minutes and hours, which fall due the first instant they have run.
 */
export function namedDue(cal: CompiledCalendar, target: SlaTarget, start: number): number | null {
	if (isAroundTheClock(target)) return start + plainLength(target);
	if (target.unit === 'days') return businessDaysLater(cal, start, target.amount ?? 0);
	if (target.unit === 'next-business-day') return nextBusinessDayClose(cal, start);
	return null;
}

/**
 * The target's length L in ms of the time it counts, fixed at the clock's start (already moved to an opening):
 * minutes and hours as they are; days and "next business day" as the business time from the start to their named
 * instant; around the clock, a day is 24 hours. `named` is namedDue's answer, when the caller has it.
 */
export function targetLength(cal: CompiledCalendar, target: SlaTarget, start: number, named = namedDue(cal, target, start)): number {
	return named === null || isAroundTheClock(target) ? plainLength(target) : businessTimeBetween(cal, start, named);
}

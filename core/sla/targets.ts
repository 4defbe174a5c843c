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

/**
 * The target's length L in ms of the time it counts, fixed at the clock's start (already moved to an opening):
 * minutes and hours as they are; days and "next business day" as the business time from the start to that instant;
 * around the clock, a day is 24 hours.
 */
export function targetLength(cal: CompiledCalendar, target: SlaTarget, start: number): number {
	const amount = target.amount ?? 0;
	switch (target.unit) {
		case 'minutes':
			return amount * MINUTE;
		case 'hours':
			return amount * HOUR;
		case 'days':
			return isAroundTheClock(target) ? amount * DAY : businessTimeBetween(cal, start, businessDaysLater(cal, start, amount));
		case 'next-business-day':
			return businessTimeBetween(cal, start, nextBusinessDayClose(cal, start));
	}
}

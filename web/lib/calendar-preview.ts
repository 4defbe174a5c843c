import { Temporal } from 'temporal-polyfill';
import { BusinessCalendar } from '$core/sla/calendar';
import { previewDue } from '$core/sla/clock';
import type { SlaPolicyFields } from '$core/sla/policy';
import { orderedClosures } from './calendar-editor';

/** One example ticket for the calendar screen: when it is filed, and when it would be due as saved and as edited. */
export interface PreviewExample {
	label: string;
	openedAt: number;
	/** Due times under the stored calendar (null where none is stored yet). */
	saved: { firstResponse: number | null; resolution: number | null } | null;
	edited: { firstResponse: number | null; resolution: number | null };
}

/** The category the examples are filed in: break-fix when the policy has that row, else its first row, else none. */
export function exampleCategory(policy: SlaPolicyFields): string | null {
	const rows = Object.keys(policy.resolutionByCategory);
	return rows.includes('break-fix') ? 'break-fix' : (rows[0] ?? null);
}

/** When to file the examples: now, and 2 PM on the working day before the next closure (where the calendar matters most). */
function examplesTimes(calendar: BusinessCalendar, now: number): { label: string; openedAt: number }[] {
	const times = [{ label: 'Filed now', openedAt: now }];
	const next = orderedClosures(calendar.closures, calendar.timeZone, now).find((c) => !c.past)?.closure;
	if (next) {
		const day = Temporal.PlainDate.from(next.start.slice(0, 10)).subtract({ days: 1 });
		const openedAt = day.toZonedDateTime({ timeZone: calendar.timeZone, plainTime: '14:00' }).epochMilliseconds;
		if (openedAt > now) times.push({ label: `Filed the day before “${next.summary || 'the next closure'}”, 2 PM`, openedAt });
	}
	return times;
}

/**
 * Examples of due dates under the active policy for the calendar as edited (and as saved), so an administrator sees
 * what a change does before saving. `problem` when the edited calendar is not valid yet.
 */
export function calendarPreview(
	policy: SlaPolicyFields,
	edited: unknown,
	saved: BusinessCalendar | null,
	priority: 1 | 2 | 3 | 4,
	now: number
): { examples: PreviewExample[] } | { problem: string } {
	const parsed = BusinessCalendar.safeParse(edited);
	if (!parsed.success) return { problem: 'Fix the hours and closures marked above to see due dates.' };
	const category = exampleCategory(policy);
	const dueUnder = (calendar: BusinessCalendar, openedAt: number) => {
		const due = previewDue({ policy, calendar, isStaff: () => false }, priority, category, openedAt);
		return { firstResponse: due.firstResponse, resolution: due.resolution };
	};
	return {
		examples: examplesTimes(parsed.data, now).map(({ label, openedAt }) => ({
			label,
			openedAt,
			saved: saved ? dueUnder(saved, openedAt) : null,
			edited: dueUnder(parsed.data, openedAt)
		}))
	};
}

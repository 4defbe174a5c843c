import { Temporal } from 'temporal-polyfill';
import type { TargetClock } from '../sla/clock';
import { lastAtOrBefore } from '../sla/business-year';
import { SLA_TARGET_NAMES, type SlaTargetName } from '../sla/policy';
import type { ClocksOf } from './ticket-view';

/** Of the clocks of one target decided in a week: how many were met on time, of how many decided (met or breached). */
export interface Attainment {
	met: number;
	decided: number;
	/** met / decided, or null when nothing was decided. */
	share: number | null;
}

/** One ISO week's attainment, per target. */
export interface WeekAttainment extends Record<SlaTargetName, Attainment> {
	/** The ISO week, "2026-W49". */
	week: string;
	/** Its Monday, "2026-11-30", and the local midnights that bound it (epoch ms, [startMs, endMs)). */
	monday: string;
	startMs: number;
	endMs: number;
}

/** The ISO weeks in the zone that overlap [from, to): their local Monday midnights, and the Monday after the last. */
export function isoWeeks(timeZone: string, from: number, to: number): { mondays: Temporal.PlainDate[]; starts: number[] } {
	const first = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timeZone).toPlainDate();
	let monday = first.subtract({ days: first.dayOfWeek - 1 });
	const mondays: Temporal.PlainDate[] = [];
	const starts: number[] = [];
	for (;;) {
		const start = monday.toZonedDateTime({ timeZone }).epochMilliseconds;
		mondays.push(monday);
		starts.push(start);
		if (start >= to) return { mondays, starts };
		monday = monday.add({ weeks: 1 });
	}
}

/**
 * When a target was decided: when it was met on time, or when it fell due unmet (a late target, met or not, counts in
 * the week of its due time, even when it breached only at the next opening). Null while it is undecided.
 */
function decidedAt(clock: TargetClock): { at: number; met: boolean } | null {
	if (clock.state === 'met' && clock.metAt !== null) return { at: clock.metAt, met: true };
	if (clock.state === 'breached' && clock.due !== null) return { at: clock.due, met: false };
	return null;
}

/**
 * SLA attainment per ISO week (Monday 00:00 in the district's zone) for the whole weeks that overlap [from, to): per
 * target, the share met on time of the clocks decided that week. One Temporal call per week; per ticket, a binary search.
 */
export function weeklyAttainment<T>(tickets: readonly T[], clocksOf: ClocksOf<T>, timeZone: string, from: number, to: number): WeekAttainment[] {
	if (!(to > from)) return [];
	const { mondays, starts } = isoWeeks(timeZone, from, to);
	const weeks = starts.length - 1;
	const met = new Int32Array(weeks * 3);
	const decided = new Int32Array(weeks * 3);
	const first = starts[0];
	const end = starts[weeks];
	for (const ticket of tickets) {
		const clocks = clocksOf(ticket);
		for (let k = 0; k < 3; k++) {
			const decision = decidedAt(clocks[SLA_TARGET_NAMES[k]]);
			if (decision === null || decision.at < first || decision.at >= end) continue;
			const slot = lastAtOrBefore(starts, decision.at, 0, weeks) * 3 + k;
			decided[slot]++;
			if (decision.met) met[slot]++;
		}
	}
	return mondays.slice(0, weeks).map((monday, w) => {
		const row = {
			week: `${monday.yearOfWeek}-W${String(monday.weekOfYear).padStart(2, '0')}`,
			monday: monday.toString(),
			startMs: starts[w],
			endMs: starts[w + 1]
		} as WeekAttainment;
		SLA_TARGET_NAMES.forEach((name, k) => {
			const d = decided[w * 3 + k];
			row[name] = { met: met[w * 3 + k], decided: d, share: d === 0 ? null : met[w * 3 + k] / d };
		});
		return row;
	});
}

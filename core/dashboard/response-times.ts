import type { TargetClock } from '../sla/clock';
import { parseIsoTime } from '../sla/iso-time';
import type { ClocksOf, DashboardTicket } from './ticket-view';

/** Average and median of one measure over the tickets it covers; null figures when it covers none. */
export interface TimeFigures {
	/** How many tickets the figures cover. */
	count: number;
	averageMinutes: number | null;
	medianMinutes: number | null;
}

/** Time to first response and to resolution over a period. */
export interface ResponseTimes {
	/** Tickets filed in the period, whatever their state. */
	filed: number;
	firstResponse: TimeFigures;
	resolution: TimeFigures;
}

/** A target that was reached (on time or late): the time its clock ran until then. */
function reachedMs(clock: TargetClock): number | null {
	return clock.metAt !== null && (clock.state === 'met' || clock.state === 'breached') ? clock.elapsedMs : null;
}

/** The average and median of the values (ms), in minutes. */
export function timeFigures(values: Float64Array, count: number): TimeFigures {
	if (count === 0) return { count, averageMinutes: null, medianMinutes: null };
	const sorted = values.subarray(0, count).sort();
	let sum = 0;
	for (let i = 0; i < count; i++) sum += sorted[i];
	const mid = count >> 1;
	const median = count % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	return { count, averageMinutes: sum / count / 60_000, medianMinutes: median / 60_000 };
}

/**
 * Time to first response and to resolution over the tickets filed in [from, to) (epoch ms): the business time each
 * clock ran until its target was reached, on time or late (paused time excluded, as the clock counts it; an
 * around-the-clock target counts every minute). Tickets still waiting, or whose target was never timed, are left out.
 */
export function responseTimes<T extends DashboardTicket>(tickets: readonly T[], clocksOf: ClocksOf<T>, from: number, to: number): ResponseTimes {
	const firstResponse = new Float64Array(tickets.length);
	const resolution = new Float64Array(tickets.length);
	let filed = 0;
	let responded = 0;
	let resolved = 0;
	for (const ticket of tickets) {
		const at = parseIsoTime(ticket.createdAt);
		if (!(at >= from && at < to)) continue;
		filed++;
		const clocks = clocksOf(ticket);
		const response = reachedMs(clocks.firstResponse);
		if (response !== null) firstResponse[responded++] = response;
		const resolvedIn = reachedMs(clocks.resolution);
		if (resolvedIn !== null) resolution[resolved++] = resolvedIn;
	}
	return { filed, firstResponse: timeFigures(firstResponse, responded), resolution: timeFigures(resolution, resolved) };
}

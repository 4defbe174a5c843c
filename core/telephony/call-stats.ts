import { Temporal } from 'temporal-polyfill';
import { isoWeeks } from '../dashboard/weekly-attainment';
import type { Ticket } from '../schemas';
import { CALL_OUTCOMES, type CallDoc, type CallOutcome } from './docs';
import { isFirstContactResolution } from './first-contact';

/** The calls that started in one day or ISO week (local midnights in the district's zone), by outcome. */
export interface CallVolume {
	/** The local date the period starts on: the day, or the week's Monday ("2026-11-30"). */
	start: string;
	startMs: number;
	endMs: number;
	total: number;
	byOutcome: Record<CallOutcome, number>;
}

/** The local midnights of the days in the zone that overlap [from, to), and the midnight after the last. */
function days(timeZone: string, from: number, to: number): { dates: Temporal.PlainDate[]; starts: number[] } {
	let date = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(timeZone).toPlainDate();
	const dates: Temporal.PlainDate[] = [];
	const starts: number[] = [];
	for (;;) {
		const start = date.toZonedDateTime({ timeZone }).epochMilliseconds;
		dates.push(date);
		starts.push(start);
		if (start >= to) return { dates, starts };
		date = date.add({ days: 1 });
	}
}

const noOutcomes = () => Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;

/** Calls per day or per ISO week over the whole periods overlapping [from, to), counted by when they started; simulated calls left out. */
export function callVolumes(calls: readonly Pick<CallDoc, 'startedAt' | 'outcome' | 'simulated'>[], timeZone: string, from: number, to: number, unit: 'day' | 'week'): CallVolume[] {
	if (!(to > from)) return [];
	const weeks = unit === 'week' ? isoWeeks(timeZone, from, to) : null;
	const { dates, starts } = weeks ? { dates: weeks.mondays, starts: weeks.starts } : days(timeZone, from, to);
	const rows: CallVolume[] = dates.slice(0, -1).map((date, i) => ({ start: date.toString(), startMs: starts[i], endMs: starts[i + 1], total: 0, byOutcome: noOutcomes() }));
	for (const call of calls) {
		if (call.simulated) continue;
		const t = Date.parse(call.startedAt);
		const row = rows.find((r) => t >= r.startMs && t < r.endMs);
		if (!row) continue;
		row.total++;
		row.byOutcome[call.outcome]++;
	}
	return rows;
}

/** The first-contact-resolution figures of the calls that became tickets in [from, to). */
export interface FirstContact {
	/** Tickets logged from a call and resolved on it. */
	resolvedOnCall: number;
	/** Tickets logged by whoever answered a call (source phone). */
	logged: number;
	/** Voicemails: calls nobody could take, never resolved on first contact. */
	voicemails: number;
	/** resolvedOnCall / (logged + voicemails), or null when no call became a ticket. */
	rate: number | null;
}

/** How many of the calls that became tickets in [from, to) were resolved while the caller was on the line. */
export function firstContactResolution(tickets: readonly Pick<Ticket, 'source' | 'createdAt' | 'createdBy' | 'history'>[], from: number, to: number): FirstContact {
	let resolvedOnCall = 0;
	let logged = 0;
	let voicemails = 0;
	for (const ticket of tickets) {
		const t = Date.parse(ticket.createdAt);
		if (t < from || t >= to) continue;
		if (ticket.source === 'voicemail') voicemails++;
		if (ticket.source !== 'phone') continue;
		logged++;
		if (isFirstContactResolution(ticket)) resolvedOnCall++;
	}
	const contacts = logged + voicemails;
	return { resolvedOnCall, logged, voicemails, rate: contacts ? resolvedOnCall / contacts : null };
}

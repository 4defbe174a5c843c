import type { Status } from '../schemas';
import type { SlaState, TargetClock, TicketClocks } from '../sla/clock';
import type { DashboardTicket } from './ticket-view';

/** Tickets and hand-made clocks for the dashboard's table tests (no SLA engine involved). */

export const MIN = 60_000;
export const HOUR = 60 * MIN;

let counter = 0;

/** A ticket with the given fields; the rest are plain defaults (open, building north, filed 2026-12-07 08:00 Denver). */
export function ticket(fields: Partial<DashboardTicket> = {}): DashboardTicket {
	counter++;
	return {
		number: `AAA-${String(counter).padStart(3, '2').replace(/[01]/g, '2')}`,
		title: 'Projector',
		building: 'north',
		category: 'break-fix',
		assignee: 'tech',
		priority: 3,
		status: 'in-progress' as Status,
		createdAt: '2026-12-07T08:00:00-07:00',
		...fields
	};
}

/** One clock in a state; every other field zero or null unless given. */
export function clock(state: SlaState, fields: Partial<TargetClock> = {}): TargetClock {
	return { state, due: null, targetMs: 0, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null, ...fields };
}

const NA = clock('not-applicable');

/** A ticket's three clocks; those not given are not applicable. */
export function clocks(given: Partial<TicketClocks> = {}): TicketClocks {
	return { categorization: NA, firstResponse: NA, resolution: NA, ...given };
}

/** A clocksOf for tests: the clocks given per ticket, none for the others. */
export function clocksFrom<T extends object>(pairs: [T, TicketClocks][]): (t: T) => TicketClocks {
	const map = new Map(pairs);
	return (t) => map.get(t) ?? clocks();
}

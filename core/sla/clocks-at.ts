import type { Ticket } from '../schemas';
import { type SlaSetup, type TicketClocks, ticketClocks } from './clock';
import type { SlaCell, SlaTargetName } from './policy';
import { firstResponseCell, isAroundTheClock, resolutionCell } from './targets';

const memo = new WeakMap<SlaSetup, { now: number; outages: SlaSetup['outages']; byTicket: WeakMap<Ticket, TicketClocks> }>();

const NONE: TicketClocks = Object.freeze({
	categorization: Object.freeze({ state: 'not-applicable', due: null, targetMs: 0, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null }),
	firstResponse: Object.freeze({ state: 'not-applicable', due: null, targetMs: 0, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null }),
	resolution: Object.freeze({ state: 'not-applicable', due: null, targetMs: 0, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null })
}) as TicketClocks;

/** The clocks, or none when the calendar cannot time them (it never opens for 20 years): a queue still draws. */
function clocksOrNone(ticket: Ticket, setup: SlaSetup, now: number): TicketClocks {
	try {
		return ticketClocks(ticket, setup, now);
	} catch {
		return NONE;
	}
}

/**
 * A ticket's clocks at `now` under a setup. Each ticket object is computed once per setup and time, so a queue's sort,
 * its badges and its counts share the work; a new setup object, new outages in it or a new `now` starts afresh.
 */
export function clocksAt(setup: SlaSetup, now: number): (ticket: Ticket) => TicketClocks {
	let entry = memo.get(setup);
	if (!entry || entry.now !== now || entry.outages !== setup.outages) memo.set(setup, (entry = { now, outages: setup.outages, byTicket: new WeakMap() }));
	const { byTicket } = entry;
	return (ticket) => {
		let clocks = byTicket.get(ticket);
		if (!clocks) byTicket.set(ticket, (clocks = clocksOrNone(ticket, setup, now)));
		return clocks;
	};
}

/** The targets of a ticket that count every minute (emergencies), for the words "left" rather than "of business time left". */
export function aroundTheClockTargets(setup: SlaSetup, ticket: Pick<Ticket, 'priority' | 'category'>): Set<SlaTargetName> {
	const { policy } = setup;
	const cells: [SlaTargetName, SlaCell][] = [
		['categorization', policy.categorization],
		['firstResponse', firstResponseCell(policy, ticket.priority)],
		['resolution', resolutionCell(policy, ticket.priority, ticket.category)]
	];
	return new Set(cells.flatMap(([name, cell]) => (cell && isAroundTheClock(cell) ? [name] : [])));
}

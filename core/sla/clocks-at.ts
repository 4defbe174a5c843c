import type { Ticket } from '../schemas';
import { type SlaSetup, type TicketClocks, ticketClocks } from './clock';
import type { SlaTargetName, SlaTarget } from './policy';

const memo = new WeakMap<SlaSetup, { now: number; byTicket: WeakMap<Ticket, TicketClocks> }>();

/**
 * A ticket's clocks at `now` under a setup. Each ticket object is computed once per setup and time, so a queue's sort,
 * its badges and its counts share the work; a new setup object or a new `now` starts afresh.
 */
export function clocksAt(setup: SlaSetup, now: number): (ticket: Ticket) => TicketClocks {
	let entry = memo.get(setup);
	if (!entry || entry.now !== now) memo.set(setup, (entry = { now, byTicket: new WeakMap() }));
	const { byTicket } = entry;
	return (ticket) => {
		let clocks = byTicket.get(ticket);
		if (!clocks) byTicket.set(ticket, (clocks = ticketClocks(ticket, setup, now)));
		return clocks;
	};
}

/** The targets of a ticket that count every minute (emergencies), for the words "left" rather than "of business time left". */
export function aroundTheClockTargets(setup: SlaSetup, ticket: Pick<Ticket, 'priority' | 'category'>): Set<SlaTargetName> {
	const { policy } = setup;
	const priority = String(ticket.priority ?? policy.defaultPriority) as '1' | '2' | '3' | '4';
	const row = (ticket.category !== null && policy.resolutionByCategory[ticket.category]) || policy.resolution;
	const cells: [SlaTargetName, SlaTarget | null][] = [
		['categorization', policy.categorization],
		['firstResponse', policy.firstResponse[priority]],
		['resolution', row[priority]]
	];
	return new Set(cells.filter(([, cell]) => cell?.clock === 'around-the-clock').map(([name]) => name));
}

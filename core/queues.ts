import type { Status, Ticket } from './schemas';
import { bySlaUrgency, type SlaSetup } from './sla/clock';
import { clocksAt } from './sla/clocks-at';
import { INTERIM_ORDER } from './work-queues';
import { isOpen } from './workflow';

const oldestFirst = (a: Ticket, b: Ticket) => Date.parse(a.createdAt) - Date.parse(b.createdAt);

/**
 * The order of work queues: by SLA urgency at `now` (a breach first, then the nearest due, paused last). When the
 * device holds no calendar or active policy yet (setup null: a first sync still running), the interim order.
 */
export function queueOrder(setup: SlaSetup | null, now: number): (a: Ticket, b: Ticket) => number {
	return setup ? bySlaUrgency(now, clocksAt(setup, now)) : INTERIM_ORDER;
}

/** The open tickets of the given buildings, most urgent first (see queueOrder). */
export function buildingQueue(tickets: readonly Ticket[], buildings: readonly string[], setup: SlaSetup | null, now: number): Ticket[] {
	return tickets.filter((t) => buildings.includes(t.building) && isOpen(t.status)).sort(queueOrder(setup, now));
}

/** What a ticket still lacks to leave To sort: its category while it is open and has none; empty once it is sorted. */
export function stillToSort(ticket: Pick<Ticket, 'category' | 'status'>): 'category'[] {
	return ticket.category === null && isOpen(ticket.status) ? ['category'] : [];
}

/** Open tickets nobody has categorized yet, oldest first (procedure 004: categorize within 2 hours). */
export function uncategorizedQueue(tickets: readonly Ticket[]): Ticket[] {
	return tickets.filter((t) => stillToSort(t).length > 0).sort(oldestFirst);
}

/** An order with open tickets before resolved and closed ones, each group kept in `order`. */
export function openFirst(order: (a: Ticket, b: Ticket) => number): (a: Ticket, b: Ticket) => number {
	return (a, b) => Number(!isOpen(a.status)) - Number(!isOpen(b.status)) || order(a, b);
}

/** Procedure 004's target for categorizing a new ticket, in wall-clock time: the rule while no SLA setup is on the device. */
export const CATEGORIZE_WITHIN_MS = 2 * 3_600_000;

/**
 * The To-sort flag: 'breached' or 'at-risk' on the ticket's categorization clock, null otherwise (also when the
 * policy sets no categorization target). When the device holds no calendar or active policy yet (setup null), the
 * interim rule: 'breached' once filed more than 2 wall-clock hours ago, and never 'at-risk'.
 */
export function categorizationFlag(ticket: Ticket, setup: SlaSetup | null, now: number): 'breached' | 'at-risk' | null {
	if (!setup) return now - Date.parse(ticket.createdAt) > CATEGORIZE_WITHIN_MS ? 'breached' : null;
	const { state } = clocksAt(setup, now)(ticket).categorization;
	return state === 'breached' || state === 'at-risk' ? state : null;
}

/** A coordinator's filters over all tickets; an empty value means "any". `status` may also be "open". */
export interface TicketFilters {
	building: string;
	category: string;
	status: Status | 'open' | '';
	/** A username, "none" for unassigned, or empty. */
	assignee: string;
}

export const NO_FILTERS: TicketFilters = { building: '', category: '', status: 'open', assignee: '' };

/** The tickets that pass the filters: open ones first, each group most urgent first (see queueOrder). */
export function filterTickets(tickets: readonly Ticket[], filters: TicketFilters, setup: SlaSetup | null, now: number): Ticket[] {
	const { building, category, status, assignee } = filters;
	return tickets
		.filter(
			(t) =>
				(!building || t.building === building) &&
				(!category || (category === 'none' ? t.category === null : t.category === category)) &&
				(!status || (status === 'open' ? isOpen(t.status) : t.status === status)) &&
				(!assignee || (assignee === 'none' ? t.assignee === null : t.assignee === assignee))
		)
		.sort(openFirst(queueOrder(setup, now)));
}

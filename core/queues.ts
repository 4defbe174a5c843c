import { isCoordinator, isOwnTicket } from './access';
import type { Status, Ticket, UserProfile } from './schemas';
import { byUrgency, isOpen } from './workflow';

const newestFirst = (a: Ticket, b: Ticket) => Date.parse(b.createdAt) - Date.parse(a.createdAt);
const oldestFirst = (a: Ticket, b: Ticket) => Date.parse(a.createdAt) - Date.parse(b.createdAt);

/** A requester's tickets (filed by them or for them): open ones first, newest first within each group. */
export function myTickets(tickets: readonly Ticket[], username: string): { open: Ticket[]; done: Ticket[] } {
	const mine = tickets.filter((t) => isOwnTicket({ username }, t)).sort(newestFirst);
	return { open: mine.filter((t) => isOpen(t.status)), done: mine.filter((t) => !isOpen(t.status)) };
}

/** The open tickets of the given buildings, most urgent first. */
export function buildingQueue(tickets: readonly Ticket[], buildings: readonly string[]): Ticket[] {
	return tickets.filter((t) => buildings.includes(t.building) && isOpen(t.status)).sort(byUrgency);
}

export type WorkQueue = 'mine' | 'escalated' | 'unassigned' | 'buildings';

export const WORK_QUEUE_LABELS: Record<WorkQueue, string> = {
	mine: 'Assigned to me',
	escalated: 'Escalated to me',
	unassigned: 'Unassigned',
	buildings: 'My buildings'
};

/** Which work queues a person has: only building technicians cover buildings; specialists see only what is theirs. */
export function workQueuesFor(person: Pick<UserProfile, 'role'>): WorkQueue[] {
	if (person.role === 'building-tech') return ['mine', 'escalated', 'unassigned', 'buildings'];
	return person.role === 'specialist' ? ['mine', 'escalated'] : ['mine', 'escalated', 'unassigned'];
}

/**
 * A technician's work queues over the tickets on their device, each most urgent first.
 * The device holds only what the person may see, so "unassigned" is their buildings' (or, for a coordinator, the district's).
 * An escalation addressed to nobody in particular goes to the coordinators (procedure 001).
 */
export function workQueues(tickets: readonly Ticket[], person: Pick<UserProfile, 'username' | 'buildings' | 'role'>): Record<WorkQueue, Ticket[]> {
	const open = tickets.filter((t) => isOpen(t.status)).sort(byUrgency);
	const coordinates = isCoordinator(person);
	return {
		mine: open.filter((t) => t.assignee === person.username),
		escalated: open.filter((t) => t.escalatedTo === person.username || (coordinates && t.level > 1 && t.escalatedTo === null)),
		unassigned: open.filter((t) => t.assignee === null),
		buildings: open.filter((t) => person.buildings.includes(t.building))
	};
}

/** Open tickets nobody has categorized yet, oldest first (procedure 004: categorize within 2 hours). */
export function uncategorizedQueue(tickets: readonly Ticket[]): Ticket[] {
	return tickets.filter((t) => t.category === null && isOpen(t.status)).sort(oldestFirst);
}

/** Procedure 004's target for categorizing a new ticket. */
export const CATEGORIZE_WITHIN_MS = 2 * 3_600_000;

/** Whether a ticket has waited longer than the categorization target. Wall-clock time until the SLA engine's business hours exist. */
export function categorizationOverdue(ticket: Pick<Ticket, 'createdAt'>, now: number): boolean {
	return now - Date.parse(ticket.createdAt) > CATEGORIZE_WITHIN_MS;
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

/** The tickets that pass the filters, most urgent first. */
export function filterTickets(tickets: readonly Ticket[], filters: TicketFilters): Ticket[] {
	const { building, category, status, assignee } = filters;
	return tickets
		.filter(
			(t) =>
				(!building || t.building === building) &&
				(!category || (category === 'none' ? t.category === null : t.category === category)) &&
				(!status || (status === 'open' ? isOpen(t.status) : t.status === status)) &&
				(!assignee || (assignee === 'none' ? t.assignee === null : t.assignee === assignee))
		)
		.sort(byUrgency);
}

import { isCoordinator, isOwnTicket } from './access';
import type { Ticket, UserProfile } from './schemas';
import { byUrgency, isOpen } from './workflow';

// Apart from the SLA engine (core/queues.ts orders by it): the home page shows these lists before the engine has loaded.

const newestFirst = (a: Ticket, b: Ticket) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** The order of work queues while the device holds no SLA setup (see queueOrder): priority, unset last, then the oldest first. */
export const INTERIM_ORDER: (a: Ticket, b: Ticket) => number = byUrgency;

/** A requester's tickets (filed by them or for them): open ones first, newest first within each group. */
export function myTickets(tickets: readonly Ticket[], username: string): { open: Ticket[]; done: Ticket[] } {
	const mine = tickets.filter((t) => isOwnTicket({ username }, t)).sort(newestFirst);
	return { open: mine.filter((t) => isOpen(t.status)), done: mine.filter((t) => !isOpen(t.status)) };
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
 * A technician's work queues over the tickets on their device, each in `order` (queueOrder: most urgent first).
 * The device holds only what the person may see, so "unassigned" is their buildings' (or, for a coordinator, the district's).
 * An escalation addressed to nobody in particular goes to the coordinators (procedure 001).
 */
export function workQueues(
	tickets: readonly Ticket[],
	person: Pick<UserProfile, 'username' | 'buildings' | 'role'>,
	order: (a: Ticket, b: Ticket) => number
): Record<WorkQueue, Ticket[]> {
	const open = tickets.filter((t) => isOpen(t.status)).sort(order);
	const coordinates = isCoordinator(person);
	return {
		mine: open.filter((t) => t.assignee === person.username),
		escalated: open.filter((t) => t.escalatedTo === person.username || (coordinates && t.level > 1 && t.escalatedTo === null)),
		unassigned: open.filter((t) => t.assignee === null),
		buildings: open.filter((t) => person.buildings.includes(t.building))
	};
}

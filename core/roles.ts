import type { Ticket, UserProfile } from './schemas';

/** The part of a profile that decides access. */
export type Actor = Pick<UserProfile, 'username' | 'role' | 'buildings' | 'kind'>;

const STAFF_ROLES = new Set(['building-tech', 'specialist', 'coordinator', 'admin']);
const SEES_ALL = new Set(['coordinator', 'admin']);

/** Whether the actor is technology staff rather than a requester. */
export function isStaff(actor: Pick<Actor, 'role'>): boolean {
	return STAFF_ROLES.has(actor.role);
}

/** Whether the actor coordinates the helpdesk: sees every ticket, sorts and distributes them, edits the knowledge base. */
export function isCoordinator(actor: Pick<Actor, 'role'>): boolean {
	return SEES_ALL.has(actor.role);
}

/** Whether the ticket is the person's own: filed by them or for them. */
export function isOwnTicket(actor: Pick<Actor, 'username'>, ticket: Pick<Ticket, 'requester' | 'createdBy'>): boolean {
	return ticket.requester === actor.username || ticket.createdBy === actor.username;
}

/** Whether the actor may see a ticket. */
export function canReadTicket(actor: Actor, ticket: Pick<Ticket, 'requester' | 'createdBy' | 'assignee' | 'escalatedTo' | 'building'>): boolean {
	if (isCoordinator(actor) || isOwnTicket(actor, ticket)) return true;
	if (actor.role === 'requester') return false;
	if (ticket.assignee === actor.username || ticket.escalatedTo === actor.username) return true;
	return actor.role === 'building-tech' && actor.buildings.includes(ticket.building);
}

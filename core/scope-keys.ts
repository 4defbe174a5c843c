import type { DeletionScope } from './deletion';
import { type Actor, isCoordinator } from './roles';
import type { ScopeFacts } from './scope-facts';

type TicketFacts = Extract<ScopeFacts, { type: 'ticket' }>;
type TicketDeletion = Extract<DeletionScope, { type: 'ticket' }>;

const person = (username: string) => `p:${username}`;
const building = (code: string) => `b:${code}`;

/**
 * The keys a ticket is filed under for first syncs: every person and building through which anyone but a coordinator
 * can get it or hear of its removal (canReadTicket, wasInScope, hearsOfDeletion). Someone whose keys (actorKeys) share
 * none of them gets nothing of the ticket, so a server can judge only the tickets filed under their keys.
 */
export function ticketKeys(ticket: TicketFacts | TicketDeletion): string[] {
	const people = 'past' in ticket ? [ticket.assignee, ticket.escalatedTo, ...ticket.past.people] : ticket.people;
	const buildings = 'past' in ticket ? [ticket.building, ...ticket.past.buildings] : ticket.buildings;
	const keys = new Set<string>([person(ticket.requester), person(ticket.createdBy)]);
	for (const username of people) if (username) keys.add(person(username));
	for (const code of buildings) keys.add(building(code));
	return [...keys];
}

/**
 * The keys under which the tickets a person may get or must drop are filed (see ticketKeys): their own name, and for a
 * building technician the buildings they cover and covered. Null for a coordinator or administrator, who see every ticket.
 */
export function actorKeys(actor: Actor, formerBuildings: readonly string[]): string[] | null {
	if (isCoordinator(actor)) return null;
	if (actor.role !== 'building-tech') return [person(actor.username)];
	return [...new Set([person(actor.username), ...[...actor.buildings, ...formerBuildings].map(building)])];
}

import type { DeletionScope } from './deletion';
import { type Actor, isCoordinator, isStaff } from './roles';
import type { ScopeFacts } from './scope-facts';

type TicketFacts = Extract<ScopeFacts, { type: 'ticket' }>;
type TicketDeletion = Extract<DeletionScope, { type: 'ticket' }>;

const person = (username: string) => `p:${username}`;
const building = (code: string) => `b:${code}`;
/** Everyone on the technology staff (isStaff): the key of what every staff member may get. */
const STAFF = 'r:staff';

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
 * The keys a document (its scope facts, or a tombstone's deletion scope) is filed under for first syncs, as ticketKeys
 * does for tickets: the people through whom anyone but a coordinator can get it, hear of its removal or of its deletion
 * (canRead, deviceViewOfFacts, hearsOfDeletion). 'everyone' when no key narrows it (profiles, buildings, categories...).
 */
export function documentKeys(of: ScopeFacts | DeletionScope): string[] | 'everyone' {
	switch (of.type) {
		case 'ticket':
			return ticketKeys(of);
		case 'notification':
			// The recipient alone, coordinators included (canReadNotification).
			return [person('recipient' in of ? of.recipient : of.username)];
		case 'notify-prefs':
			return [person(of.username)];
		case 'outage-affected':
			return [person(of.username), STAFF];
		case 'phone-line':
			return [STAFF];
		case 'call':
			return of.answeredBy === null ? [] : [person(of.answeredBy)];
		case 'voicemail': {
			// A former assignee must drop their copy (deviceViewOfFacts' 'remove').
			const people = [of.assignee, ...('formerAssignees' in of ? (of.formerAssignees ?? []) : [])];
			return [...new Set(people.filter((username): username is string => username !== null).map(person))];
		}
		default:
			return 'everyone';
	}
}

/**
 * The keys under which the documents a person may get or must drop are filed (see ticketKeys, documentKeys): their own
 * name, the staff's key for technology staff, and for a building technician the buildings they cover and covered. Null
 * for a coordinator or administrator, who walk every document.
 */
export function actorKeys(actor: Actor, formerBuildings: readonly string[]): string[] | null {
	if (isCoordinator(actor)) return null;
	if (!isStaff(actor)) return [person(actor.username)];
	if (actor.role !== 'building-tech') return [person(actor.username), STAFF];
	return [...new Set([person(actor.username), STAFF, ...[...actor.buildings, ...formerBuildings].map(building)])];
}

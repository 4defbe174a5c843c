import { ticketPast } from './access';
import type { ReplicatedDoc, Ticket } from './schemas';

/** Everyone a ticket was ever assigned or escalated to, and every building it was ever in (see ticketPast). */
export interface TicketPast {
	people: string[];
	buildings: string[];
}

/**
 * The fields of a document that decide who may hold it (canRead, inDeviceScope, deviceView): a small projection kept
 * in memory for every document, so a device's first sync is judged without reading the store. Never its content.
 */
export type ScopeFacts =
	| (Pick<Ticket, 'type' | 'requester' | 'createdBy' | 'assignee' | 'escalatedTo' | 'building' | 'closedAt'> & { past: TicketPast })
	| { type: 'user'; username: string; role: Extract<ReplicatedDoc, { type: 'user' }>['role']; kind: 'staff' | 'student'; buildings: string[] }
	| { type: 'outage-affected' | 'notify-prefs'; username: string }
	| { type: 'notification'; recipient: string }
	| { type: 'call'; answeredBy: string | null }
	| { type: 'voicemail'; assignee: string | null; formerAssignees?: string[] }
	| { type: 'phone-line' | 'building' | 'category' | 'kb' | 'calendar' | 'sla-policy' | 'sla-settings' | 'outage' };

/** Keeps one copy of each repeated string or list (building codes, usernames), so facts of many documents share them. */
export type Intern = <T extends string | string[]>(value: T) => T;

const asIs: Intern = (value) => value;

/** The scope facts of a parsed document; `intern` lets a long-lived index share repeated strings. */
export function scopeFacts(doc: ReplicatedDoc, intern: Intern = asIs): ScopeFacts {
	switch (doc.type) {
		case 'ticket': {
			const past = ticketPast(doc);
			return {
				type: 'ticket',
				requester: intern(doc.requester),
				createdBy: intern(doc.createdBy),
				assignee: doc.assignee === null ? null : intern(doc.assignee),
				escalatedTo: doc.escalatedTo === null ? null : intern(doc.escalatedTo),
				building: intern(doc.building),
				closedAt: doc.closedAt,
				past: { people: intern(past.people), buildings: intern(past.buildings) }
			};
		}
		case 'user':
			return { type: 'user', username: intern(doc.username), role: doc.role, kind: doc.kind, buildings: intern(doc.buildings) };
		case 'outage-affected':
		case 'notify-prefs':
			return { type: doc.type, username: intern(doc.username) };
		case 'notification':
			return { type: 'notification', recipient: intern(doc.recipient) };
		case 'call':
			return { type: 'call', answeredBy: doc.answeredBy === null ? null : intern(doc.answeredBy) };
		case 'voicemail':
			return { type: 'voicemail', assignee: doc.assignee === null ? null : intern(doc.assignee), ...(doc.formerAssignees ? { formerAssignees: intern(doc.formerAssignees) } : {}) };
		default:
			return { type: doc.type };
	}
}

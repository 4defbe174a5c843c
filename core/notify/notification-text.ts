import { servicesAre } from '../outage/active';
import type { OutageDoc } from '../outage/outage';
import type { Ticket } from '../schemas';
import { whenWords } from '../sla/clock-words';
import type { SlaTargetName } from '../sla/policy';
import { isOutageEvent, type NotifyEvent } from './event';

/** What a notification line needs besides the event: names for people and buildings, and the district's zone. */
export interface NotificationTextContext {
	/** A person's name from their username; the username itself when unknown. */
	personName: (username: string) => string;
	/** A building's name from its code; the code itself when unknown. */
	buildingName: (code: string) => string;
	timeZone: string;
}

export const MAX_NOTIFICATION_TEXT = 300;

const TARGET_WORDS: Record<SlaTargetName, string> = { categorization: 'categorization', firstResponse: 'first response', resolution: 'resolution' };

// One line: control characters and line breaks in a title or a note become spaces; too long ends with an ellipsis.
function oneLine(text: string): string {
	const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
	return flat.length > MAX_NOTIFICATION_TEXT ? `${flat.slice(0, MAX_NOTIFICATION_TEXT - 1)}…` : flat;
}

/**
 * The one plain line an in-app notification shows for an event: who did what, the ticket number and title first
 * ("Nina North assigned ticket K7M-4QX to you: Projector dead"), or what is down where for an outage. `about` is the
 * ticket (ticket and clock events) or the outage (outage events). At most 300 characters.
 */
export function notificationText(event: NotifyEvent, about: Ticket | OutageDoc, ctx: NotificationTextContext): string {
	if (isOutageEvent(event)) {
		if (about.type !== 'outage') throw new Error(`an outage event needs its outage, not ${about._id}`);
		const services = servicesAre(about.services);
		const where = about.buildings.length === 0 ? 'across the district' : `at ${about.buildings.map(ctx.buildingName).join(', ')}`;
		const subject = `${services.charAt(0).toUpperCase()}${services.slice(1)}`;
		if (event.kind === 'outage-posted') return oneLine(`Outage: ${subject} down ${where}: ${about.description}`);
		if (event.kind === 'outage-restored') return oneLine(`Service restored: ${subject.replace(/ (is|are)$/, '')} working again ${where}`);
		const note = about.progress.find((n) => Date.parse(n.at) === event.at && n.by === event.by);
		return oneLine(`Outage update from ${ctx.personName(event.by)}: ${note?.text ?? `${services} down ${where}`}`);
	}
	if (about.type !== 'ticket' || about.number !== event.ticket) throw new Error(`event ${event.key} needs ticket ${event.ticket}, not ${about._id}`);
	const ticket = `ticket ${about.number}`;
	// The server's own entries (a building's technician given on filing) are by 'system': say who that is for people.
	const who = 'by' in event ? (event.by === 'system' ? 'The helpdesk' : ctx.personName(event.by)) : '';
	switch (event.kind) {
		case 'assigned':
			return oneLine(`${who} assigned ${ticket} to you: ${about.title}`);
		case 'escalated':
			return oneLine(`${who} escalated ${ticket} to you: ${about.title}`);
		case 'note':
			return oneLine(`${who} wrote on your ${ticket}: ${about.title}`);
		case 'emergency':
			return oneLine(`Emergency: ${about.requesterName} left a message nobody on call answered (call back ${about.contactPhone || 'no number'}), ${ticket}`);
		case 'at-risk':
		case 'breached': {
			const target = TARGET_WORDS[event.target];
			const state = event.kind === 'at-risk' ? 'at risk' : 'overdue';
			const due = event.due === null ? '' : ` (${event.kind === 'at-risk' ? 'due' : 'was due'} ${whenWords(event.due, event.at, ctx.timeZone)})`;
			return oneLine(`${target.charAt(0).toUpperCase()}${target.slice(1)} ${state} on ${ticket}${due}: ${about.title}`);
		}
	}
}

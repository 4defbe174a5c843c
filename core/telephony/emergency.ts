import type { TicketEvent } from '../notify/event';
import type { Ticket, UserProfile } from '../schemas';
import { toE164 } from './caller';
import { voicemailEntryId } from './voicemail-ticket';

/** The event that tells one on-call person of an emergency voicemail (its key makes it once per ticket and person). */
export function emergencyEvent(ticket: Ticket, recordingSid: string, recipient: string, at: number): TicketEvent {
	return { key: `phone:emergency:${ticket.number}:${recipient}`, kind: 'emergency', recipient, at, ticket: ticket.number, priority: 1, entryId: voicemailEntryId(recordingSid), by: 'system' };
}

/** The text message to the on-call staff: the ticket, who called, the number to call back, the link. One SMS long when it can be. */
export function emergencySms(ticket: Ticket, baseUrl: string): string {
	const callBack = ticket.contactPhone ? `, call back ${ticket.contactPhone}` : '';
	return `Emergency voicemail, ticket ${ticket.number}: ${ticket.requesterName}${callBack}. ${baseUrl.replace(/\/+$/, '')}/tickets/${ticket.number}`;
}

/** The on-call people to alert: active, in the line's order, each once, with their mobile as E.164 (null without one). */
export function onCallRecipients(onCall: readonly string[], people: readonly UserProfile[]): { person: UserProfile; mobile: string | null }[] {
	const seen = new Set<string>();
	return onCall.flatMap((username) => {
		const person = people.find((p) => p.username === username && p.active);
		if (!person || seen.has(username)) return [];
		seen.add(username);
		return [{ person, mobile: toE164(person.phone) }];
	});
}

import type { Ticket, UserProfile } from '../schemas';
import { isOpen } from '../workflow';
import type { VoicemailDoc } from './docs';

/** One voicemail waiting in the coordinators' queue: its ticket, and its recording once the voicemail document is here. */
export interface QueueItem {
	ticket: Ticket;
	/** Null while the voicemail document (audio, transcript) has not reached this device. */
	voicemail: VoicemailDoc | null;
}

/**
 * The coordinators' voicemail queue: open voicemail tickets nobody is assigned to, oldest first (ties by number), each
 * with the voicemail filed with it.
 */
export function voicemailQueue(tickets: readonly Ticket[], voicemails: readonly VoicemailDoc[]): QueueItem[] {
	const byTicket = new Map<string, VoicemailDoc>();
	for (const v of [...voicemails].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt)))
		if (!byTicket.has(v.ticket)) byTicket.set(v.ticket, v);
	return tickets
		.filter((t) => t.source === 'voicemail' && t.assignee === null && isOpen(t.status))
		.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
		.map((ticket) => ({ ticket, voicemail: byTicket.get(ticket.number) ?? null }));
}

/** Who called: the directory's name and first building when the number matched someone, else the number as dialled. */
export function voicemailCaller(
	item: QueueItem,
	person: (username: string) => Pick<UserProfile, 'name' | 'buildings'> | undefined
): { name: string | null; building: string | null; number: string } {
	const number = item.voicemail?.from || item.ticket.contactPhone || 'a withheld number';
	const matched = item.voicemail?.caller ? person(item.voicemail.caller) : undefined;
	return matched ? { name: matched.name, building: matched.buildings[0] ?? null, number } : { name: null, building: null, number };
}

/** A caller's number as people read it: "(720) 555-0199" for a North American number, else as it came. */
export function phoneWords(number: string): string {
	const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
	return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : number;
}

import type { Status, Ticket, UserProfile } from '$core/schemas';
import { data } from './data-manager.svelte';
import { deviceCode, nextTicketNumber } from './device';
import { entryId, withNote, withRequesterStatus } from './entries';
import { type FilingForm, ticketFromForm } from './filing';
import { sync } from './sync-manager.svelte';

const isConflict = (error: unknown) => (error as { status?: number }).status === 409;

function newEntryId(now: Date): string {
	return entryId(deviceCode() ?? 'dev', now.getTime());
}

/** Numbers and saves a new ticket on this device; it syncs when the network allows. */
export async function saveNewTicket(form: FilingForm, self: UserProfile): Promise<Ticket> {
	for (let attempt = 0; ; attempt++) {
		const now = new Date();
		const ticket = ticketFromForm(form, self, await nextTicketNumber(), now.toISOString(), newEntryId(now));
		try {
			const rev = await sync.put(ticket);
			const saved = { ...ticket, _rev: rev };
			data.remember(saved);
			return saved;
		} catch (error) {
			// A number already on this device (a counter restored from an old backup): take the next one.
			if (!isConflict(error) || attempt >= 20) throw error;
		}
	}
}

async function changeTicket(number: string, change: (ticket: Ticket, at: string, id: string) => Ticket | null): Promise<Ticket> {
	const saved = await sync.update<Ticket>(`ticket:${number}`, (ticket) => {
		const now = new Date();
		const next = change(ticket, now.toISOString(), newEntryId(now));
		if (!next) throw new Error('This change is not allowed for this ticket any more: it changed meanwhile.');
		return next;
	});
	data.remember(saved);
	return saved;
}

/** Adds a note to a ticket. */
export function addNote(number: string, self: UserProfile, text: string): Promise<Ticket> {
	return changeTicket(number, (ticket, at, id) => withNote(ticket, self.username, text, at, id));
}

/** Moves a ticket to a status its requester may choose (reopen or confirm), with an optional note. */
export function setRequesterStatus(number: string, self: UserProfile, to: Status, note: string): Promise<Ticket> {
	return changeTicket(number, (ticket, at, id) => withRequesterStatus(ticket, to, self.username, note, at, id));
}

import { type Status, Ticket, type UserProfile } from '$core/schemas';
import {
	type ChangeStamp,
	type Distribution,
	type EscalationLevel,
	type Interaction,
	withDistribution,
	withEscalation,
	withNote,
	withRemotePermission,
	withRequesterStatus,
	withStatus
} from '$core/ticket-changes';
import { data } from './data-manager.svelte';
import { deviceCode, nextTicketNumber } from './device';
import { entryId } from './entries';
import { PlainError } from './errors';
import { type FilingForm, ticketFromForm } from './filing';
import type { Photo } from './photos';
import { sync } from './sync-manager.svelte';
import { lastAddedEntry, withPhotos } from './ticket-files';
import { assertWritable } from './write-check';

/** A schema problem in words: which text is too long, or what is missing. */
function plainIssue(issue: { code: string; maximum?: unknown; message: string } | undefined): string {
	if (issue?.code === 'too_big' && typeof issue.maximum === 'number') return `the text is too long (at most ${issue.maximum.toLocaleString()} characters).`;
	return issue?.message ?? 'something in it is not valid.';
}

const isConflict = (error: unknown) => (error as { status?: number }).status === 409;

function newEntryId(now: Date): string {
	return entryId(deviceCode() ?? 'dev', now.getTime());
}

/** Numbers and saves a new ticket on this device, with its photos; it syncs when the network allows. */
export async function saveNewTicket(form: FilingForm, self: UserProfile, photos: readonly Photo[] = []): Promise<Ticket> {
	for (let attempt = 0; ; attempt++) {
		const now = new Date();
		const filed = ticketFromForm(form, self, await nextTicketNumber(), now.toISOString(), newEntryId(now));
		const ticket = withPhotos(filed, null, filed.history[0].id, photos);
		assertWritable(self, null, ticket);
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

async function changeTicket(
	number: string,
	self: UserProfile,
	change: (ticket: Ticket, stamp: ChangeStamp) => Ticket | null,
	photos: readonly Photo[] = []
): Promise<Ticket> {
	const saved = await sync.update<Ticket>(`ticket:${number}`, (ticket) => {
		const now = new Date();
		const next = change(ticket, { by: self.username, at: now.toISOString(), id: newEntryId(now) });
		if (!next) throw new PlainError('This change is not allowed for this ticket any more: it changed meanwhile. Look at its timeline and try again.');
		// What the server would refuse is never saved: a refused ticket would stay stuck on this device.
		const checked = Ticket.safeParse(next);
		if (!checked.success) throw new PlainError(`This change could not be saved: ${plainIssue(checked.error.issues[0])}`);
		assertWritable(self, ticket, checked.data);
		const entry = lastAddedEntry(ticket, next);
		return entry ? withPhotos(next, ticket, entry.id, photos) : next;
	});
	data.remember(saved);
	return saved;
}

/** Adds a note to a ticket, with its photos; a desk visit, call or remote session records its interaction. */
export function addNote(number: string, self: UserProfile, text: string, interaction?: Interaction, photos: readonly Photo[] = []): Promise<Ticket> {
	return changeTicket(number, self, (ticket, stamp) => withNote(ticket, stamp, text, interaction), photos);
}

/** Moves a ticket to a status its requester may choose (reopen or confirm), with an optional note. */
export function setRequesterStatus(number: string, self: UserProfile, to: Status, note: string): Promise<Ticket> {
	return changeTicket(number, self, (ticket, stamp) => withRequesterStatus(ticket, stamp, to, note));
}

/** Moves a ticket along the staff workflow, with an optional note (that may record a desk visit or call) and photos. */
export function setStatus(
	number: string,
	self: UserProfile,
	to: Status,
	note: string,
	interaction?: Interaction,
	photos: readonly Photo[] = []
): Promise<Ticket> {
	return changeTicket(number, self, (ticket, stamp) => withStatus(ticket, stamp, to, note, interaction), photos);
}

/** Assigns, categorizes or prioritizes a ticket in one change. */
export function distribute(number: string, self: UserProfile, wanted: Distribution): Promise<Ticket> {
	return changeTicket(number, self, (ticket, stamp) => withDistribution(ticket, stamp, wanted));
}

/** Escalates a ticket; the owner keeps it. */
export function escalate(number: string, self: UserProfile, level: EscalationLevel, to: string | null, reason: string): Promise<Ticket> {
	return changeTicket(number, self, (ticket, stamp) => withEscalation(ticket, stamp, level, to, reason));
}

/** Records whether the requester allowed remote control. */
export function recordRemotePermission(number: string, self: UserProfile, granted: boolean): Promise<Ticket> {
	return changeTicket(number, self, (ticket, stamp) => withRemotePermission(ticket, stamp, granted));
}

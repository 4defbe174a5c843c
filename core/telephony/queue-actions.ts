import type { HistoryEntry, Ticket } from '../schemas';
import { appendEntries } from '../ticket';
import type { ChangeStamp } from '../ticket-changes';
import { canTransition, isOpen } from '../workflow';
import type { VoicemailDoc } from './docs';

/** What an action from the voicemail queue writes, or why it cannot, in words for the coordinator. */
export type QueueActionResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const refused = (reason: string) => ({ ok: false as const, reason });

/**
 * The ticket closed with a note saying why: straight to closed where the workflow allows it, else through resolved
 * (both in one change, the note after them). Null when the ticket is no longer open.
 */
export function closedWithNote(ticket: Ticket, stamp: ChangeStamp, note: string): Ticket | null {
	if (!isOpen(ticket.status) || !note.trim()) return null;
	const { by, at, id } = stamp;
	const steps: HistoryEntry[] = canTransition(ticket.status, 'closed')
		? [{ id: `${id}-s1`, at, by, kind: 'status', from: ticket.status, to: 'closed' }]
		: [
				{ id: `${id}-s1`, at, by, kind: 'status', from: ticket.status, to: 'resolved' },
				{ id: `${id}-s2`, at, by, kind: 'status', from: 'resolved', to: 'closed' }
			];
	return appendEntries(ticket, [...steps, { id: `${id}-z`, at, by, kind: 'note', text: note.trim() }]);
}

/** The note the voicemail leaves on the ticket it moves to: who called, and what they said. */
export function movedVoicemailNote(voicemail: VoicemailDoc, from: Ticket, callerWords: string): string {
	const heard =
		voicemail.transcript === 'done' && voicemail.transcriptText?.trim()
			? `Transcript: “${voicemail.transcriptText.trim()}”`
			: voicemail.transcript === 'waiting'
				? 'Its transcript is on its way and stays with the recording.'
				: 'No transcript: listen to the recording.';
	return `Voicemail from ${callerWords}, first filed as ${from.number}, marked a duplicate of this ticket; its recording moved here. ${heard}`;
}

/**
 * Marks a voicemail's ticket a duplicate of `target`: the voicemail moves to the target (its audio with it), the target
 * gets a note with the transcript, and the ticket closes with a note naming the target.
 */
export function markDuplicate(input: {
	ticket: Ticket;
	voicemail: VoicemailDoc | null;
	target: Ticket;
	callerWords: string;
	stamp: ChangeStamp;
}): QueueActionResult<{ ticket: Ticket; target: Ticket; voicemail: VoicemailDoc | null }> {
	const { ticket, voicemail, target, callerWords, stamp } = input;
	if (target.number === ticket.number) return refused('A ticket cannot be a duplicate of itself: give the number of the other ticket.');
	if (!isOpen(target.status))
		return refused(`Ticket ${target.number} is ${target.status}: mark this a duplicate of an open ticket, or reopen ${target.number} first.`);
	if (voicemail && voicemail.ticket !== ticket.number)
		return refused(`This voicemail was moved to ticket ${voicemail.ticket} meanwhile; nothing was changed.`);
	const closed = closedWithNote(ticket, stamp, `Duplicate of ${target.number}: the voicemail and its transcript were moved there.`);
	if (!closed) return refused(`Ticket ${ticket.number} is already ${ticket.status}; nothing was changed.`);
	const note = voicemail
		? movedVoicemailNote(voicemail, ticket, callerWords)
		: `Ticket ${ticket.number} (a voicemail from ${callerWords}) was marked a duplicate of this ticket. ${ticket.description}`.trim();
	const noted = appendEntries(target, [{ id: `${stamp.id}-n`, at: stamp.at, by: stamp.by, kind: 'note', text: note.slice(0, 20_000) }]);
	return { ok: true, value: { ticket: closed, target: noted, voicemail: voicemail ? { ...voicemail, ticket: target.number } : null } };
}

/** Closes a voicemail's ticket as spam (a wrong number, a sales call, silence), with a note saying so. */
export function markSpam(ticket: Ticket, stamp: ChangeStamp, reason = ''): QueueActionResult<Ticket> {
	const why = reason.trim() || 'a wrong number, a sales call or an empty message';
	const closed = closedWithNote(ticket, stamp, `Spam (${why}): closed from the voicemail queue.`);
	return closed ? { ok: true, value: closed } : refused(`Ticket ${ticket.number} is already ${ticket.status}; nothing was changed.`);
}

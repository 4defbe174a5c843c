import type { HistoryEntry, Status, Ticket } from '$core/schemas';
import { appendEntries } from '$core/ticket';
import { requesterCanTransition } from '$core/workflow';

/** A history entry id that no other device can produce: the device code, the time and a random part. */
export function entryId(deviceCode: string, now: number): string {
	return `${deviceCode}-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}

/** The ticket with a note added. */
export function withNote(ticket: Ticket, by: string, text: string, at: string, id: string): Ticket {
	return appendEntries(ticket, [{ id, at, by, kind: 'note', text: text.trim() }]);
}

/** The ticket moved to another status by its requester, with an optional note saying why; null when not allowed. */
export function withRequesterStatus(ticket: Ticket, to: Status, by: string, note: string, at: string, id: string): Ticket | null {
	if (!requesterCanTransition(ticket.status, to)) return null;
	const entries: HistoryEntry[] = [{ id: `${id}-a`, at, by, kind: 'status', from: ticket.status, to }];
	if (note.trim()) entries.push({ id: `${id}-b`, at, by, kind: 'note', text: note.trim() });
	return appendEntries(ticket, entries);
}

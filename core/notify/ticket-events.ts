import type { HistoryEntry, Ticket } from '../schemas';
import { compareEntries } from '../ticket';
import type { TicketEvent } from './event';

/** The key of a ticket event: the entry that caused it, its kind and who hears of it (an entry id is unique in its ticket). */
export function ticketEventKey(number: string, entryId: string, kind: TicketEvent['kind'], recipient: string): string {
	return `ticket:${number}:entry:${entryId}:${kind}:${recipient}`;
}

/** Who an entry concerns and how, or null. Nobody is told of what they did themselves. */
function concern(entry: HistoryEntry, next: Ticket): { kind: TicketEvent['kind']; recipient: string } | null {
	switch (entry.kind) {
		case 'created': {
			const owner = entry.fields.assignee;
			return owner && owner !== entry.by && owner === next.assignee ? { kind: 'assigned', recipient: owner } : null;
		}
		case 'set': {
			const owner = entry.changes.assignee;
			return owner && owner !== entry.by && owner === next.assignee ? { kind: 'assigned', recipient: owner } : null;
		}
		case 'escalate':
			return entry.to && entry.to !== entry.by && entry.to === next.escalatedTo ? { kind: 'escalated', recipient: entry.to } : null;
		case 'note':
			return entry.by !== next.requester ? { kind: 'note', recipient: next.requester } : null;
		default:
			return null;
	}
}

/**
 * What a change of a ticket (`old` null: just filed, or not seen before) tells people, in history order: assigned to
 * you, escalated to you (only while still so in `next`, so a ticket passed on twice in one sync tells only the last),
 * and a note by someone else on your ticket (to the requester). Each event is keyed by its entry, so a replay never
 * notifies twice.
 */
export function eventsFromTicketChange(old: Ticket | null, next: Ticket): TicketEvent[] {
	const seen = new Set(old?.history.map((e) => e.id));
	const fresh = next.history.filter((e) => !seen.has(e.id)).sort(compareEntries);
	return fresh.flatMap((entry) => {
		const c = concern(entry, next);
		if (!c) return [];
		return [
			{
				key: ticketEventKey(next.number, entry.id, c.kind, c.recipient),
				kind: c.kind,
				recipient: c.recipient,
				at: Date.parse(entry.at),
				ticket: next.number,
				priority: next.priority,
				entryId: entry.id,
				by: entry.by
			}
		];
	});
}

import type { Ticket } from '../schemas';
import { withStatus } from '../ticket-changes';

/** The shortest description of what fixed it that a first-contact resolution records (procedure 000). */
export const MIN_FIX_WORDS = 2;

/**
 * A ticket just logged from a phone call, resolved while the caller was on the line (procedure 000): in the same change
 * as its filing, a "resolved" status and a note saying what fixed it, recording the call and its minutes. Null when it
 * is not a phone ticket as filed, or the note says nothing. The write rules judge it like any ticket filed and resolved.
 */
export function resolvedOnCall(filed: Ticket, fix: string, minutes: number): Ticket | null {
	const created = filed.history[0];
	if (filed.source !== 'phone' || filed.history.length !== 1 || created.kind !== 'created') return null;
	if (fix.trim().split(/\s+/).filter(Boolean).length < MIN_FIX_WORDS) return null;
	const stamp = { by: created.by, at: created.at, id: created.id };
	return withStatus(filed, stamp, 'resolved', fix, { type: 'phone-call', minutes: Math.max(0, Math.min(1440, Math.round(minutes))) });
}

/** Whether a ticket was resolved on first contact: logged from a call and resolved by its filer at the moment of filing. */
export function isFirstContactResolution(ticket: Pick<Ticket, 'source' | 'createdAt' | 'createdBy' | 'history'>): boolean {
	if (ticket.source !== 'phone') return false;
	const filedAt = Date.parse(ticket.createdAt);
	return ticket.history.some((e) => e.kind === 'status' && e.to === 'resolved' && e.by === ticket.createdBy && Date.parse(e.at) === filedAt);
}

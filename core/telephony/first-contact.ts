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

/**
 * What is missing from a phone ticket filed already resolved (a first-contact resolution), in words for the technician,
 * or null: the same change as the filing must carry a note of at least MIN_FIX_WORDS words saying what fixed it, recorded
 * as the phone call with its minutes. Tickets not resolved at filing are not its business.
 */
export function resolvedOnCallProblem(ticket: Pick<Ticket, 'source' | 'createdAt' | 'createdBy' | 'history'>): string | null {
	if (ticket.source !== 'phone') return null;
	const filedAt = Date.parse(ticket.createdAt);
	const atFiling = ticket.history.filter((e) => Date.parse(e.at) === filedAt && e.by === ticket.createdBy);
	if (!atFiling.some((e) => e.kind === 'status' && e.to === 'resolved')) return null;
	const fix = atFiling.find((e) => e.kind === 'note' && e.interaction?.type === 'phone-call');
	if (!fix || fix.kind !== 'note')
		return 'A call resolved while the caller was on the line records the call: say what fixed it and how many minutes the call took.';
	if (fix.text.trim().split(/\s+/).filter(Boolean).length < MIN_FIX_WORDS)
		return `Say what fixed it in at least ${MIN_FIX_WORDS} words, so the next person with this problem can use it.`;
	return null;
}

/** Whether a ticket was resolved on first contact: logged from a call and resolved by its filer at the moment of filing. */
export function isFirstContactResolution(ticket: Pick<Ticket, 'source' | 'createdAt' | 'createdBy' | 'history'>): boolean {
	if (ticket.source !== 'phone') return false;
	const filedAt = Date.parse(ticket.createdAt);
	return ticket.history.some((e) => e.kind === 'status' && e.to === 'resolved' && e.by === ticket.createdBy && Date.parse(e.at) === filedAt);
}

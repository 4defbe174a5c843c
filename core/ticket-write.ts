import { refuse, type Refusal, type WriteContext } from './refusal';
import { type Actor, canReadTicket, isStaff } from './roles';
import type { HistoryEntry, Ticket, TicketFields } from './schemas';
import { resolvedOnCallProblem } from './telephony/first-contact';
import { FIXED_TICKET_FIELDS, foldHistory } from './ticket';
import { canTransition, requesterCanTransition, statusNeedsNote } from './workflow';

/** How far ahead of the judge's clock an entry may be dated: device clocks drift a little. */
export const CLOCK_AHEAD_MS = 5 * 60_000;

/** How long a device may work offline before its changes arrive: as long as a sign-in lasts. */
export const MAX_OFFLINE_DAYS = 30;

const DAY_MS = 86_400_000;

/** Whether a new entry's time is believable: not in the future, not before the ticket was filed, not older than offline work. */
export function entryTimeRefusal(at: string, filedAt: string | null, now: Date): Refusal | null {
	const t = Date.parse(at);
	if (t > now.getTime() + CLOCK_AHEAD_MS)
		return refuse('bad-time', `A change is dated ${at}, which is later than now (${now.toISOString()}). Check this device's date and time, then save again.`);
	if (t < now.getTime() - MAX_OFFLINE_DAYS * DAY_MS)
		return refuse('bad-time', `A change is dated ${at}, more than ${MAX_OFFLINE_DAYS} days ago. Changes older than that are not accepted; add a note saying what happened.`);
	if (filedAt !== null && t < Date.parse(filedAt))
		return refuse('bad-time', `A change is dated ${at}, before the ticket was filed (${filedAt}).`);
	return null;
}

function sameFields(a: object, b: object, keys: readonly string[]): string | undefined {
	return keys.find((k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
}

const DERIVED_KEYS = ['status', 'priority', 'category', 'building', 'room', 'assignee', 'level', 'escalatedTo', 'dueDate', 'closedAt'];
const FIXED_KEYS = [...FIXED_TICKET_FIELDS, 'contactPhone', 'contactEmail'];

/** Whether `username` may own or take up a ticket: an active member of the technology staff. */
function staffRefusal(username: string, ctx: WriteContext, what: string): Refusal | null {
	const person = ctx.person(username);
	if (!person) return refuse('not-staff', `${what} ${username}: nobody has that username.`);
	if (!isStaff(person)) return refuse('not-staff', `${what} ${username}: only technology staff work tickets.`);
	if (!person.active) return refuse('not-staff', `${what} ${username}: that account is no longer active.`);
	return null;
}

/** Whether the actor may change ticket `old` into `next` (`old` null: filing it; `next` null: deleting it). */
export function canWriteTicket(actor: Actor, old: Ticket | null, next: Ticket | null, ctx: WriteContext): Refusal | null {
	if (!next) {
		return actor.role === 'admin' ? null : refuse('not-allowed', 'Tickets are closed, not deleted. Only an administrator can delete one.');
	}
	const outOfSync = sameFields(next, foldHistory(next.history), DERIVED_KEYS);
	if (outOfSync) return refuse('fields-out-of-sync', `The ticket's ${outOfSync} must be changed through its history, not edited directly.`);
	return old ? canUpdateTicket(actor, old, next, ctx) : canCreateTicket(actor, next, ctx);
}

/** Whether the person may file a ticket for someone else ("on behalf of a co-worker"): everyone but students. */
export function mayFileForOthers(actor: Pick<Actor, 'kind'>): boolean {
	return actor.kind !== 'student';
}

function createdFieldsRefusal(actor: Actor, ticket: Ticket, fields: TicketFields, ctx: WriteContext): Refusal | null {
	// The phone line files voicemail tickets itself (as `system`), with the recording they come from.
	if (ticket.source === 'voicemail') return refuse('not-allowed', 'Voicemail tickets come from the phone line.');
	if (fields.status !== 'new' && fields.status !== 'assigned')
		return refuse('bad-transition', 'A ticket is filed as new or assigned; change its status afterwards, with a note.');
	if (fields.level !== 1 || fields.escalatedTo) return refuse('not-allowed', 'A ticket is filed at level 1; escalate it afterwards, with a reason.');
	if (!isStaff(actor)) {
		if (ticket.source === 'phone') return refuse('not-allowed', 'Calls are logged by the technology staff; report your problem with the form.');
		if (!mayFileForOthers(actor) && (ticket.requester !== actor.username || ticket.source === 'on-behalf'))
			return refuse('not-allowed', 'Students file tickets for themselves only.');
		if (ticket.requester !== actor.username && ticket.source !== 'on-behalf')
			return refuse('not-allowed', 'A ticket for someone else must be filed "on behalf of" them.');
		if (fields.status !== 'new' || fields.assignee || fields.priority !== null || fields.dueDate)
			return refuse('not-allowed', 'Priority, assignment and schedule are set by the technology staff, not on filing.');
	}
	return fields.assignee ? staffRefusal(fields.assignee, ctx, 'The ticket cannot be assigned to') : null;
}

function canCreateTicket(actor: Actor, ticket: Ticket, ctx: WriteContext): Refusal | null {
	const created = ticket.history.filter((e) => e.kind === 'created');
	const [first] = created;
	if (created.length !== 1 || first?.kind !== 'created') return refuse('history-rewritten', 'A new ticket starts with exactly one "created" entry.');
	if (ticket.createdBy !== actor.username || first.by !== actor.username) return refuse('wrong-author', 'A ticket is filed under your own name.');
	if (Date.parse(ticket.createdAt) !== Date.parse(first.at))
		return refuse('bad-time', 'A ticket was filed at the time of its "created" entry; the two times differ.');
	const filed = entryTimeRefusal(first.at, null, ctx.now) ?? createdFieldsRefusal(actor, ticket, first.fields, ctx);
	if (filed) return filed;
	// A device may file a ticket and work on it before it first syncs: the later entries are checked as updates.
	if (ticket.history.length === 1) return null;
	const onCall = resolvedOnCallProblem(ticket);
	if (onCall) return refuse('needs-note', onCall);
	const asFiled: Ticket = { ...ticket, ...foldHistory([first]), history: [first] };
	return canUpdateTicket(actor, asFiled, ticket, ctx);
}

function canUpdateTicket(actor: Actor, old: Ticket, next: Ticket, ctx: WriteContext): Refusal | null {
	if (!canReadTicket(actor, old)) return refuse('not-in-scope', 'This ticket is not in your queue.');
	const fixed = sameFields(old, next, FIXED_KEYS);
	if (fixed) return refuse('fixed-field', `A ticket's ${fixed} is fixed once it is filed; add a note instead.`);
	const nextById = new Map(next.history.map((e) => [e.id, e]));
	for (const entry of old.history) {
		const kept = nextById.get(entry.id);
		if (!kept || JSON.stringify(kept) !== JSON.stringify(entry))
			return refuse('history-rewritten', 'Notes and changes already recorded cannot be edited or removed.');
	}
	const oldIds = new Set(old.history.map((e) => e.id));
	return newEntriesRefusal(actor, old, next.history.filter((e) => !oldIds.has(e.id)), ctx);
}

/** Checks what a write adds to a ticket, entry by entry, from the ticket as the writer saw it. */
function newEntriesRefusal(actor: Actor, old: Ticket, added: readonly HistoryEntry[], ctx: WriteContext): Refusal | null {
	const staff = isStaff(actor);
	let { status, level } = old;
	for (const entry of added) {
		if (entry.by !== actor.username) return refuse('wrong-author', 'You can only add entries under your own name.');
		const late = entryTimeRefusal(entry.at, old.createdAt, ctx.now);
		if (late) return late;
		switch (entry.kind) {
			case 'created':
				return refuse('history-rewritten', 'A ticket is created only once.');
			case 'transcript':
				return refuse('not-allowed', 'Voicemail transcripts come from the phone line; add a note instead.');
			case 'status': {
				const allowed = staff ? canTransition(entry.from, entry.to) : requesterCanTransition(entry.from, entry.to);
				if (entry.from !== status || !allowed) return refuse('bad-transition', `A ticket cannot go from "${status}" to "${entry.to}".`);
				if (staff && statusNeedsNote(entry.to) && !added.some((e) => e.kind === 'note'))
					return refuse('needs-note', `Moving a ticket to "${entry.to}" needs a note saying why: what fixed it, or what it waits for.`);
				status = entry.to;
				break;
			}
			case 'note':
			case 'remote-permission':
				break;
			case 'set': {
				if (!staff) return refuse('not-allowed', 'Priority, category, assignment and escalation are changed by the technology staff.');
				const owner = entry.changes.assignee;
				const refusal = owner ? staffRefusal(owner, ctx, 'The ticket cannot be assigned to') : null;
				if (refusal) return refusal;
				break;
			}
			case 'escalate': {
				if (!staff) return refuse('not-allowed', 'Priority, category, assignment and escalation are changed by the technology staff.');
				if (entry.level <= level) return refuse('bad-transition', `An escalation raises the level: this ticket is already at level ${level}.`);
				const refusal = entry.to ? staffRefusal(entry.to, ctx, 'The ticket cannot be escalated to') : null;
				if (refusal) return refusal;
				level = entry.level;
				break;
			}
		}
	}
	return null;
}

/**
 * Whether a branch the writer made from an older version may join the ticket as it is now (`current`): the writer must
 * still have it in their queue, no entry the server already holds may come back with other content, and what the branch
 * adds must be allowed on the ticket as it is now (the merge folds its entries in). Its status changes must lead from the
 * current status (or repeat it: two technicians may both start the work offline), and an escalation must raise the
 * current level. The branch was already judged in full against the version it was made from.
 */
export function canJoinTicket(actor: Actor, current: Ticket, next: Ticket): Refusal | null {
	if (!canReadTicket(actor, current))
		return refuse('not-in-scope', 'This ticket left your queue while you were offline (it was moved or reassigned), so this change was not saved.');
	const fixed = sameFields(current, next, FIXED_KEYS);
	if (fixed) return refuse('fixed-field', `A ticket's ${fixed} is fixed once it is filed; add a note instead.`);
	const stored = new Map(current.history.map((e) => [e.id, JSON.stringify(e)]));
	const staff = isStaff(actor);
	for (const entry of next.history) {
		const held = stored.get(entry.id);
		if (held !== undefined) {
			if (held !== JSON.stringify(entry))
				return refuse('history-rewritten', 'A change reuses the id of an entry already recorded with other content; recorded entries cannot be replaced.');
		} else if (entry.kind === 'status' && entry.to !== current.status) {
			const allowed = staff ? canTransition(current.status, entry.to) : requesterCanTransition(current.status, entry.to);
			if (!allowed)
				return refuse('bad-transition', `While you were offline this ticket became "${current.status}", and it cannot go from there to "${entry.to}".`);
		} else if (entry.kind === 'escalate' && entry.level <= current.level) {
			return refuse('bad-transition', `While you were offline this ticket was escalated to level ${current.level}; an escalation raises the level.`);
		}
	}
	return null;
}

import type { ReplicatedDoc, Ticket, UserProfile } from './schemas';
import { FIXED_TICKET_FIELDS, foldHistory } from './ticket';
import { canTransition, requesterCanTransition } from './workflow';

/** The part of a profile that decides access. */
export type Actor = Pick<UserProfile, 'username' | 'role' | 'buildings' | 'kind'>;

const STAFF_ROLES = new Set(['building-tech', 'specialist', 'coordinator', 'admin']);
const SEES_ALL = new Set(['coordinator', 'admin']);

/** Whether the actor is technology staff rather than a requester. */
export function isStaff(actor: Pick<Actor, 'role'>): boolean {
	return STAFF_ROLES.has(actor.role);
}

/** Whether the actor coordinates the helpdesk: sees every ticket, sorts and distributes them, edits the knowledge base. */
export function isCoordinator(actor: Pick<Actor, 'role'>): boolean {
	return SEES_ALL.has(actor.role);
}

/** Whether the ticket is the person's own: filed by them or for them. */
export function isOwnTicket(actor: Pick<Actor, 'username'>, ticket: Pick<Ticket, 'requester' | 'createdBy'>): boolean {
	return ticket.requester === actor.username || ticket.createdBy === actor.username;
}

/** Whether the actor may see a ticket. */
export function canReadTicket(actor: Actor, ticket: Ticket): boolean {
	if (SEES_ALL.has(actor.role) || isOwnTicket(actor, ticket)) return true;
	if (actor.role === 'requester') return false;
	if (ticket.assignee === actor.username || ticket.escalatedTo === actor.username) return true;
	return actor.role === 'building-tech' && actor.buildings.includes(ticket.building);
}

/** Whether the actor may see a person's profile. Students are never shown to other requesters (privacy, procedure 002). */
export function canReadProfile(actor: Actor, profile: UserProfile): boolean {
	if (profile.username === actor.username || SEES_ALL.has(actor.role)) return true;
	if (profile.role !== 'requester') return true;
	const sharesBuilding = profile.buildings.some((b) => actor.buildings.includes(b));
	if (isStaff(actor)) return profile.kind === 'staff' || sharesBuilding;
	return actor.kind === 'staff' && profile.kind === 'staff' && sharesBuilding;
}

/** Whether the actor may see a replicated document. */
export function canRead(actor: Actor, doc: ReplicatedDoc): boolean {
	switch (doc.type) {
		case 'ticket':
			return canReadTicket(actor, doc);
		case 'user':
			return canReadProfile(actor, doc);
		default:
			return true;
	}
}

/** Whether a document belongs on the actor's device: readable, and not closed longer ago than the window. */
export function inDeviceScope(actor: Actor, doc: ReplicatedDoc, now: Date, closedWindowDays: number): boolean {
	if (!canRead(actor, doc)) return false;
	if (doc.type !== 'ticket' || doc.closedAt === null) return true;
	return now.getTime() - Date.parse(doc.closedAt) <= closedWindowDays * 86_400_000;
}

export type RefusalCode =
	| 'not-in-scope'
	| 'not-allowed'
	| 'bad-transition'
	| 'fixed-field'
	| 'history-rewritten'
	| 'wrong-author'
	| 'fields-out-of-sync';

/** Why a write was refused, in words the person can act on. */
export interface Refusal {
	code: RefusalCode;
	reason: string;
}

const refuse = (code: RefusalCode, reason: string): Refusal => ({ code, reason });

/**
 * Whether the actor may change `old` into `next` (`old` null: a new document; `next` null: a deletion).
 * Returns null when the write is allowed.
 */
export function canWrite(actor: Actor, old: ReplicatedDoc | null, next: ReplicatedDoc | null): Refusal | null {
	const doc = next ?? old;
	if (!doc) return null;
	if (old && next && old.type !== next.type) return refuse('fixed-field', 'A document cannot change its type.');
	switch (doc.type) {
		case 'ticket':
			return canWriteTicket(actor, old as Ticket | null, next as Ticket | null);
		case 'kb':
			return SEES_ALL.has(actor.role)
				? null
				: refuse('not-allowed', 'Only coordinators and administrators edit the knowledge base.');
		case 'user':
			return canWriteProfile(actor, old as UserProfile | null, next as UserProfile | null);
		default:
			return actor.role === 'admin'
				? null
				: refuse('not-allowed', `Only administrators change ${doc.type === 'building' ? 'buildings' : 'categories'}.`);
	}
}

function canWriteProfile(actor: Actor, old: UserProfile | null, next: UserProfile | null): Refusal | null {
	if (actor.role === 'admin') return null;
	if (!old || !next || old.username !== actor.username)
		return refuse('not-allowed', 'Only administrators add, remove or change other people’s accounts.');
	const { phone: _p, email: _e, _rev: _r1, _revisions: _v1, ...before } = old;
	const { phone: _p2, email: _e2, _rev: _r2, _revisions: _v2, ...after } = next;
	return JSON.stringify(before) === JSON.stringify(after)
		? null
		: refuse('not-allowed', 'You can change your own phone number and email; ask an administrator for anything else.');
}

function sameFields(a: object, b: object, keys: readonly string[]): string | undefined {
	return keys.find((k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
}

const DERIVED_KEYS = ['status', 'priority', 'category', 'building', 'room', 'assignee', 'level', 'escalatedTo', 'dueDate', 'closedAt'];

function canWriteTicket(actor: Actor, old: Ticket | null, next: Ticket | null): Refusal | null {
	if (!next) {
		return actor.role === 'admin'
			? null
			: refuse('not-allowed', 'Tickets are closed, not deleted. Only an administrator can delete one.');
	}
	const outOfSync = sameFields(next, foldHistory(next.history), DERIVED_KEYS);
	if (outOfSync)
		return refuse('fields-out-of-sync', `The ticket's ${outOfSync} must be changed through its history, not edited directly.`);
	return old ? canUpdateTicket(actor, old, next) : canCreateTicket(actor, next);
}

function canCreateTicket(actor: Actor, ticket: Ticket): Refusal | null {
	const created = ticket.history.filter((e) => e.kind === 'created');
	if (created.length !== 1 || created[0].kind !== 'created')
		return refuse('history-rewritten', 'A new ticket starts with exactly one "created" entry.');
	const [first] = created;
	if (ticket.createdBy !== actor.username || first.by !== actor.username)
		return refuse('wrong-author', 'A ticket is filed under your own name.');
	if (!isStaff(actor)) {
		if (ticket.requester !== actor.username && ticket.source !== 'on-behalf')
			return refuse('not-allowed', 'A ticket for someone else must be filed "on behalf of" them.');
		const f = first.fields;
		if (f.status !== 'new' || f.assignee || f.priority !== null || f.level !== 1 || f.escalatedTo || f.dueDate)
			return refuse('not-allowed', 'Priority, assignment and schedule are set by the technology staff, not on filing.');
	}
	// A device may file a ticket and work on it before it first syncs: the later entries are checked as updates.
	if (ticket.history.length === 1) return null;
	const asFiled: Ticket = { ...ticket, ...foldHistory([first]), history: [first] };
	return canUpdateTicket(actor, asFiled, ticket);
}

function canUpdateTicket(actor: Actor, old: Ticket, next: Ticket): Refusal | null {
	if (!canReadTicket(actor, old)) return refuse('not-in-scope', 'This ticket is not in your queue.');
	const fixed = sameFields(old, next, [...FIXED_TICKET_FIELDS, 'contactPhone', 'contactEmail']);
	if (fixed) return refuse('fixed-field', `A ticket's ${fixed} is fixed once it is filed; add a note instead.`);
	const nextById = new Map(next.history.map((e) => [e.id, e]));
	for (const entry of old.history) {
		const kept = nextById.get(entry.id);
		if (!kept || JSON.stringify(kept) !== JSON.stringify(entry))
			return refuse('history-rewritten', 'Notes and changes already recorded cannot be edited or removed.');
	}
	const oldIds = new Set(old.history.map((e) => e.id));
	let status = old.status;
	for (const entry of next.history.filter((e) => !oldIds.has(e.id))) {
		if (entry.by !== actor.username) return refuse('wrong-author', 'You can only add entries under your own name.');
		if (entry.kind === 'created') return refuse('history-rewritten', 'A ticket is created only once.');
		if (entry.kind === 'status') {
			const allowed = isStaff(actor) ? canTransition(entry.from, entry.to) : requesterCanTransition(entry.from, entry.to);
			if (entry.from !== status || !allowed)
				return refuse('bad-transition', `A ticket cannot go from "${status}" to "${entry.to}".`);
			status = entry.to;
		} else if (!isStaff(actor) && entry.kind !== 'note' && entry.kind !== 'remote-permission') {
			return refuse('not-allowed', 'Priority, category, assignment and escalation are changed by the technology staff.');
		}
	}
	return null;
}

/** Whether the actor could have read the ticket at any point of its history, or while covering former buildings. */
export function couldHaveRead(actor: Actor, ticket: Ticket, formerBuildings: readonly string[]): boolean {
	if (canReadTicket(actor, ticket)) return true;
	if (actor.role === 'requester') return false;
	const people = new Set<string | null>();
	const buildings = new Set<string>();
	for (const entry of ticket.history) {
		if (entry.kind === 'created') {
			people.add(entry.fields.assignee).add(entry.fields.escalatedTo);
			buildings.add(entry.fields.building);
		} else if (entry.kind === 'set') {
			if (entry.changes.assignee !== undefined) people.add(entry.changes.assignee);
			if (entry.changes.building !== undefined) buildings.add(entry.changes.building);
		} else if (entry.kind === 'escalate') {
			people.add(entry.to);
		}
	}
	if (people.has(actor.username)) return true;
	if (actor.role !== 'building-tech') return false;
	const covered = new Set([...actor.buildings, ...formerBuildings]);
	return [...buildings].some((b) => covered.has(b));
}

/** How long after leaving the closed-ticket window a ticket is still actively removed from devices. */
export const REMOVAL_GRACE_DAYS = 14;

/**
 * What a device should do with a document: hold it ('send'), drop a copy it may hold ('remove'),
 * or never hear of it ('skip').
 */
export function deviceView(
	actor: Actor,
	doc: ReplicatedDoc,
	now: Date,
	closedWindowDays: number,
	formerBuildings: readonly string[] = []
): 'send' | 'remove' | 'skip' {
	if (inDeviceScope(actor, doc, now, closedWindowDays)) return 'send';
	if (doc.type !== 'ticket') return 'skip';
	if (canReadTicket(actor, doc)) {
		const closedDaysAgo = (now.getTime() - Date.parse(doc.closedAt ?? '')) / 86_400_000;
		return closedDaysAgo <= closedWindowDays + REMOVAL_GRACE_DAYS ? 'remove' : 'skip';
	}
	return couldHaveRead(actor, doc, formerBuildings) ? 'remove' : 'skip';
}

import { refuse, type Refusal, type WriteContext } from './refusal';
import { type Actor, canReadTicket, isCoordinator, isStaff } from './roles';
import type { KbArticle, ReplicatedDoc, Ticket, UserProfile } from './schemas';
import { scopeFacts, type ScopeFacts } from './scope-facts';
import { canReadNotification, canWriteNotification } from './notify/notification-write';
import { canReadNotifyPrefs, canWriteNotifyPrefs } from './notify/prefs';
import { canJoinOutage } from './outage/merge';
import { canReadOutageAffected, canWriteOutage, canWriteOutageAffected } from './outage/outage-write';
import type { OutageAffectedDoc, OutageDoc } from './outage/outage';
import type { NotificationDoc } from './notify/notification-doc';
import type { NotifyPrefsDoc } from './notify/prefs-doc';
import { canReadCall, canReadPhoneLine, canReadVoicemail, canWriteCall, canWritePhoneLine, canWriteVoicemail } from './telephony/access';
import type { PhoneLineDoc, VoicemailDoc } from './telephony/docs';
import { canJoinTicket, canWriteTicket, entryTimeRefusal } from './ticket-write';

export { type Actor, canReadTicket, isCoordinator, isOwnTicket, isStaff } from './roles';
export type { Refusal, RefusalCode, WriteContext } from './refusal';

/** Whether the actor may see a person's profile. Students are never shown to other requesters (privacy, procedure 002). */
export function canReadProfile(actor: Actor, profile: Pick<UserProfile, 'username' | 'role' | 'kind' | 'buildings'>): boolean {
	if (profile.username === actor.username || isCoordinator(actor)) return true;
	if (profile.role !== 'requester') return true;
	const sharesBuilding = profile.buildings.some((b) => actor.buildings.includes(b));
	if (isStaff(actor)) return profile.kind === 'staff' || sharesBuilding;
	return actor.kind === 'staff' && profile.kind === 'staff' && sharesBuilding;
}

/** Whether the actor may see a replicated document (judged from the document or from its scope facts). */
export function canRead(actor: Actor, doc: ReplicatedDoc | ScopeFacts): boolean {
	switch (doc.type) {
		case 'ticket':
			return canReadTicket(actor, doc);
		case 'user':
			return canReadProfile(actor, doc);
		case 'outage-affected':
			return canReadOutageAffected(actor, doc);
		case 'notify-prefs':
			return canReadNotifyPrefs(actor, doc);
		case 'notification':
			return canReadNotification(actor, doc);
		case 'phone-line':
			return canReadPhoneLine(actor);
		case 'call':
			return canReadCall(actor, doc);
		case 'voicemail':
			return canReadVoicemail(actor, doc);
		default:
			return true;
	}
}

/** Whether a document belongs on the actor's device: readable, and not closed longer ago than the window. */
export function inDeviceScope(actor: Actor, doc: ReplicatedDoc | ScopeFacts, now: Date, closedWindowDays: number): boolean {
	if (!canRead(actor, doc)) return false;
	if (doc.type !== 'ticket' || doc.closedAt === null) return true;
	return now.getTime() - Date.parse(doc.closedAt) <= closedWindowDays * 86_400_000;
}

/**
 * Whether the actor may change `old` into `next` (`old` null: a new document; `next` null: a deletion), judged at
 * `ctx.now`. Returns null when the write is allowed. The gateway and the device's pre-check both call it.
 */
export function canWrite(actor: Actor, old: ReplicatedDoc | null, next: ReplicatedDoc | null, ctx: WriteContext): Refusal | null {
	const doc = next ?? old;
	if (!doc) return null;
	if (old && next && old.type !== next.type) return refuse('fixed-field', 'A document cannot change its type.');
	switch (doc.type) {
		case 'ticket':
			return canWriteTicket(actor, old as Ticket | null, next as Ticket | null, ctx);
		case 'kb':
			return canWriteKb(actor, next as KbArticle | null, ctx);
		case 'user':
			return canWriteProfile(actor, old as UserProfile | null, next as UserProfile | null);
		case 'outage':
			return canWriteOutage(actor, old as OutageDoc | null, next as OutageDoc | null, ctx.now);
		case 'outage-affected':
			return canWriteOutageAffected(actor, old as OutageAffectedDoc | null, next as OutageAffectedDoc | null, ctx.outage?.(doc.outage) ?? null, ctx.now);
		case 'notify-prefs':
			return canWriteNotifyPrefs(actor, old as NotifyPrefsDoc | null, next as NotifyPrefsDoc | null, ctx.now);
		case 'notification':
			return canWriteNotification(actor, old as NotificationDoc | null, next as NotificationDoc | null, ctx.now);
		case 'phone-line':
			return canWritePhoneLine(actor, old as PhoneLineDoc | null, next as PhoneLineDoc | null, ctx);
		case 'call':
			return canWriteCall();
		case 'voicemail':
			return canWriteVoicemail(actor, old as VoicemailDoc | null, next as VoicemailDoc | null, ctx);
		default:
			return actor.role === 'admin' ? null : refuse('not-allowed', `Only administrators change ${ADMIN_DOC_NAMES[doc.type]}.`);
	}
}

const ADMIN_DOC_NAMES: Record<'building' | 'category' | 'calendar' | 'sla-policy' | 'sla-settings', string> = {
	building: 'buildings',
	category: 'categories',
	calendar: 'the business calendar',
	'sla-policy': 'SLA policies',
	'sla-settings': 'which SLA policy is active'
};

/**
 * Whether a revision made from `parent` may be stored while `current` is the document's version now. A branch from
 * the past is judged against both, so it never carries what the writer may no longer do.
 */
export function canWriteRevision(
	actor: Actor,
	parent: ReplicatedDoc | null,
	current: ReplicatedDoc | null,
	next: ReplicatedDoc | null,
	ctx: WriteContext
): Refusal | null {
	const fromParent = canWrite(actor, parent, next, ctx);
	const sameVersion = parent === current || (parent?._rev !== undefined && parent._rev === current?._rev);
	if (fromParent || !current || !next || sameVersion) return fromParent;
	if (current.type === 'ticket' && next.type === 'ticket') return canJoinTicket(actor, current, next);
	if (current.type === 'outage' && next.type === 'outage') return canJoinOutage(actor, current, next, ctx.now);
	return canWrite(actor, current, next, ctx);
}

function canWriteKb(actor: Actor, next: KbArticle | null, ctx: WriteContext): Refusal | null {
	if (!isCoordinator(actor)) return refuse('not-allowed', 'Only coordinators and administrators edit the knowledge base.');
	if (!next) return null;
	if (next.author !== actor.username) return refuse('wrong-author', 'A help article is saved under the name of the person who saves it.');
	return entryTimeRefusal(next.updatedAt, null, ctx.now);
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

/** Everyone a ticket was ever assigned or escalated to, and every building it was ever in. */
export function ticketPast(ticket: Ticket): { people: string[]; buildings: string[] } {
	const people = new Set<string>();
	const buildings = new Set<string>();
	const person = (username: string | null | undefined) => username && people.add(username);
	for (const entry of ticket.history) {
		if (entry.kind === 'created') {
			person(entry.fields.assignee);
			person(entry.fields.escalatedTo);
			buildings.add(entry.fields.building);
		} else if (entry.kind === 'set') {
			person(entry.changes.assignee);
			if (entry.changes.building !== undefined) buildings.add(entry.changes.building);
		} else if (entry.kind === 'escalate') {
			person(entry.to);
		}
	}
	return { people: [...people], buildings: [...buildings] };
}

/** Whether someone named in a ticket's past (`people`, `buildings`) could have read it, also while covering former buildings. */
export function wasInScope(actor: Actor, past: { people: readonly string[]; buildings: readonly string[] }, formerBuildings: readonly string[]): boolean {
	if (actor.role === 'requester') return false;
	if (past.people.includes(actor.username)) return true;
	if (actor.role !== 'building-tech') return false;
	const covered = new Set([...actor.buildings, ...formerBuildings]);
	return past.buildings.some((b) => covered.has(b));
}

/** Whether the actor could have read the ticket at any point of its history, or while covering former buildings. */
export function couldHaveRead(actor: Actor, ticket: Ticket, formerBuildings: readonly string[]): boolean {
	return canReadTicket(actor, ticket) || wasInScope(actor, ticketPast(ticket), formerBuildings);
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
	return deviceViewOfFacts(actor, scopeFacts(doc), now, closedWindowDays, formerBuildings);
}

/** deviceView judged from a document's scope facts alone (the rule itself; deviceView projects the document first). */
export function deviceViewOfFacts(
	actor: Actor,
	facts: ScopeFacts,
	now: Date,
	closedWindowDays: number,
	formerBuildings: readonly string[] = []
): 'send' | 'remove' | 'skip' {
	if (inDeviceScope(actor, facts, now, closedWindowDays)) return 'send';
	if (facts.type === 'voicemail') return facts.formerAssignees?.includes(actor.username) ? 'remove' : 'skip';
	if (facts.type !== 'ticket') return 'skip';
	if (canReadTicket(actor, facts)) {
		const closedDaysAgo = (now.getTime() - Date.parse(facts.closedAt ?? '')) / 86_400_000;
		return closedDaysAgo <= closedWindowDays + REMOVAL_GRACE_DAYS ? 'remove' : 'skip';
	}
	return wasInScope(actor, facts.past, formerBuildings) ? 'remove' : 'skip';
}

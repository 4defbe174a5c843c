import { refuse, type Refusal } from '../refusal';
import type { Actor } from '../roles';
import type { Role } from '../schemas';
import { entryTimeRefusal } from '../ticket-write';
import type { NotifyEvent } from './event';
import { EVENT_KINDS, type EventKind } from './event-kinds';
import type { ChannelChoice, NotifyPrefsDoc } from './prefs-doc';

export { CHANNEL_CHOICES, ChannelChoice, NotifyChoices, NotifyPrefsDoc } from './prefs-doc';

/** A choice for every kind of event. */
export type NotifyPrefs = Record<EventKind, ChannelChoice>;

const ALL_BOTH = Object.fromEntries(EVENT_KINDS.map((k) => [k, 'both'])) as NotifyPrefs;
// Work is mailed; at risk is in the app only (a breach follows by mail if nothing happens). Requesters hear only of
// notes on their tickets and of outages, by mail and in the app, until they turn mail off.
const STAFF: NotifyPrefs = { ...ALL_BOTH, 'at-risk': 'in-app' };

/** The choices a person has before changing any, by role. */
export const DEFAULT_PREFS: Record<Role, NotifyPrefs> = {
	requester: STAFF,
	'building-tech': STAFF,
	specialist: STAFF,
	coordinator: STAFF,
	admin: STAFF
};

/** A person's choices: their own where they made one, their role's default elsewhere. */
export function prefsFor(role: Role, doc: Pick<NotifyPrefsDoc, 'choices'> | null): NotifyPrefs {
	return { ...DEFAULT_PREFS[role], ...doc?.choices };
}

/** How an event reaches its recipient under their choices: by email, in the app, both or neither. */
export function channelsFor(prefs: NotifyPrefs, event: Pick<NotifyEvent, 'kind'>): { email: boolean; inApp: boolean } {
	const choice = prefs[event.kind];
	return { email: choice === 'email' || choice === 'both', inApp: choice === 'in-app' || choice === 'both' };
}

/** Whether the actor may write a choices document: their own only (an administrator may remove anyone's). */
export function canWriteNotifyPrefs(actor: Actor, old: NotifyPrefsDoc | null, next: NotifyPrefsDoc | null, now: Date): Refusal | null {
	const doc = next ?? old;
	if (!doc) return null;
	if (!next && actor.role === 'admin') return null;
	if (doc.username !== actor.username || (old && old.username !== actor.username))
		return refuse('not-allowed', 'You can change only your own notification choices.');
	if (doc._id !== `notify-prefs:${doc.username}`) return refuse('fixed-field', 'The id must name the person whose choices these are.');
	return next ? entryTimeRefusal(next.updatedAt, null, now) : null;
}

/** Whether the actor may see a choices document: their own, or any for an administrator. */
export function canReadNotifyPrefs(actor: Actor, doc: Pick<NotifyPrefsDoc, 'username'>): boolean {
	return doc.username === actor.username || actor.role === 'admin';
}

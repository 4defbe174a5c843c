import type { Role } from '../schemas';
import { EVENT_KINDS, type EventKind } from './event-kinds';
import { type NotifyPrefs, prefsFor } from './prefs';
import type { ChannelChoice, NotifyChoices, NotifyPrefsDoc } from './prefs-doc';

// A requester is told only of notes on their own tickets and of outages; staff are told of every kind of event.
const REQUESTER_KINDS: readonly EventKind[] = ['note', 'outage-posted', 'outage-progress', 'outage-restored'];

/** The kinds of event that can reach a person of this role, in the order a choices screen lists them. */
export function kindsFor(role: Role): readonly EventKind[] {
	// Emergency alerts reach the on-call staff by every channel: nobody can turn them off.
	return role === 'requester' ? REQUESTER_KINDS : EVENT_KINDS.filter((kind) => kind !== 'emergency');
}

/** Each kind of event in plain words, as the choices screen names it. */
export const KIND_WORDS: Record<EventKind, string> = {
	assigned: 'A ticket is assigned to you',
	escalated: 'A ticket is escalated to you',
	note: 'Someone adds a note to a ticket you reported',
	emergency: 'An emergency message nobody on call answered',
	'at-risk': 'A ticket is close to missing its time target',
	breached: 'A ticket missed its time target',
	'outage-posted': 'An outage that affects you is posted',
	'outage-progress': 'News on an outage that affects you',
	'outage-restored': 'Service is back after an outage'
};

/** Each channel choice in plain words, most common first. */
export const CHANNEL_WORDS: readonly { choice: ChannelChoice; words: string }[] = [
	{ choice: 'both', words: 'Email and in the app' },
	{ choice: 'email', words: 'Email only' },
	{ choice: 'in-app', words: 'In the app only' },
	{ choice: 'none', words: 'Neither' }
];

/** Whether a choice sends email (the choices screen warns when the person has no address). */
export function sendsEmail(choice: ChannelChoice): boolean {
	return choice === 'email' || choice === 'both';
}

/**
 * The choices document a person saves from the screen: a choice for each kind their role can receive (others keep
 * following the role's default), stamped `now`. Keeps the stored revision so the save replaces it.
 */
export function prefsDocFor(
	old: NotifyPrefsDoc | null,
	person: { username: string; role: Role },
	shown: Partial<NotifyPrefs>,
	now: Date
): NotifyPrefsDoc {
	const current = prefsFor(person.role, old);
	const choices: NotifyChoices = { ...old?.choices };
	for (const kind of kindsFor(person.role)) choices[kind] = shown[kind] ?? current[kind];
	return {
		...(old?._rev ? { _rev: old._rev } : {}),
		_id: `notify-prefs:${person.username}`,
		type: 'notify-prefs',
		username: person.username,
		choices,
		updatedAt: now.toISOString()
	};
}

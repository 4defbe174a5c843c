import { refuse, type Refusal } from '../refusal';
import { type Actor, isCoordinator, isStaff } from '../roles';
import { entryTimeRefusal } from '../ticket-write';
import { type OutageAffectedDoc, type OutageDoc, outageAffectedId } from './outage';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether the actor may change outage `old` into `next` (`old` null: declaring it; `next` null: deleting it), judged at
 * `now`. Only coordinators and administrators declare and update outages; everyone reads them. Null when allowed.
 */
export function canWriteOutage(actor: Actor, old: OutageDoc | null, next: OutageDoc | null, now: Date): Refusal | null {
	if (!next) return actor.role === 'admin' ? null : refuse('not-allowed', 'Outages are marked restored, not deleted. Only an administrator can delete one.');
	if (!isCoordinator(actor)) return refuse('not-allowed', 'Only coordinators and administrators declare or update outages.');
	return old ? coordinatorUpdateRefusal(actor, old, next, now) : declareRefusal(actor, next, now);
}

function declareRefusal(actor: Actor, next: OutageDoc, now: Date): Refusal | null {
	if (next.declaredBy !== actor.username) return refuse('wrong-author', 'An outage is declared under the name of the person who declares it.');
	if (next.restoredAt !== null || next.restoredBy !== null) return refuse('bad-transition', 'An outage is declared ongoing; mark service restored afterwards.');
	if (next.progress.length > 0) return refuse('not-allowed', 'An outage is declared without progress notes; add them afterwards.');
	return entryTimeRefusal(next.declaredAt, null, now);
}

function coordinatorUpdateRefusal(actor: Actor, old: OutageDoc, next: OutageDoc, now: Date): Refusal | null {
	if (old._id !== next._id) return refuse('fixed-field', 'An outage keeps its id.');
	if (old.declaredAt !== next.declaredAt || old.declaredBy !== next.declaredBy)
		return refuse('fixed-field', 'When and by whom an outage was declared cannot change.');
	if (next.progress.length < old.progress.length || !same(next.progress.slice(0, old.progress.length), old.progress))
		return refuse('history-rewritten', 'Progress notes are added, never changed or removed.');
	for (const note of next.progress.slice(old.progress.length)) {
		if (old.restoredAt !== null) return refuse('bad-transition', 'Service was restored; declare a new outage if it fails again.');
		if (note.by !== actor.username) return refuse('wrong-author', 'A progress note is saved under the name of the person who writes it.');
		const badTime = entryTimeRefusal(note.at, old.declaredAt, now);
		if (badTime) return badTime;
	}
	return restoreRefusal(actor, old, next, now);
}

function restoreRefusal(actor: Actor, old: OutageDoc, next: OutageDoc, now: Date): Refusal | null {
	if (old.restoredAt !== null) {
		if (old.restoredAt !== next.restoredAt || old.restoredBy !== next.restoredBy)
			return refuse('bad-transition', 'Service was restored; declare a new outage if it fails again.');
		return null;
	}
	if (next.restoredAt === null && next.restoredBy === null) return null;
	if (next.restoredAt === null || next.restoredBy !== actor.username)
		return refuse('wrong-author', 'Service is marked restored with a time, under the name of the person who marks it.');
	return entryTimeRefusal(next.restoredAt, old.declaredAt, now);
}

/**
 * Whether the actor may write a "me too" (`old` null: adding it; `next` null: taking it back). People add and take back
 * only their own, on an ongoing outage (`outage`: the one it names, null when unknown); nobody edits one. Null when allowed.
 */
export function canWriteOutageAffected(
	actor: Actor,
	old: OutageAffectedDoc | null,
	next: OutageAffectedDoc | null,
	outage: OutageDoc | null,
	now: Date
): Refusal | null {
	const doc = next ?? old;
	if (!doc) return null;
	if (doc.username !== actor.username && actor.role !== 'admin') return refuse('wrong-author', 'You can say an outage affects you, not someone else.');
	if (doc._id !== outageAffectedId(doc.outage, doc.username)) return refuse('fixed-field', 'This id must name the outage and the person.');
	if (!next) return null;
	if (old) return refuse('fixed-field', 'Take it back and add it again instead of editing it.');
	if (!outage || outage._id !== next.outage) return refuse('not-allowed', 'There is no such outage.');
	if (outage.restoredAt !== null) return refuse('bad-transition', 'Service was restored; file a ticket if something is still wrong.');
	return entryTimeRefusal(next.at, null, now);
}

/** Whether the actor may see a "me too": their own, or any when staff (a student's name is never shown to requesters). */
export function canReadOutageAffected(actor: Actor, doc: Pick<OutageAffectedDoc, 'username'>): boolean {
	return doc.username === actor.username || isStaff(actor);
}

import { refuse, type Refusal } from '../refusal';
import type { Actor } from '../roles';
import { entryTimeRefusal } from '../ticket-write';
import type { NotificationDoc } from './notification-doc';

/**
 * Whether the actor may change a notification (`old` null: creating it; `next` null: deleting it), judged at `now`.
 * Notifications come from the helpdesk (the server writes them to the store itself); through sync a person may only
 * mark their own read, or delete their own. Null when allowed.
 */
export function canWriteNotification(actor: Actor, old: NotificationDoc | null, next: NotificationDoc | null, now: Date): Refusal | null {
	if (!old) return refuse('not-allowed', 'Notifications come from the helpdesk; a device cannot create one.');
	if (old.recipient !== actor.username) return refuse('not-allowed', 'You can only mark your own notifications read.');
	if (!next) return null;
	const { readAt: _was, _rev: _r1, _revisions: _v1, ...before } = old;
	const { readAt, _rev: _r2, _revisions: _v2, ...after } = next;
	if (JSON.stringify(before) !== JSON.stringify(after)) return refuse('fixed-field', 'A notification can only be marked read.');
	if (old.readAt !== null) return old.readAt === readAt ? null : refuse('fixed-field', 'This notification was already marked read.');
	return readAt === null ? null : entryTimeRefusal(readAt, null, now);
}

/** Whether the actor may see a notification: the recipient only. */
export function canReadNotification(actor: Actor, doc: Pick<NotificationDoc, 'recipient'>): boolean {
	return doc.recipient === actor.username;
}

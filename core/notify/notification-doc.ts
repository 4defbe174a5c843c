import { z } from 'zod';
import { couch, isoTime, ticketNumber as TicketNumber, username as Username } from '../schema-parts';
import { OUTAGE_ID_RE } from '../outage/outage';
import { EventKind } from './event-kinds';

export const NOTIFICATION_ID_RE = /^notification:[a-z0-9][a-z0-9._-]{1,63}:[0-9a-f]{16}$/;

/**
 * A notification in the app: one per event and recipient, written by the server when the event is delivered,
 * replicated to the recipient's devices alone. The recipient marks it read (`readAt`); nothing else changes.
 * Its id is derived from the event's key (`notificationId`), so two server instances write the same document.
 */
export const NotificationDoc = z
	.object({
		_id: z.string().regex(NOTIFICATION_ID_RE, 'a notification id is notification:<username>:<16 hex digits>'),
		type: z.literal('notification'),
		recipient: Username,
		kind: EventKind,
		/** The event's key (core/notify/event.ts): what it is about, once. */
		key: z.string().min(1).max(300),
		/** When it happened. */
		at: isoTime,
		/** One plain line: "Ticket K7M-4QX was assigned to you by Ana Ruiz." */
		text: z.string().min(1).max(300),
		ticket: TicketNumber.nullable(),
		outage: z.string().regex(OUTAGE_ID_RE).nullable(),
		readAt: isoTime.nullable(),
		...couch
	})
	.strict();
export type NotificationDoc = z.infer<typeof NotificationDoc>;

/** FNV-1a, 64 bits, as 16 hex digits: a short, stable digest of an event key for a document id. */
export function keyDigest(text: string): string {
	let hash = 0xcbf29ce484222325n;
	for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
	return hash.toString(16).padStart(16, '0');
}

/** The id of the notification a recipient gets for an event (the same on every server instance). */
export function notificationId(recipient: string, key: string): string {
	return `notification:${recipient}:${keyDigest(key)}`;
}

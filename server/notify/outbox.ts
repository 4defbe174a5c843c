import { z } from 'zod';
import { NotifyEvent } from '../../core/notify/event';
import { keyDigest } from '../../core/notify/notification-doc';
import type { Db } from '../store';
import { createOnce } from './state';

/**
 * A mail waiting to go, or gone, in the private database (`outbox:<digest of the event key>`): one per event and
 * recipient, so two instances queue it once. `nextAt` is when to try next (epoch ms, the server's clock); `claimedAt`
 * and `claimedBy` mark an instance sending it now; `sentAt` is set once the mail server took it.
 */
export const OutboxDoc = z.object({
	_id: z.string().regex(/^outbox:[0-9a-f]{16}$/),
	_rev: z.string().optional(),
	type: z.literal('outbox'),
	event: NotifyEvent,
	to: z.string().min(3).max(200),
	subject: z.string().max(300),
	text: z.string().max(20_000),
	sendAt: z.number().int(),
	attempts: z.number().int().min(0),
	nextAt: z.number().int(),
	sentAt: z.number().int().nullable(),
	lastError: z.string().max(500).nullable(),
	claimedAt: z.number().int().nullable(),
	claimedBy: z.string().max(80).nullable()
});
export type OutboxDoc = z.infer<typeof OutboxDoc>;

/** The outbox id of an event's mail. */
export function outboxId(eventKey: string): string {
	return `outbox:${keyDigest(eventKey)}`;
}

/** Queues a mail for an event to be sent at `sendAt`; false when it was queued before (here or by another instance). */
export async function queueMail(db: Db, mail: { event: NotifyEvent; to: string; subject: string; text: string; sendAt: number }): Promise<boolean> {
	const doc: OutboxDoc = { _id: outboxId(mail.event.key), type: 'outbox', ...mail, attempts: 0, nextAt: mail.sendAt, sentAt: null, lastError: null, claimedAt: null, claimedBy: null };
	return createOnce(db, doc);
}

/** The mails not yet sent, with when each is next due. */
export async function pendingMail(db: Db): Promise<Map<string, number>> {
	const pending = new Map<string, number>();
	const rows = (await db.allDocs({ startkey: 'outbox:', endkey: 'outbox:\uffff', include_docs: true })).rows;
	for (const row of rows) {
		const parsed = OutboxDoc.safeParse(row.doc);
		if (parsed.success && parsed.data.sentAt === null) pending.set(parsed.data._id, parsed.data.nextAt);
	}
	return pending;
}

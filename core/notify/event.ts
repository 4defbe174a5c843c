import { z } from 'zod';
import { Priority, TicketNumber, Username } from '../schemas';
import { SLA_TARGET_NAMES } from '../sla/policy';
import { OUTAGE_ID_RE } from '../outage/outage';
import { CLOCK_EVENT_KINDS, OUTAGE_EVENT_KINDS, TICKET_EVENT_KINDS } from './event-kinds';

export { CLOCK_EVENT_KINDS, EVENT_KINDS, EventKind, OUTAGE_EVENT_KINDS, TICKET_EVENT_KINDS } from './event-kinds';

const base = {
	/** Unique per event and recipient: the server records it once sent, so a replay or a second instance never sends it again. */
	key: z.string().min(1).max(300),
	recipient: Username,
	/** When it happened (epoch ms): the history entry's time, the outage step's time, or when a clock was seen at risk or breached. */
	at: z.number().int()
};

/** Something happened on a ticket that one person should hear about. */
export const TicketEvent = z
	.object({
		...base,
		kind: z.enum(TICKET_EVENT_KINDS),
		ticket: TicketNumber,
		priority: Priority.nullable(),
		entryId: z.string().min(1).max(80),
		by: z.string().min(2).max(64)
	})
	.strict();
export type TicketEvent = z.infer<typeof TicketEvent>;

/** A ticket's SLA clock is at risk or breached; `as` says why this person hears of it. */
export const ClockEvent = z
	.object({
		...base,
		kind: z.enum(CLOCK_EVENT_KINDS),
		ticket: TicketNumber,
		priority: Priority.nullable(),
		target: z.enum(SLA_TARGET_NAMES),
		due: z.number().int().nullable(),
		as: z.enum(['owner', 'coordinator'])
	})
	.strict();
export type ClockEvent = z.infer<typeof ClockEvent>;

/** An outage was posted, has a progress note, or is over. */
export const OutageEvent = z
	.object({
		...base,
		kind: z.enum(OUTAGE_EVENT_KINDS),
		outage: z.string().regex(OUTAGE_ID_RE),
		by: Username
	})
	.strict();
export type OutageEvent = z.infer<typeof OutageEvent>;

/** Any event that notifies someone (for an outbox or a record of what was sent). */
export const NotifyEvent = z.union([TicketEvent, ClockEvent, OutageEvent]);
export type NotifyEvent = z.infer<typeof NotifyEvent>;

/** Whether the event is about an outage rather than a ticket. */
export function isOutageEvent(event: NotifyEvent): event is OutageEvent {
	return (OUTAGE_EVENT_KINDS as readonly string[]).includes(event.kind);
}

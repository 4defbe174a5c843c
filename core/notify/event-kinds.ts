import { z } from 'zod';

// 'emergency': a message left on the phone line's emergency option that nobody on call answered (issue 10).
export const TICKET_EVENT_KINDS = ['assigned', 'escalated', 'note', 'emergency'] as const;
export const CLOCK_EVENT_KINDS = ['at-risk', 'breached'] as const;
export const OUTAGE_EVENT_KINDS = ['outage-posted', 'outage-progress', 'outage-restored'] as const;
export const EVENT_KINDS = [...TICKET_EVENT_KINDS, ...CLOCK_EVENT_KINDS, ...OUTAGE_EVENT_KINDS] as const;
/** The kinds of event a person can be notified of (its own module: the choices document needs it without the events). */
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

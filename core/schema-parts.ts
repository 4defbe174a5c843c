import { z } from 'zod';

/** Parts shared by every document schema (core/schemas.ts and the SLA documents in core/sla/). */

export const isoTime = z.iso.datetime({ offset: true });

export const code = z
	.string()
	.min(1)
	.max(32)
	.regex(/^[a-z0-9][a-z0-9-]*$/, 'a code is lower-case letters, digits and dashes');

/** Couch metadata every replicated document may carry. Unknown keys are refused by `.strict()`. */
export const couch = {
	_rev: z.string().max(200).optional(),
	_revisions: z.object({ start: z.number().int(), ids: z.array(z.string()) }).optional(),
	_attachments: z
		.record(
			z.string().max(200),
			z.object({
				content_type: z.string().max(100),
				digest: z.string().optional(),
				length: z.number().optional(),
				revpos: z.number().optional(),
				stub: z.boolean().optional(),
				data: z.any().optional()
			})
		)
		.optional(),
	_conflicts: z.array(z.string()).optional(),
	_deleted: z.literal(false).optional()
};

/**
 * A username, and a ticket number (schemas.ts exports them as Username and TicketNumber), here so that document
 * schemas kept outside schemas.ts (SLA, outages, notification choices) can use them without an import cycle.
 */
export const username = z
	.string()
	.min(2)
	.max(64)
	.regex(/^[a-z0-9][a-z0-9._-]*$/, 'a username is lower-case letters, digits, dots, dashes or underscores');

// A four-character device code always has a five-character sequence: a number typed without its dash reads one way only.
export const TICKET_NUMBER_RE = /^(?:[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3,5}|[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5})$/;

export const ticketNumber = z.string().regex(TICKET_NUMBER_RE, 'a ticket number looks like K7M-4QX');

import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';
import { code } from '../schema-parts';
import { TicketNumber } from '../schemas';
import { POLICY_ID_RE } from './policy';

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

// Bounded: the calendar is laid out year by year, and no ticket is timed outside this century.
const isoWithOffset = (field: string) =>
	z.iso
		.datetime({ offset: true, error: `${field} is an ISO time with its offset, such as 2026-12-04T14:00:00-07:00` })
		.refine((t) => Date.parse(t) >= EARLIEST && Date.parse(t) < LATEST, { message: `${field} is a time between the years 2000 and 2099` });

/** The query of `GET /api/sla/preview`: when would a ticket filed then be due. */
export const SlaPreviewQuery = z
	.object({
		priority: z
			.enum(['1', '2', '3', '4'], { error: 'priority is 1 (emergency), 2, 3 or 4 (administrative)' })
			.transform((p) => Number(p) as 1 | 2 | 3 | 4),
		openedAt: isoWithOffset('openedAt'),
		category: code.optional(),
		policy: z.string().regex(POLICY_ID_RE, 'a policy id is lower-case letters, digits and dashes, such as ts-pe-004').optional()
	});
export type SlaPreviewQuery = z.infer<typeof SlaPreviewQuery>;

/** The query of `GET /api/sla/tickets/:number`: the clocks as they stand at `now` (default: the server's clock). */
export const SlaTicketQuery = z.object({ now: isoWithOffset('now').optional() });

/** The path of `GET /api/sla/tickets/:number`. */
export const SlaTicketParam = z.object({ number: TicketNumber });

const due = z.iso.datetime({ offset: true }).nullable().describe("An ISO time with the district's offset; null when no SLA applies (or, for a clock, while it is paused).");

const PreviewTarget = z.object({ due });

/** The answer of the preview: each target's due time for a ticket filed at `openedAt`. */
export const SlaPreviewReply = z.object({
	policy: z.string().describe('The policy the due times follow.'),
	timeZone: z.string().describe("The district calendar's IANA time zone."),
	targets: z.object({ categorization: PreviewTarget, firstResponse: PreviewTarget, resolution: PreviewTarget })
});
export type SlaPreviewReply = z.infer<typeof SlaPreviewReply>;

const ClockReply = z.object({
	state: z.enum(['on-track', 'at-risk', 'breached', 'met', 'paused', 'not-applicable']),
	due,
	elapsedMinutes: z.number().int().describe('Business minutes the clock has run (whole minutes, rounded down).'),
	pausedMinutes: z.number().int().describe('Business minutes it was paused.'),
	overdueMinutes: z.number().int().describe('Business minutes past due (0 unless breached).')
});
export type ClockReply = z.infer<typeof ClockReply>;

/** The answer for one ticket: its clocks under the active policy at `now`. */
export const SlaTicketReply = z.object({
	number: TicketNumber,
	policy: z.string(),
	timeZone: z.string(),
	now: z.iso.datetime({ offset: true }),
	targets: z.object({ categorization: ClockReply, firstResponse: ClockReply, resolution: ClockReply })
});
export type SlaTicketReply = z.infer<typeof SlaTicketReply>;

/** An instant as an ISO time with the offset it has in `timeZone` ("2026-12-07T10:30:00-07:00"), never UTC 'Z'. */
export function isoInZone(epochMs: number, timeZone: string): string {
	return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toString({ timeZoneName: 'never' });
}

/** Whole minutes in a span of milliseconds, rounded down, as the APIs report them. */
export function wholeMinutes(ms: number): number {
	return Math.floor(ms / 60_000);
}

import { z } from 'zod';
import { code, couch, isoTime, ticketNumber as TicketNumber, username as Username } from '../schema-parts';

export const OUTAGE_ID_RE = /^outage:[a-z0-9][a-z0-9-]{0,39}$/;

/** A progress note on an outage ("Comcast is on site"). Append-only: its time and author identify it. */
export const OutageNote = z
	.object({
		at: isoTime,
		by: Username,
		text: z.string().trim().min(1).max(2000)
	})
	.strict();
export type OutageNote = z.infer<typeof OutageNote>;

/**
 * An outage a coordinator declares (procedure 001), replicated to every device so the banner shows offline too.
 * A service is written as it reads in a sentence ("the network", "phones"). An empty `buildings` list means the whole
 * district. Who said they are hit too is kept apart, one OutageAffectedDoc each (see below). `restoredAt` and `restoredBy` are set together when service returns; the banner goes then.
 */
export const OutageDoc = z
	.object({
		_id: z.string().regex(OUTAGE_ID_RE, 'an outage id is outage:<lower-case letters, digits and dashes>'),
		type: z.literal('outage'),
		services: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
		buildings: z.array(code).max(100),
		description: z.string().trim().min(1).max(2000),
		declaredAt: isoTime,
		declaredBy: Username,
		progress: z.array(OutageNote).max(500).default([]),
		restoredAt: isoTime.nullable(),
		restoredBy: Username.nullable(),
		tickets: z.array(TicketNumber).max(5000).default([]),
		...couch
	})
	.strict();
export type OutageDoc = z.infer<typeof OutageDoc>;

/** Whether the outage is still open (not yet restored). */
export function isOngoing(outage: Pick<OutageDoc, 'restoredAt'>): boolean {
	return outage.restoredAt === null;
}

/** Whether the outage hits a building: it names it, or it names none (the whole district). */
export function affectsBuilding(outage: Pick<OutageDoc, 'buildings'>, building: string): boolean {
	return outage.buildings.length === 0 || outage.buildings.includes(building);
}

export const OUTAGE_AFFECTED_ID_RE = /^outage-affected:[a-z0-9][a-z0-9-]{0,39}:[a-z0-9][a-z0-9._-]{1,63}$/;

/**
 * "Me too": a person says an outage hits them, instead of filing a duplicate ticket. One small document per person
 * (`outage-affected:<outage slug>:<username>`) rather than a list on the outage: many people add themselves at once
 * during an outage, and separate documents never conflict; and a student's name is not shown to every requester.
 */
export const OutageAffectedDoc = z
	.object({
		_id: z.string().regex(OUTAGE_AFFECTED_ID_RE, 'an id is outage-affected:<outage>:<username>'),
		type: z.literal('outage-affected'),
		outage: z.string().regex(OUTAGE_ID_RE),
		username: Username,
		at: isoTime,
		...couch
	})
	.strict();
export type OutageAffectedDoc = z.infer<typeof OutageAffectedDoc>;

/** The id of a person's "me too" on an outage. */
export function outageAffectedId(outageId: string, username: string): string {
	return `outage-affected:${outageId.slice('outage:'.length)}:${username}`;
}

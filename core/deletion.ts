import { z } from 'zod';
import { type Actor, canReadProfile, isCoordinator, REMOVAL_GRACE_DAYS, ticketPast, wasInScope } from './access';
import { canReadNotification } from './notify/notification-write';
import { canReadNotifyPrefs } from './notify/prefs';
import { canReadOutageAffected } from './outage/outage-write';
import { Role, type ReplicatedDoc, Username } from './schemas';
import { canReadCall, canReadPhoneLine, canReadVoicemail } from './telephony/access';

const code = z.string().max(32);

/**
 * What a deletion keeps of a document: who could hold it and where, never its content. It is stored in the tombstone,
 * because the last live version's body is gone once the store compacts, and the deletion must still reach every device.
 */
export const DeletionScope = z.discriminatedUnion('type', [
	z
		.object({
			type: z.literal('ticket'),
			requester: z.string().max(64),
			createdBy: z.string().max(64),
			people: z.array(Username).max(500),
			buildings: z.array(code).max(500),
			closedAt: z.string().max(40).nullable()
		})
		.strict(),
	z.object({ type: z.literal('user'), username: Username, role: Role, kind: z.enum(['staff', 'student']), buildings: z.array(code).max(50) }).strict(),
	z.object({ type: z.enum(['building', 'category', 'kb', 'calendar', 'sla-policy', 'sla-settings', 'outage']) }).strict(),
	z.object({ type: z.enum(['outage-affected', 'notify-prefs', 'notification']), username: Username }).strict(),
	z.object({ type: z.literal('phone-line') }).strict(),
	z.object({ type: z.literal('call'), answeredBy: Username.nullable() }).strict(),
	z.object({ type: z.literal('voicemail'), assignee: Username.nullable() }).strict()
]);
export type DeletionScope = z.infer<typeof DeletionScope>;

/** The part of a document that decides who hears of its deletion. */
export function deletionScope(doc: ReplicatedDoc): DeletionScope {
	switch (doc.type) {
		case 'ticket': {
			const past = ticketPast(doc);
			const people = [...new Set([...past.people, doc.assignee, doc.escalatedTo].filter((p): p is string => !!p))];
			const buildings = [...new Set([...past.buildings, doc.building])];
			return { type: 'ticket', requester: doc.requester, createdBy: doc.createdBy, people, buildings, closedAt: doc.closedAt };
		}
		case 'user':
			return { type: 'user', username: doc.username, role: doc.role, kind: doc.kind, buildings: doc.buildings };
		case 'outage-affected':
		case 'notify-prefs':
			return { type: doc.type, username: doc.username };
		case 'notification':
			return { type: doc.type, username: doc.recipient };
		case 'phone-line':
			return { type: doc.type };
		case 'call':
			return { type: doc.type, answeredBy: doc.answeredBy };
		case 'voicemail':
			return { type: doc.type, assignee: doc.assignee };
		default:
			return { type: doc.type };
	}
}

/** Whether the actor's device may hold the deleted document, and so must hear that it is gone. */
export function hearsOfDeletion(actor: Actor, scope: DeletionScope, now: Date, closedWindowDays: number, formerBuildings: readonly string[]): boolean {
	if (scope.type === 'user') return canReadProfile(actor, scope);
	if (scope.type === 'outage-affected') return canReadOutageAffected(actor, scope);
	if (scope.type === 'notify-prefs') return canReadNotifyPrefs(actor, scope);
	if (scope.type === 'notification') return canReadNotification(actor, { recipient: scope.username });
	if (scope.type === 'phone-line') return canReadPhoneLine(actor);
	if (scope.type === 'call') return canReadCall(actor, scope);
	if (scope.type === 'voicemail') return canReadVoicemail(actor, scope);
	if (scope.type !== 'ticket') return true;
	const closedDaysAgo = scope.closedAt ? (now.getTime() - Date.parse(scope.closedAt)) / 86_400_000 : 0;
	if (closedDaysAgo > closedWindowDays + REMOVAL_GRACE_DAYS) return false;
	if (isCoordinator(actor) || scope.requester === actor.username || scope.createdBy === actor.username) return true;
	return wasInScope(actor, scope, formerBuildings);
}

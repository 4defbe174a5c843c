import { z } from 'zod';
import { code, couch, isoTime, TICKET_NUMBER_RE, ticketNumber, username } from './schema-parts';
import { CalendarDoc } from './sla/calendar';
import { SlaPolicyDoc, SlaSettingsDoc } from './sla/policy';
import { OutageAffectedDoc, OutageDoc } from './outage/outage';
import { NotificationDoc } from './notify/notification-doc';
import { NotifyPrefsDoc } from './notify/prefs-doc';
import { CallDoc, PhoneLineDoc, VoicemailDoc } from './telephony/docs';

/** Letters and digits that cannot be confused when read aloud or handwritten: no 0/O, 1/I/L. */
export const READABLE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const Username = username;
export { code, couch, isoTime };

const shortText = z.string().trim().max(200);

/** A device code: three readable characters, or four once every three-character code is taken. */
export const DEVICE_CODE_RE = /^[2-9A-HJKMNP-Z]{3,4}$/;
export const DeviceCode = z.string().regex(DEVICE_CODE_RE, 'a device code is three or four readable characters');
export { TICKET_NUMBER_RE };
export const TicketNumber = ticketNumber;

export const ROLES = ['requester', 'building-tech', 'specialist', 'coordinator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const STATUSES = [
	'new',
	'assigned',
	'in-progress',
	'waiting-requester',
	'waiting-vendor',
	'waiting-district',
	'scheduled',
	'resolved',
	'closed'
] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const SOURCES = ['web', 'phone', 'voicemail', 'on-behalf', 'email'] as const;
export const Source = z.enum(SOURCES);
export type Source = z.infer<typeof Source>;

/** 1 emergency, 2 high, 3 instructional, 4 administrative (procedures 001 and 004). */
export const Priority = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Priority = z.infer<typeof Priority>;

export const Building = z
	.object({
		_id: z.string().regex(/^building:[a-z0-9-]+$/),
		type: z.literal('building'),
		code,
		name: shortText.min(1),
		kind: z.enum(['school', 'office']),
		/** The building's technician (ETS): new tickets are assigned to them. */
		technician: username.nullable(),
		phone: z.string().max(40).optional(),
		...couch
	})
	.strict();
export type Building = z.infer<typeof Building>;

export const Category = z
	.object({
		_id: z.string().regex(/^category:[a-z0-9-]+$/),
		type: z.literal('category'),
		code,
		name: shortText.min(1),
		description: z.string().max(2000).default(''),
		/** The name and one-line hint requesters see; staff see `name` (see core/categories.ts). */
		plainName: shortText.optional(),
		hint: shortText.optional(),
		active: z.boolean().default(true),
		...couch
	})
	.strict();
export type Category = z.infer<typeof Category>;

/** Names the server writes under itself (`system`) and for a caller it could not match (`unknown-caller`): nobody's username. */
export const RESERVED_USERNAMES: readonly string[] = ['system', 'unknown-caller'];

/** A person's public profile. Password hashes and sessions live in the server's private database. */
export const UserProfile = z
	.object({
		_id: z.string().regex(/^user:[a-z0-9._-]+$/),
		type: z.literal('user'),
		username: username.refine((u) => !RESERVED_USERNAMES.includes(u), {
			message: 'this username is kept for the phone line (system, unknown-caller): choose another'
		}),
		name: shortText.min(1),
		role: Role,
		/** Requesters are staff or students; students' data is never shown to other requesters. */
		kind: z.enum(['staff', 'student']).default('staff'),
		buildings: z.array(code).max(50),
		email: z.email().max(200).optional(),
		phone: z.string().max(40).optional(),
		extension: z.string().regex(/^\d{2,6}$/, 'an extension is 2 to 6 digits').optional(),
		employeeId: z.string().max(40).optional(),
		active: z.boolean().default(true),
		...couch
	})
	.strict();
export type UserProfile = z.infer<typeof UserProfile>;

export const KbArticle = z
	.object({
		_id: z.string().regex(/^kb:[a-z0-9-]+$/),
		type: z.literal('kb'),
		kind: z.enum(['article', 'faq']),
		title: shortText.min(1),
		body: z.string().max(50_000),
		tags: z.array(z.string().max(40)).max(30).default([]),
		updatedAt: isoTime,
		author: username,
		...couch
	})
	.strict();
export type KbArticle = z.infer<typeof KbArticle>;

/** The fields a ticket's history can change; the ticket's top-level copies are their fold. */
export const TicketFields = z.object({
	status: Status,
	priority: Priority.nullable(),
	category: code.nullable(),
	building: code,
	room: z.string().max(40),
	/** The owner: the technician working the ticket. Escalation keeps them. */
	assignee: username.nullable(),
	/** Escalation level; the owner keeps the ticket when it is escalated. */
	level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
	escalatedTo: username.nullable(),
	dueDate: z.iso.date().nullable()
});
export type TicketFields = z.infer<typeof TicketFields>;

const entryBase = {
	/** Unique per entry: device code, time and a random part. */
	id: z.string().min(6).max(80).regex(/^[A-Za-z0-9:._-]+$/),
	at: isoTime,
	by: z.string().min(2).max(64)
};

export const HistoryEntry = z.discriminatedUnion('kind', [
	z.object({ ...entryBase, kind: z.literal('created'), fields: TicketFields }).strict(),
	z
		.object({
			...entryBase,
			kind: z.literal('note'),
			text: z.string().trim().min(1).max(20_000),
			/** A desk visit or call records when the interaction happened (procedure 001). */
			interaction: z
				.object({ type: z.enum(['desk-visit', 'phone-call', 'remote']), minutes: z.number().int().min(0).max(1440) })
				.strict()
				.optional()
		})
		.strict(),
	z.object({ ...entryBase, kind: z.literal('status'), from: Status, to: Status }).strict(),
	z
		.object({
			...entryBase,
			kind: z.literal('set'),
			changes: TicketFields.omit({ status: true, level: true, escalatedTo: true }).partial().strict()
		})
		.strict(),
	z
		.object({
			...entryBase,
			kind: z.literal('escalate'),
			level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
			to: username.nullable(),
			reason: z.string().trim().min(1).max(5000)
		})
		.strict(),
	z.object({ ...entryBase, kind: z.literal('remote-permission'), granted: z.boolean() }).strict(),
	z.object({ ...entryBase, kind: z.literal('transcript'), text: z.string().max(20_000) }).strict()
]);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Ticket = z
	.object({
		_id: z.string().regex(/^ticket:(?:[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3,5}|[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5})$/, 'a ticket id is ticket:<number>'),
		type: z.literal('ticket'),
		number: TicketNumber,
		createdAt: isoTime,
		/** Who filed it (a technician logging a call, or a co-worker filing on behalf). */
		createdBy: z.string().min(2).max(64),
		/** Whom it is for. */
		requester: username,
		requesterName: shortText.min(1),
		contactPhone: z.string().max(40).default(''),
		contactEmail: z.union([z.email().max(200), z.literal('')]).default(''),
		source: Source,
		title: shortText.min(1),
		description: z.string().max(20_000),
		...TicketFields.shape,
		closedAt: isoTime.nullable(),
		history: z.array(HistoryEntry).min(1).max(5000),
		...couch
	})
	.strict();
export type Ticket = z.infer<typeof Ticket>;

export const ReplicatedDoc = z.discriminatedUnion('type', [
	Ticket,
	Building,
	Category,
	UserProfile,
	KbArticle,
	CalendarDoc,
	SlaPolicyDoc,
	SlaSettingsDoc,
	OutageDoc,
	OutageAffectedDoc,
	NotifyPrefsDoc,
	NotificationDoc,
	PhoneLineDoc,
	CallDoc,
	VoicemailDoc
]);
export type ReplicatedDoc = z.infer<typeof ReplicatedDoc>;
export const DOC_TYPES = [
	'ticket',
	'building',
	'category',
	'user',
	'kb',
	'calendar',
	'sla-policy',
	'sla-settings',
	'outage',
	'outage-affected',
	'notify-prefs',
	'notification',
	'phone-line',
	'call',
	'voicemail'
] as const;

import { z } from 'zod';
import { DeviceRegistration, DeviceRegistrationRequest } from '../../core/device-registration';
import { Building, Ticket, UserProfile } from '../../core/schemas';
import { SlaPreviewReply, SlaTicketReply } from '../../core/sla/api-schemas';
import { SearchReply } from '../../core/search/results';
import pkg from '../../package.json' with { type: 'json' };
import { COLUMNS, ImportReport } from '../import';
import { PhoneLineStatus } from '../phone-status';
import { SimulatedCall, SimulationResult } from '../../core/telephony/simulate';
import { BuildingInput, UserInput } from './admin';
import { ChosenClosures, ClosuresReply, IcsQuery, IcsReply, IcsUrlBody } from './calendar';
import { LoginBody } from './session';
import { SessionReply } from '../../core/session-reply';

const ApiError = z.object({ error: z.string().describe('unauthorized, forbidden, not_found, conflict, too_large, unsupported_type, too_many_requests, unavailable, bad_request or internal'), reason: z.string() });
const Health = z.object({ ok: z.literal(true), docs: z.number().int(), store: z.enum(['couchdb', 'embedded']) });

/** Schemas a client sends (read as zod input: defaults are optional) and schemas the server answers with. */
const requests = { LoginBody, UserInput, BuildingInput, DeviceRegistrationRequest, IcsUrlBody, ChosenClosures, SimulatedCall };
const responses = {
	ApiError,
	Health,
	Ok: z.object({ ok: z.literal(true) }),
	DeviceRegistration,
	UserProfile,
	Building,
	UserReply: SessionReply,
	UsersReply: z.object({ users: z.array(UserProfile) }),
	BuildingReply: z.object({ building: Building }),
	BuildingsReply: z.object({ buildings: z.array(Building) }),
	ImportReport,
	SlaPreviewReply,
	SearchReply,
	TicketReply: z.object({ ticket: Ticket }),
	SlaTicketReply,
	PhoneLineStatus,
	SimulationResult,
	SimulatedCallTicket: z.object({ ticket: z.string().nullable() }),
	IcsReply,
	ClosuresReply
};
type SchemaName = keyof typeof requests | keyof typeof responses;

/** JSON Schemas for components.schemas; a registered schema used inside another becomes a $ref. */
function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output') {
	const registry = z.registry<{ id: string }>();
	for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
	const { schemas: out } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
	// OpenAPI places each schema by its key; $schema and a fragment $id are not wanted inside a component.
	return Object.fromEntries(Object.entries(out).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]));
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const body = (name: SchemaName) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const failures = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 429)[]) =>
	Object.fromEntries(statuses.map((s) => [String(s), json('ApiError', 'Refused; `reason` says why in plain words.')]));
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const queryParam = (name: string, required: boolean, description: string, example: string) => ({ name, in: 'query', required, description, schema: { type: 'string' }, example });
const open: never[] = [];
/** Query parameters described by a zod object's fields. */
const queryParams = (schema: z.ZodObject) =>
	Object.entries(schema.shape).map(([name, field]) => ({ name, in: 'query', required: false, description: (field as z.ZodType).description, schema: { type: 'string' } }));

const DESCRIPTION = `The REST API of the district helpdesk. Errors are JSON \`{ error, reason }\`, where \`reason\` is a sentence for a person.
Sign in with HTTP Basic (scripts) or with the \`hd_session\` cookie that \`POST /api/login\` sets (browsers).
After 10 different wrong passwords for one account in 15 minutes (or 100 from one address), password checks answer 429
with \`Retry-After\`, even for the right password. A password reset ends the person's sessions. Changes signed with the
cookie must be \`application/json\` (a roster: \`text/csv\`), and changes from another site's \`Origin\` are refused.

**Sync: \`/db/helpdesk\`.** Devices do not use REST for tickets: each keeps a local PouchDB that replicates with \`/db/helpdesk\`,
which speaks the CouchDB replication protocol (\`GET /db/helpdesk\`, \`_changes\` with longpoll, \`_revs_diff\`, \`_bulk_get\`,
\`_bulk_docs\`, \`_all_docs\`, \`_local\` checkpoints and documents by id), e.g. \`new PouchDB(origin + '/db/helpdesk', { auth })\`.
It signs in the same way as this API, shows each person only the documents their role and buildings allow, and checks every write
against the document schemas and the ticket workflow; a refused write comes back as a per-document \`forbidden\` with a reason.
An id outside a person's scope reads exactly like an id that does not exist, and profiles carry only the fields the reader's role needs.
Limits: at most 1,000 documents, keys or ids per request (10,000 revisions per \`_revs_diff\`), refused with 413 and a reason;
\`_changes\` answers at most 1,000 rows (\`limit\` up to 1,000; continue from \`last_seq\`), only \`feed=longpoll\` or the normal feed,
heartbeats no more often than once a second, and selectors up to 20 levels and 1,000 conditions. \`_all_docs\` counts \`skip\`, \`limit\`,
\`total_rows\` and \`offset\` over the rows the person may see in the requested range.`;

/** The OpenAPI 3.1 description of every /api route, generated from the same zod schemas the handlers validate with. */
export function openApiDocument(publicUrl: string) {
	return {
		openapi: '3.1.0',
		info: { title: 'District helpdesk API', version: pkg.version, description: DESCRIPTION },
		servers: [{ url: publicUrl }],
		security: [{ basic: [] }, { session: [] }],
		components: {
			securitySchemes: {
				basic: { type: 'http', scheme: 'basic' },
				session: { type: 'apiKey', in: 'cookie', name: 'hd_session' }
			},
			schemas: { ...components(responses, 'output'), ...components(requests, 'input') }
		},
		paths: {
			'/api/health': { get: { summary: 'Whether the server and its store answer', security: open, responses: { 200: json('Health', 'The server is up.') } } },
			'/api/openapi.json': { get: { summary: 'This document', security: open, responses: { 200: { description: 'The OpenAPI document.' } } } },
			'/api/login': {
				post: {
					summary: 'Sign in; sets the session cookie',
					security: open,
					requestBody: body('LoginBody'),
					responses: { 200: json('UserReply', 'Signed in.'), ...failures(400, 401, 429) }
				}
			},
			'/api/logout': { post: { summary: 'Sign out; closes the session', security: open, responses: { 200: json('Ok', 'Signed out.') } } },
			'/api/me': { get: { summary: 'The signed-in person', responses: { 200: json('UserReply', 'Your profile.'), ...failures(401) } } },
			'/api/devices': {
				post: {
					summary: 'Register a device and get its code; the same deviceId gets the same code back',
					requestBody: body('DeviceRegistrationRequest'),
					responses: {
						200: json('DeviceRegistration', 'The code this device registered before.'),
						201: json('DeviceRegistration', 'A new device code.'),
						...failures(400, 401),
						429: json('ApiError', 'Too many new devices for this person lately; `Retry-After` says when to try again.'),
						503: json('ApiError', 'Every device code is taken.')
					}
				}
			},
			'/api/admin/buildings': {
				get: { summary: 'List buildings (admin)', responses: { 200: json('BuildingsReply', 'Every building.'), ...failures(401, 403) } }
			},
			'/api/admin/buildings/{code}': {
				put: {
					summary: 'Create or replace a building (admin)',
					parameters: [pathParam('code', 'The building code; must equal `code` in the body.')],
					requestBody: body('BuildingInput'),
					responses: { 200: json('BuildingReply', 'Saved.'), ...failures(400, 401, 403) }
				}
			},
			'/api/admin/users': { get: { summary: 'List people (admin)', responses: { 200: json('UsersReply', 'Every account.'), ...failures(401, 403) } } },
			'/api/admin/users/{username}': {
				get: {
					summary: 'One person (admin)',
					parameters: [pathParam('username', 'The username.')],
					responses: { 200: json('UserReply', 'The profile.'), ...failures(401, 403, 404) }
				},
				put: {
					summary: 'Create or replace a person, and set their password when given (admin)',
					parameters: [pathParam('username', 'The username; must equal `username` in the body.')],
					requestBody: body('UserInput'),
					responses: { 200: json('UserReply', 'Saved.'), ...failures(400, 401, 403) }
				}
			},
			'/api/admin/compact': {
				post: {
					summary: 'Compact the replicated database: drop old revisions’ bodies (admin)',
					description: 'CouchDB compacts on its own; the embedded store only when asked. Deletions keep who could hold a document, so they still reach devices after compaction.',
					responses: { 200: json('Ok', 'Compacted.'), ...failures(401, 403) }
				}
			},
			'/api/sla/preview': {
				get: {
					summary: 'When a ticket filed at a time would be due (technology staff)',
					description:
						'Each target’s due time under a policy (default: the active one), in the district’s offset. With a category the ticket is taken as filed with it (no categorization target); without one, as filed uncategorized (categorization is due, and resolution is null when the policy times resolution by category). `due` is null where no SLA applies. 409 when the district has no calendar or no active policy yet.',
					parameters: [
						queryParam('priority', true, 'Priority 1 (emergency) to 4 (administrative).', '1'),
						queryParam('openedAt', true, 'When the ticket is filed: an ISO time with its offset.', '2026-12-04T14:00:00-07:00'),
						queryParam('category', false, 'A category code.', 'break-fix'),
						queryParam('policy', false, 'A policy id; default the active policy.', 'wilson-001')
					],
					responses: { 200: json('SlaPreviewReply', 'The due times.'), ...failures(400, 401, 403, 409) }
				}
			},
			'/api/sla/tickets/{number}': {
				get: {
					summary: 'A ticket’s SLA clocks under the active policy (technology staff)',
					description:
						'For each target: its state (on-track, at-risk, breached, met, paused, not-applicable), its due time in the district’s offset (null while paused or not applicable), and the business minutes elapsed, paused and overdue (whole minutes, rounded down), as they stand at `now`. A ticket linked to an outage follows the active policy’s outage rule (its clocks pause while the outage is open, or its targets are longer).',
					parameters: [pathParam('number', 'The ticket number, such as K7M-4QX.'), queryParam('now', false, 'The time to evaluate at: an ISO time with its offset; default the server’s clock.', '2026-12-08T09:00:00-07:00')],
					responses: { 200: json('SlaTicketReply', 'The clocks.'), ...failures(400, 401, 403, 404, 409) }
				}
			},
			'/api/tickets/search': {
				get: {
					summary: 'Search every ticket the person may read, closed long ago or not',
					description:
						'The same scope as the sync gateway (core’s canRead), over the whole history rather than the device’s closed-ticket window. A ticket number (with or without its dash) or a phone number (any spelling, 7 digits or more) is matched whole and ranks first; otherwise every word must appear in the title, the requester’s name, the description or the notes (from 3 letters a word also matches the start of longer ones; one typo is forgiven in words of 6 letters or more). Best first.',
					parameters: [queryParam('q', true, 'What to look for: 1 to 200 characters.', 'laminator'), queryParam('limit', false, 'At most this many results, 1 to 50; default 20.', '20')],
					responses: { 200: json('SearchReply', 'The matching tickets, best first.'), ...failures(400, 401) }
				}
			},
			'/api/tickets/{number}': {
				get: {
					summary: 'One ticket by its number, if the person may read it (for tickets no longer on their device)',
					parameters: [pathParam('number', 'The ticket number, such as K7M-4QX.')],
					responses: { 200: json('TicketReply', 'The ticket.'), ...failures(400, 401, 404) }
				}
			},
			'/api/phone/status': {
				get: {
					summary: 'Whether the phone line answers, and the three URLs to give Twilio (admin)',
					description: 'The line is on when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set; `reason` says what to do when it is off. Give Twilio `voiceUrl` (A call comes in), `statusUrl` (call status changes) and `fallbackUrl` (primary handler fails), all POST.',
					responses: { 200: json('PhoneLineStatus', 'The status and URLs.'), ...failures(401, 403) }
				}
			},
			'/api/admin/phone/simulate': {
				post: {
					summary: 'Place a simulated call on the line and answer what it said and the ticket it made (admin)',
					description:
						'The server walks its own line over signed HTTP as Twilio would: the prompts, the digits pressed at each menu, ringing (nobody answers, or the first phone accepts at the whisper), a recording spoken by espeak-ng, then the recording, transcript and status callbacks in the order given. With `Accept: application/x-ndjson` each event is streamed as a line as the call goes, then `{ "kind": "result", ... }` (or `{ "kind": "failed", "reason" }`). 409 while the line is off (TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN unset); 429 when four calls are already running.',
					requestBody: body('SimulatedCall'),
					responses: { 200: json('SimulationResult', 'The call, event by event, and its ticket (null when none).'), ...failures(400, 401, 403, 409, 429) }
				}
			},
			'/api/admin/phone/simulate/recordings/{recordingSid}': {
				put: {
					summary: 'Hand the server a simulated recording before its callbacks name it (admin; the CLI walking the line itself)',
					parameters: [pathParam('recordingSid', 'RE and 32 hex digits, not yet a voicemail.')],
					requestBody: { required: true, content: { 'audio/wav': { schema: { type: 'string', format: 'binary' } } } },
					responses: { 200: json('Ok', 'Kept until the voicemail pipeline stores it.'), ...failures(400, 401, 403, 409, 413, 415) }
				}
			},
			'/api/admin/phone/simulate/calls/{callSid}': {
				get: {
					summary: 'The ticket a simulated call made (admin)',
					parameters: [pathParam('callSid', 'CA and 32 hex digits.'), queryParam('recording', false, 'The call’s RecordingSid, when it left one.', `RE${'0'.repeat(32)}`)],
					responses: { 200: json('SimulatedCallTicket', 'Its ticket, or null.'), ...failures(400, 401, 403, 409) }
				}
			},
			'/api/admin/calendar/ics': {
				post: {
					summary: 'Read an iCal calendar into events, and optionally save its closures (admin)',
					description: `Send the .ics file (Content-Type \`text/calendar\`, at most 2 MB), or JSON \`{ "url" }\` to fetch a published calendar (http, https or webcal; 15 s timeout; 2 MB). Events are expanded over the window (RRULE, EXDATE, RDATE, RECURRENCE-ID; DURATION or DTEND): all-day \`start\`/\`end\` are ISO dates with \`end\` excluded, timed ones ISO times with the district zone's offset. TZID times are wall-clock times in that zone (Windows names such as "Mountain Standard Time" are understood); floating times are in X-WR-TIMEZONE, else the district's zone. \`closure\` is the default choice: a category or the summary says closed or holiday, and not "No School". Nothing is saved unless \`save=1\`, which replaces the closures the last import brought with these defaults and keeps closures added by hand. A file a calendar app would refuse is a 400 whose reason names the line. 409 when the district has no calendar yet.`,
					parameters: queryParams(IcsQuery),
					requestBody: { required: true, content: { 'text/calendar': { schema: { type: 'string' } }, 'application/json': { schema: ref('IcsUrlBody') } } },
					responses: { 200: json('IcsReply', 'The events in the window.'), ...failures(400, 401, 403, 409, 413, 415) }
				}
			},
			'/api/admin/calendar/closures': {
				put: {
					summary: 'Save chosen imported events as the calendar’s imported closures (admin)',
					description: 'Replaces every closure an import brought with the given events (as answered by POST /api/admin/calendar/ics); closures added by hand are kept. Ids are stable: the event uid and start.',
					requestBody: body('ChosenClosures'),
					responses: { 200: json('ClosuresReply', 'The saved calendar.'), ...failures(400, 401, 403, 409) }
				}
			},
			'/api/admin/import': {
				post: {
					summary: 'Import buildings and people from a CSV roster (admin)',
					description: `A header row names the columns, in any order: ${COLUMNS.join(', ')}. \`buildings\` lists building codes separated by \`;\`; a code that does not exist yet creates the building (named by \`building_name\`, of kind \`building_kind\`). Good rows are imported and bad ones reported by line; new people without a password get one, returned in \`passwords\`.`,
					requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
					responses: { 200: json('ImportReport', 'What was imported, and each refused row with its reason.'), ...failures(400, 401, 403, 413, 415) }
				}
			}
		}
	};
}

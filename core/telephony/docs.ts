import { z } from 'zod';
import { code, couch, isoTime, ticketNumber as TicketNumber, username as Username } from '../schema-parts';

/**
 * The phone line's documents (issue 10). All three replicate; see core/telephony/access.ts for who reads and writes them.
 * - `phone-line` (one, id `phone-line:district`): the IVR as data, edited by administrators.
 * - `call` (`call:<CallSid>`): the call log, written by the server only.
 * - `voicemail` (`voicemail:<RecordingSid>`): a recording, its transcript and its audio (attachment `audio.wav` or
 *   `audio.mp3`), linked to a ticket; written by the server, relinked by a coordinator (duplicate).
 */

export const LANGUAGES = ['en', 'es'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

const prompt = z.string().trim().min(1).max(1000);

/**
 * Everything the line says, in one language. `{placeholders}` are filled by the flow: {opens} (the next opening, in
 * words), {name} (a person's name), {number} (a ticket number, spelled out).
 */
export const Prompts = z
	.object({
		/** Said first on every call, open or closed. */
		greeting: prompt,
		/** The main menu while the helpdesk is open. */
		menu: prompt,
		/** While closed: said instead of the menu; must name {opens}. */
		closed: prompt,
		/** The menu while closed (voicemail and emergency only). */
		closedMenu: prompt,
		/** "para español, oprima 8" (in the English prompts) or "for English, press 8" (in the Spanish ones). */
		switchLanguage: prompt,
		/** Before ringing the helpdesk or a person. */
		connecting: prompt,
		/** Asked of the person answering a call (the whisper): press 1 to accept; {name} is the caller's name or number. */
		whisper: prompt,
		/** Before recording: name, school, call-back number, the problem (procedure 000). */
		voicemail: prompt,
		/** Before recording a message for a person who did not answer; {name} is theirs. */
		personVoicemail: prompt,
		/** While ringing the on-call staff for an emergency. */
		emergency: prompt,
		/** Before recording an emergency message nobody answered. */
		emergencyVoicemail: prompt,
		/** After recording: {number} is the ticket number, spelled out one character at a time. */
		ticketNumber: prompt,
		/** A digit or extension the menu does not know. */
		invalid: prompt,
		/** The end of every call. */
		goodbye: prompt,
		/** When something failed on our side; voicemail follows. */
		apology: prompt
	})
	.strict();
export type Prompts = z.infer<typeof Prompts>;

export const PHONE_LINE_ID = 'phone-line:district';

export const PhoneLineDoc = z
	.object({
		_id: z.literal(PHONE_LINE_ID),
		type: z.literal('phone-line'),
		prompts: z.object({ en: Prompts, es: Prompts }).strict(),
		/** Rung at once for the help desk (menu 1): the level-1 coordinators. */
		helpdesk: z.array(Username).min(1).max(10),
		/** Rung at once for an emergency, and alerted by SMS, email and in-app when nobody answers. */
		onCall: z.array(Username).min(1).max(10),
		/** Where tickets from unknown callers are filed until a coordinator corrects them. */
		defaultBuilding: code,
		/** Seconds a dialled phone rings before voicemail. */
		ringSeconds: z.number().int().min(5).max(60).default(20),
		/** The longest message; Twilio transcribes up to 120 s. */
		maxRecordingSeconds: z.number().int().min(10).max(120).default(120),
		/** Days the audio is kept; the transcript stays. */
		audioRetentionDays: z.number().int().min(1).max(3650).default(90),
		/** Minutes to wait for a transcript before marking the ticket "listen to the recording". */
		transcriptWaitMinutes: z.number().int().min(1).max(120).default(10),
		updatedAt: isoTime,
		...couch
	})
	.strict();
export type PhoneLineDoc = z.infer<typeof PhoneLineDoc>;

/** A Twilio CallSid, RecordingSid or TranscriptionSid: two letters and 32 hex digits. */
export const sid = (prefix: 'CA' | 'RE' | 'TR') => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `a Twilio id starts with ${prefix} and 32 hex digits`);

export const CALL_OUTCOMES = ['in-progress', 'answered', 'voicemail', 'emergency-answered', 'emergency-voicemail', 'abandoned', 'failed'] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** One phone call: written by the server as the call goes (the call log). */
export const CallDoc = z
	.object({
		_id: z.string().regex(/^call:CA[0-9a-fA-F]{32}$/),
		type: z.literal('call'),
		callSid: sid('CA'),
		/** The number as Twilio sent it; E.164 when it could be read as one, else null (withheld, "anonymous"). */
		from: z.string().max(40),
		fromE164: z.string().regex(/^\+[1-9]\d{6,14}$/).nullable(),
		/** The directory match by phone number, or null for an unknown caller. */
		caller: Username.nullable(),
		language: Language,
		/** The steps the call took, in order: 'menu', 'helpdesk', 'extension:3448', 'voicemail', 'emergency', 'closed', ... */
		path: z.array(z.string().max(40)).max(50),
		startedAt: isoTime,
		endedAt: isoTime.nullable(),
		durationSeconds: z.number().int().min(0).nullable(),
		outcome: CallOutcome,
		/** Who answered (help desk, extension or emergency), when someone did. */
		answeredBy: Username.nullable(),
		/** The ticket the call produced (a voicemail's, or one logged by whoever answered). */
		ticket: TicketNumber.nullable(),
		/** Placed by the call simulator: left out of the call figures. */
		simulated: z.boolean().optional(),
		...couch
	})
	.strict();
export type CallDoc = z.infer<typeof CallDoc>;

export const TRANSCRIPT_STATES = ['waiting', 'done', 'none'] as const;
export const AUDIO_STATES = ['waiting', 'stored', 'failed', 'expired'] as const;

/** A voicemail: its ticket, transcript and audio. The audio is this document's attachment, so ticket sync stays light. */
export const VoicemailDoc = z
	.object({
		_id: z.string().regex(/^voicemail:RE[0-9a-fA-F]{32}$/),
		type: z.literal('voicemail'),
		recordingSid: sid('RE'),
		callSid: sid('CA'),
		/** The ticket it belongs to; a coordinator moves it to another when the ticket is a duplicate. */
		ticket: TicketNumber,
		/** The ticket it was first filed as (kept when it moves). */
		filedAs: TicketNumber,
		/** Who may play it besides coordinators: the assignee of its ticket, kept in step by the server. */
		assignee: Username.nullable(),
		/** Who was its assignee before: their devices are told to drop it (the audio, transcript and caller's number). */
		formerAssignees: z.array(Username).max(50).optional(),
		from: z.string().max(40),
		caller: Username.nullable(),
		emergency: z.boolean(),
		recordedAt: isoTime,
		durationSeconds: z.number().int().min(0).max(3600),
		transcript: z.enum(TRANSCRIPT_STATES),
		transcriptText: z.string().max(20_000).nullable(),
		audio: z.enum(AUDIO_STATES),
		/** When the audio will be deleted (retention), once stored. */
		audioExpiresAt: isoTime.nullable(),
		...couch
	})
	.strict();
export type VoicemailDoc = z.infer<typeof VoicemailDoc>;

import { type HistoryEntry, Ticket, type UserProfile } from '../schemas';
import { redactSecrets } from '../secrets';
import { appendEntries, newTicket } from '../ticket';
import { displayNumber } from './caller';
import type { PhoneLineDoc } from './docs';

/** The requester of a ticket from a caller the directory does not know: never a new account. */
export const UNKNOWN_CALLER = 'unknown-caller';
/** Who writes what the phone line files: the server itself. */
export const SYSTEM = 'system';

/** Whom a voicemail is for (as telephony/line.ts's VoicemailFor). */
export type VoicemailTarget = { kind: 'helpdesk' } | { kind: 'person'; username: string } | { kind: 'emergency' };

export interface VoicemailTicketInput {
	number: string;
	recordingSid: string;
	/** The caller's number as Twilio sent it. */
	from: string;
	caller: UserProfile | null;
	for: VoicemailTarget;
	durationSeconds: number;
	/** When the message was left. */
	at: Date;
	line: Pick<PhoneLineDoc, 'defaultBuilding'>;
	/** A person's name from their username (the one whose extension did not answer). */
	personName: (username: string) => string;
	/** The district's time zone, for the time in the description. */
	timeZone: string;
	/** Left through the call simulator (an administrator trying the line): said in the title and description. */
	simulated?: boolean;
}

/** The id of the created entry of a voicemail's ticket (also the emergency alerts' entry). */
export const voicemailEntryId = (recordingSid: string): string => `vm-${recordingSid}-created`;

function spokenLength(seconds: number): string {
	if (seconds < 60) return `${seconds}-second`;
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	return rest === 0 ? `${minutes}-minute` : `${minutes} min ${rest} s`;
}

function when(at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(at);
}

/**
 * The ticket a voicemail files, parsed with the Ticket schema. A known caller is its requester (their name, first
 * building, email); an unknown one is `unknown-caller`, named by the number. The help desk's and the emergency line's
 * messages wait unassigned in the coordinators' voicemail queue (an explicit "nobody" keeps the gateway from handing
 * them to the building's technician); a person's message is assigned to them. Emergencies are priority 1.
 */
export function voicemailTicket(input: VoicemailTicketInput): Ticket {
	const { caller, recordingSid } = input;
	const number = displayNumber(input.from);
	const now = input.at.toISOString();
	const who = caller ? caller.name : number === 'a withheld number' ? 'A caller with a withheld number' : `A caller at ${number}`;
	const target = input.for;
	const forWhom =
		target.kind === 'person' ? `for ${input.personName(target.username)}, who did not answer their extension`
		: target.kind === 'emergency' ? 'on the emergency line; nobody on call answered'
		: 'for the help desk';
	const callBack = caller ? `${caller.name} called from ${number}.` : `The caller is not in the directory: call back ${number}.`;
	const description = `${who} left a ${spokenLength(input.durationSeconds)} voicemail ${forWhom}, ${when(input.at, input.timeZone)}. ${callBack} The transcript follows when it arrives; the recording is on the voicemail.${input.simulated ? ' Made with the call simulator: nobody called.' : ''}`;
	const ticket = newTicket(
		{
			number: input.number,
			requester: caller?.username ?? UNKNOWN_CALLER,
			requesterName: caller?.name ?? (number === 'a withheld number' ? 'Caller with a withheld number' : `Caller at ${number}`),
			createdBy: SYSTEM,
			source: 'voicemail',
			title: `${input.simulated ? 'Simulated call: v' : 'V'}oicemail from ${caller?.name ?? number}`,
			description,
			building: caller?.buildings[0] ?? input.line.defaultBuilding,
			priority: target.kind === 'emergency' ? 1 : null,
			contactPhone: number === 'a withheld number' ? '' : number.slice(0, 40),
			contactEmail: caller?.email ?? '',
			assignee: target.kind === 'person' ? target.username : null
		},
		now,
		voicemailEntryId(recordingSid)
	);
	const keepInQueue: HistoryEntry[] = target.kind === 'person' ? [] : [{ id: `vm-${recordingSid}-queue`, at: now, by: SYSTEM, kind: 'set', changes: { assignee: null } }];
	return Ticket.parse(appendEntries(ticket, keepInQueue));
}

/**
 * What is kept of a transcript: trimmed, at most 20,000 characters, with any password or PIN the caller said masked
 * (callers read them out; no document records one). Empty when nothing was heard.
 */
export function keptTranscript(raw: string | null): string {
	return redactSecrets((raw ?? '').trim().slice(0, 20_000)).slice(0, 20_000);
}

/** The transcript's history entry (text as keptTranscript gives it): one per voicemail, its id the recording's, by the server. */
export function transcriptEntry(recordingSid: string, text: string, at: Date): HistoryEntry {
	return { id: `vm-${recordingSid}-transcript`, at: at.toISOString(), by: SYSTEM, kind: 'transcript', text };
}

export const NO_TRANSCRIPT_TEXT = 'No transcript arrived: listen to the recording.';

/** The note left when no transcript came (it failed, or none arrived in time): one per voicemail. */
export function noTranscriptEntry(recordingSid: string, at: Date): HistoryEntry {
	return { id: `vm-${recordingSid}-no-transcript`, at: at.toISOString(), by: SYSTEM, kind: 'note', text: NO_TRANSCRIPT_TEXT };
}

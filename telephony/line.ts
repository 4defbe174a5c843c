import type { BusinessCalendar } from '../core/sla/calendar';
import type { Building, UserProfile } from '../core/schemas';
import type { CallOutcome, Language, PhoneLineDoc } from '../core/telephony/docs';

/**
 * The phone line's side effects, as the webhook handlers (telephony/app.ts) apply them. Implemented by
 * telephony/pipeline/ over the store; every method is idempotent under Twilio's retries and replays.
 */
export interface LineSetup {
	line: PhoneLineDoc;
	/** Active people of the directory. */
	people: UserProfile[];
	buildings: Building[];
	/** The district calendar (business hours), or null before an administrator sets it: then the line is always open. */
	calendar: BusinessCalendar | null;
}

/** Whom a voicemail is for: the help desk's queue, a person who did not answer their extension, or the on-call staff. */
export type VoicemailFor = { kind: 'helpdesk' } | { kind: 'person'; username: string } | { kind: 'emergency' };

export interface CallUpdate {
	step?: string;
	language?: Language;
	outcome?: CallOutcome;
	answeredBy?: string | null;
}

export interface RecordingFacts {
	callSid: string;
	recordingSid: string;
	/** The caller's number as Twilio sent it (From). */
	from: string;
	/** The number the caller dialled (To), on the recording's action request; the status callback carries none. */
	dialled?: string;
	durationSeconds: number;
	language: Language;
	for: VoicemailFor;
	at: Date;
}

export interface PhoneLine {
	/** The line's data, read through a cache the feed keeps fresh. */
	setup(): Promise<LineSetup>;
	/** Matches the caller to the directory by phone number, and records the call once per CallSid (written after the answer). */
	callStarted(call: { callSid: string; from: string; to: string; at: Date }): Promise<{ caller: UserProfile | null }>;
	/** Adds a step, the language, the outcome or who answered to the call log, after the call’s earlier steps; the webhooks do not wait for it. */
	callStep(callSid: string, update: CallUpdate): Promise<void>;
	/** Files the voicemail's ticket at once (once per RecordingSid: a replay returns the same number) and queues the audio. */
	fileVoicemail(recording: RecordingFacts): Promise<{ ticket: string }>;
	/** Twilio's recordingStatusCallback: files the voicemail too when the action request never came. */
	recordingStatus(recording: RecordingFacts & { status: string }): Promise<void>;
	/** Twilio's transcribeCallback; may come before the voicemail is filed. */
	transcription(t: { recordingSid: string; transcriptionSid: string; status: string; text: string | null; at: Date }): Promise<void>;
	/** Twilio's call status callback (completed, no-answer, busy, failed, canceled). */
	callStatus(s: { callSid: string; status: string; durationSeconds: number | null; at: Date }): Promise<void>;
}

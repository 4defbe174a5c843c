import { z } from 'zod';
import type { BusinessCalendar } from '../sla/calendar';
import { username } from '../schema-parts';
import type { UserProfile } from '../schemas';
import { Language, type PhoneLineDoc, sid } from './docs';

/**
 * A call's state between webhook requests: carried in the query of every URL the line hands Twilio, so the server keeps
 * no session. Characters are limited to what survives signing unchanged (no `'`, twilio-node #1183).
 */
export const VOICEMAIL_FOR = ['helpdesk', 'person', 'emergency'] as const;
/** The longest caller address the state carries (a SIP From such as sip:+13035550142@district.sip.twilio.com fits). */
export const MAX_FROM = 200;

export const CallState = z
	.object({
		lang: Language.catch('en').default('en'),
		/** Whose voicemail a recording (or whose phones a dial) is for. */
		for: z.enum(VOICEMAIL_FOR).optional().catch(undefined),
		/** The person dialled or left a message for (extension). */
		to: username.optional().catch(undefined),
		/** The caller, when the directory knows their number: the whisper names them. */
		caller: username.optional().catch(undefined),
		/** Rounds of the menu without a choice, and wrong choices, so far. */
		tries: z.coerce.number().int().min(0).max(9).catch(0).default(0),
		/** The caller's call (a whisper runs on the dialled person's leg, whose CallSid is another). */
		call: sid('CA').optional().catch(undefined),
		/** The caller's number, for the recording callbacks (Twilio sends them no From); a SIP caller's address can be long. */
		from: z.string().max(MAX_FROM).optional().catch(undefined)
	})
	// Unknown query parameters are dropped, not refused, and a field that does not parse is dropped alone: the rest of the
	// state (an emergency, a person's voicemail) still holds.
	.strip();
export type CallState = z.infer<typeof CallState>;
export type CallStateInput = z.input<typeof CallState>;

/** What a flow step reads: the line's set-up, the directory and the district calendar (null: always open). */
export interface FlowSetup {
	line: PhoneLineDoc;
	people: UserProfile[];
	calendar: BusinessCalendar | null;
}

const ORDER: (keyof CallState)[] = ['lang', 'for', 'to', 'caller', 'tries', 'call', 'from'];

/** A path under /telephony with the call's state as its query (zero tries and absent fields left out). */
export function flowUrl(route: string, state: Partial<CallState>): string {
	const query = new URLSearchParams();
	for (const key of ORDER) {
		const value = state[key];
		if (value === undefined || (key === 'tries' && value === 0)) continue;
		query.set(key, String(value));
	}
	const text = query.toString();
	return `/telephony/${route}${text ? `?${text}` : ''}`;
}

/** The state a voicemail's URLs carry: who it is for, in which language, from which number. */
export function recordingState(state: CallState): Partial<CallState> {
	return { lang: state.lang, for: state.for ?? 'helpdesk', to: state.for === 'person' ? state.to : undefined, from: state.from };
}

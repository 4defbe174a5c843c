import type { OutageDoc } from './outage/outage';
import type { Ticket, UserProfile } from './schemas';

export type RefusalCode =
	| 'not-in-scope'
	| 'not-allowed'
	| 'bad-transition'
	| 'fixed-field'
	| 'history-rewritten'
	| 'wrong-author'
	| 'fields-out-of-sync'
	| 'bad-time'
	| 'needs-note'
	| 'not-staff';

/** Why a write was refused, in words the person can act on. */
export interface Refusal {
	code: RefusalCode;
	reason: string;
}

/** A refusal with its code and reason. */
export const refuse = (code: RefusalCode, reason: string): Refusal => ({ code, reason });

/** What a write is judged against besides the documents: the time, and the people it names. */
export interface WriteContext {
	/** The judge's clock: the server's when it stores, the device's when it pre-checks. */
	now: Date;
	/** A person named by the write (an assignee, an escalation target), or undefined when nobody has that username. */
	person(username: string): Pick<UserProfile, 'role' | 'active'> | undefined;
	/** The outage a write names (a "me too"), or undefined when there is none by that id. */
	outage?(id: string): OutageDoc | undefined;
	/** The ticket a write points at by number (a voicemail moved to it), or undefined when there is none. */
	ticket?(number: string): Ticket | undefined;
}

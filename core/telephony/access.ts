import { refuse, type Refusal, type WriteContext } from '../refusal';
import { type Actor, isCoordinator, isStaff } from '../roles';
import { isOpen } from '../workflow';
import type { CallDoc, PhoneLineDoc, VoicemailDoc } from './docs';
import { phoneLineProblem } from './phone-line-rules';

/** Technology staff see the phone line's set-up (who is rung, the prompts); requesters have no use for it. */
export function canReadPhoneLine(actor: Pick<Actor, 'role'>): boolean {
	return isStaff(actor);
}

/** Coordinators see every call; a technician sees the calls they answered. */
export function canReadCall(actor: Pick<Actor, 'role' | 'username'>, call: Pick<CallDoc, 'answeredBy'>): boolean {
	return isCoordinator(actor) || call.answeredBy === actor.username;
}

/** Coordinators play every voicemail; a technician plays those of the tickets assigned to them. */
export function canReadVoicemail(actor: Pick<Actor, 'role' | 'username'>, voicemail: Pick<VoicemailDoc, 'assignee'>): boolean {
	return isCoordinator(actor) || voicemail.assignee === actor.username;
}

/** Only administrators set up the phone line, and only one the flow can speak and ring (see phone-line-rules.ts). */
export function canWritePhoneLine(actor: Pick<Actor, 'role'>, _old: PhoneLineDoc | null, next: PhoneLineDoc | null, ctx: Pick<WriteContext, 'person'>): Refusal | null {
	if (actor.role !== 'admin') return refuse('not-allowed', 'Only administrators change the phone line’s menu and who it rings.');
	const problem = next ? phoneLineProblem(next, ctx.person) : null;
	return problem ? refuse('not-allowed', problem) : null;
}

/** The call log is the phone line's own record: no device writes it. */
export function canWriteCall(): Refusal | null {
	return refuse('not-allowed', 'The call log is written by the phone line; log what you did on the ticket instead.');
}

/**
 * A voicemail is filed by the phone line. A coordinator may move it to another ticket (the ticket it duplicates),
 * and nothing else: the recording, transcript and caller are what the phone line heard.
 */
export function canWriteVoicemail(
	actor: Pick<Actor, 'role'>,
	old: VoicemailDoc | null,
	next: VoicemailDoc | null,
	ctx: Pick<WriteContext, 'ticket'>
): Refusal | null {
	if (!old || !next) return refuse('not-allowed', 'Voicemails are filed and removed by the phone line.');
	if (!isCoordinator(actor)) return refuse('not-allowed', 'Only coordinators move a voicemail to another ticket.');
	const { ticket: _t1, _rev: _r1, _revisions: _v1, _attachments: _a1, ...before } = old;
	const { ticket: _t2, _rev: _r2, _revisions: _v2, _attachments: _a2, ...after } = next;
	if (JSON.stringify(before) !== JSON.stringify(after))
		return refuse('fixed-field', 'A voicemail’s recording, transcript and caller stay as the phone line heard them; only the ticket it belongs to can change.');
	return next.ticket === old.ticket ? null : moveTargetRefusal(next.ticket, ctx);
}

/** A voicemail moves only to a ticket that exists and is still open: the one its caller's problem is being worked on. */
function moveTargetRefusal(number: string, ctx: Pick<WriteContext, 'ticket'>): Refusal | null {
	const target = ctx.ticket?.(number);
	if (!target) return refuse('not-allowed', `There is no ticket ${number}: check the number of the ticket this voicemail duplicates.`);
	if (!isOpen(target.status))
		return refuse('not-allowed', `Ticket ${number} is ${target.status}: move the voicemail to an open ticket, or reopen ${number} first.`);
	return null;
}

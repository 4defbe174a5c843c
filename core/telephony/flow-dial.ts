import type { UserProfile } from '../schemas';
import type { Language } from './docs';
import { dialTarget } from './dial-targets';
import { type CallState, type FlowSetup, flowUrl } from './flow-state';
import { type StepResult, leaveMessage, logStep, personName } from './flow-voicemail';
import { fillPrompt, phoneNumberWords } from './speech';
import type { DialTarget, Verb } from './twiml';

/** Seconds a dialled person has to press 1 after the whisper. */
const WHISPER_SECONDS = 6;

/** The people a dial rings: the help desk, the on-call staff, or the one person whose extension was dialled. */
function candidates(setup: FlowSetup, state: CallState): UserProfile[] {
	const names = state.for === 'helpdesk' ? setup.line.helpdesk : state.for === 'emergency' ? setup.line.onCall : state.to ? [state.to] : [];
	return names.flatMap((name) => setup.people.filter((p) => p.username === name && p.active !== false));
}

function targetsOf(people: UserProfile[]): DialTarget[] {
	const seen = new Set<string>();
	return people.flatMap((p) => {
		const target = dialTarget(p.phone);
		const key = target && JSON.stringify(target);
		if (!target || !key || seen.has(key)) return [];
		seen.add(key);
		return [target];
	});
}

/**
 * Rings the help desk (for=helpdesk), the on-call staff (for=emergency) or a person (for=person, to=username) at once;
 * each phone hears the whisper and must press 1, so a cell phone's own voicemail cannot take the call. With no phone
 * to ring, the caller goes straight to the message.
 */
export function ring(setup: FlowSetup, state: CallState, callSid: string): StepResult {
	const prompts = setup.line.prompts[state.lang];
	const step = state.for === 'person' ? `extension:${state.to}` : (state.for ?? 'helpdesk');
	const targets = targetsOf(candidates(setup, state));
	if (targets.length === 0) {
		const message = leaveMessage(setup, state);
		return { twiml: message.twiml, effects: [logStep(step), logStep('no-phone'), ...message.effects] };
	}
	const where = { lang: state.lang, for: state.for, to: state.for === 'person' ? state.to : undefined, caller: state.caller };
	const twiml: Verb[] = [
		{ verb: 'say', text: state.for === 'emergency' ? prompts.emergency : prompts.connecting, language: state.lang },
		{
			verb: 'dial',
			action: flowUrl('dial-done', where),
			timeoutSeconds: setup.line.ringSeconds,
			targets,
			whisperUrl: flowUrl('whisper', { ...where, call: callSid })
		}
	];
	return { twiml, effects: [logStep(step)] };
}

/**
 * Said to the person who picked up (on their leg of the call): who is calling, and press 1 to take it; twice, the second
 * time in English when the caller chose Spanish (the staff may not speak it, and must still know to press 1).
 */
export function whisper(setup: FlowSetup, state: CallState, callerNumber: string): StepResult {
	const name = state.caller ? personName(setup, state.caller) : phoneNumberWords(callerNumber);
	const said = (lang: Language) => ({ verb: 'say' as const, text: fillPrompt(setup.line.prompts[lang].whisper, { name }), language: lang });
	return {
		twiml: [
			{
				verb: 'gather',
				action: flowUrl('whisper-done', { lang: state.lang, for: state.for, to: state.to, caller: state.caller, call: state.call }),
				numDigits: 1,
				timeoutSeconds: WHISPER_SECONDS,
				prompts: [said(state.lang), { verb: 'pause', seconds: 1 }, said('en')]
			},
			{ verb: 'hangup' }
		],
		effects: []
	};
}

/** Who among the rung people answered on the number `dialled` (the whisper leg's To). */
function answerer(setup: FlowSetup, state: CallState, dialled: string): string | null {
	const target = dialTarget(dialled);
	if (!target) return null;
	const key = JSON.stringify(target);
	return candidates(setup, state).find((p) => JSON.stringify(dialTarget(p.phone)) === key)?.username ?? null;
}

/** The dialled person's key: 1 takes the call (an empty answer bridges it); anything else hangs up their leg only. */
export function whisperAnswered(setup: FlowSetup, state: CallState, digits: string | null, dialled: string): StepResult {
	if (digits !== '1') return { twiml: [{ verb: 'hangup' }], effects: [] };
	const who = state.for === 'person' ? (state.to ?? null) : answerer(setup, state, dialled);
	return {
		twiml: [],
		effects: [logStep(`answered${who ? `:${who}` : ''}`, { outcome: state.for === 'emergency' ? 'emergency-answered' : 'answered', answeredBy: who })]
	};
}

/**
 * The end of a dial: someone took the call (Twilio's DialCallStatus `completed` or `answered`, and not reported
 * unbridged), so the call ends; or nobody did, and the caller leaves a message for whoever was rung.
 */
export function dialEnded(setup: FlowSetup, state: CallState, dial: { status: string; bridged: string | null }): StepResult {
	const answered = (dial.status === 'completed' || dial.status === 'answered') && dial.bridged !== 'false';
	if (answered) return { twiml: [{ verb: 'hangup' }], effects: [logStep('ended')] };
	const message = leaveMessage(setup, state);
	return { twiml: message.twiml, effects: [logStep('no-answer'), ...message.effects] };
}

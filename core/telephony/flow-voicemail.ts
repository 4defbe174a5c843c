import type { CallOutcome, Language, Prompts } from './docs';
import { type CallState, type FlowSetup, flowUrl, recordingState } from './flow-state';
import { fillPrompt, sayPrompt } from './speech';
import type { Verb } from './twiml';

/** What a step asks the handler to write to the call log (telephony/line.ts `callStep`). */
export type Effect = { kind: 'step'; update: { step?: string; language?: Language; outcome?: CallOutcome; answeredBy?: string | null } };

/** A flow step's answer: the TwiML to send back, and what to log. */
export interface StepResult {
	twiml: Verb[];
	effects: Effect[];
}

/** A log entry: one step of the call's path, with more facts when there are. */
export const logStep = (step: string, more: Omit<Effect['update'], 'step'> = {}): Effect => ({ kind: 'step', update: { step, ...more } });

const say = (text: string, language: Language): Verb => ({ verb: 'say', text, language });

/** The recording and what follows it: Twilio requests `action` once the caller stops, or goes on to goodbye when nothing was said. */
function record(state: CallState, maxLengthSeconds: number, prompts: Prompts): Verb[] {
	const where = recordingState(state);
	return [
		{
			verb: 'record',
			action: flowUrl('recorded', where),
			maxLengthSeconds,
			recordingStatusCallback: flowUrl('recording-status', where),
			transcribeCallback: flowUrl('transcription', where),
			finishOnKey: '#'
		},
		say(prompts.goodbye, state.lang),
		{ verb: 'hangup' }
	];
}

/** The person's name, or their username when the directory has no such person any more. */
export function personName(setup: FlowSetup, username: string | undefined): string {
	return setup.people.find((p) => p.username === username)?.name ?? username ?? '';
}

/** Asks for a message (the help desk's, a person's, or an emergency's) and records it. */
export function leaveMessage(setup: FlowSetup, state: CallState): StepResult {
	const prompts = setup.line.prompts[state.lang];
	const forWhom = state.for ?? 'helpdesk';
	const prompt =
		forWhom === 'person'
			? fillPrompt(prompts.personVoicemail, { name: personName(setup, state.to) })
			: forWhom === 'emergency'
				? prompts.emergencyVoicemail
				: prompts.voicemail;
	const step = forWhom === 'person' ? `voicemail:${state.to}` : forWhom === 'emergency' ? 'emergency-voicemail' : 'voicemail';
	return {
		twiml: [say(prompt, state.lang), ...record({ ...state, for: forWhom }, setup.line.maxRecordingSeconds, prompts)],
		effects: [logStep(step)]
	};
}

/** After the recording: the ticket number, spelled twice, and goodbye. */
export function messageSaved(setup: FlowSetup, state: CallState, ticket: string): StepResult {
	const prompts = setup.line.prompts[state.lang];
	const outcome: CallOutcome = state.for === 'emergency' ? 'emergency-voicemail' : 'voicemail';
	return {
		twiml: [...sayPrompt(prompts.ticketNumber, state.lang, {}, ticket), say(prompts.goodbye, state.lang), { verb: 'hangup' }],
		effects: [logStep('recorded', { outcome })]
	};
}

/** When a handler failed: an apology, then a message for the help desk, so the caller never hears Twilio's error. */
export function apology(prompts: Prompts, maxRecordingSeconds: number, state: CallState): StepResult {
	return {
		twiml: [say(prompts.apology, state.lang), ...record({ ...state, for: 'helpdesk', to: undefined }, maxRecordingSeconds, prompts)],
		effects: [logStep('apology')]
	};
}

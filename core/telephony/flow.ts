import { compileCalendar, isOpen, nextOpening } from '../sla/business-time';
import type { Language } from './docs';
import { ring } from './flow-dial';
import { type CallState, type FlowSetup, flowUrl } from './flow-state';
import { type Effect, type StepResult, leaveMessage, logStep } from './flow-voicemail';
import { fillPrompt, openingWords } from './speech';
import type { Pause, Say, Verb } from './twiml';

/**
 * The IVR's menu, as pure steps: (set-up, call state, input, now) → TwiML and what to log.
 *
 * Choice and extension share one <Gather>: up to 4 digits, ended by `#` or by 3 s without a key. One digit is a menu
 * choice (1 help desk, 2 message, 8 the other language, 9 emergency); two or more are an extension (4 digits send at
 * once). No choice three rounds running, or three wrong ones, goes where a caller who cannot press keys needs: the help
 * desk while open, a message while closed.
 */

export const MENU_DIGITS = 4;
export const MENU_TIMEOUT_SECONDS = 3;
export const MAX_TRIES = 3;

export type Opening = { open: true } | { open: false; opens: number | null };

/** Whether the help desk is open at `now` by the district calendar (none: always open), and when it opens if not. */
export function opening(setup: FlowSetup, now: number): Opening {
	if (!setup.calendar) return { open: true };
	const cal = compileCalendar(setup.calendar);
	if (isOpen(cal, now)) return { open: true };
	try {
		return { open: false, opens: nextOpening(cal, now) };
	} catch {
		// A calendar with no opening in twenty years: still closed, the prompt just cannot name the day.
		return { open: false, opens: null };
	}
}

const say = (text: string, language: Language): Say => ({ verb: 'say', text, language });

/** The menu (open or closed) as a gather, then a redirect counting a round without a choice. */
function menu(setup: FlowSetup, state: CallState, hours: Opening, before: (Say | Pause)[] = []): Verb[] {
	const prompts = setup.line.prompts[state.lang];
	const where = { lang: state.lang, caller: state.caller };
	return [
		{
			verb: 'gather',
			action: flowUrl('menu', { ...where, tries: state.tries }),
			numDigits: MENU_DIGITS,
			finishOnKey: '#',
			timeoutSeconds: MENU_TIMEOUT_SECONDS,
			prompts: [...before, say(hours.open ? prompts.menu : prompts.closedMenu, state.lang), say(prompts.switchLanguage, state.lang)]
		},
		{ verb: 'redirect', url: flowUrl('menu', { ...where, tries: state.tries + 1 }) }
	];
}

function closedWords(setup: FlowSetup, state: CallState, hours: Opening, now: number): Say[] {
	if (hours.open || !setup.calendar) return [];
	const opens = hours.opens === null ? '' : openingWords(hours.opens, now, setup.calendar.timeZone, state.lang);
	return [say(fillPrompt(setup.line.prompts[state.lang].closed, { opens }), state.lang)];
}

/** A new call: the greeting, then the menu, or while closed the closed message naming the next opening and the closed menu. */
export function answer(setup: FlowSetup, state: CallState, now: number): StepResult {
	const hours = opening(setup, now);
	const greeting = [say(setup.line.prompts[state.lang].greeting, state.lang), ...closedWords(setup, state, hours, now)];
	return { twiml: menu(setup, state, hours, greeting), effects: [logStep(hours.open ? 'menu' : 'closed', { language: state.lang })] };
}

/** A person reachable on this extension (active, in the directory). */
function byExtension(setup: FlowSetup, digits: string) {
	return setup.people.find((p) => p.extension === digits && p.active !== false) ?? null;
}

/** Where a caller goes who made no usable choice: the help desk while open, a message while closed. */
function fallBack(setup: FlowSetup, state: CallState, hours: Opening, callSid: string, before: Effect[]): StepResult {
	const next = hours.open ? ring(setup, { ...state, for: 'helpdesk' }, callSid) : leaveMessage(setup, { ...state, for: 'helpdesk' });
	return { twiml: next.twiml, effects: [...before, ...next.effects] };
}

/** The caller's keys at the menu; null when a round ended without any (the redirect after the gather). */
export function choose(setup: FlowSetup, state: CallState, digits: string | null, callSid: string, now: number): StepResult {
	const hours = opening(setup, now);
	const prompts = setup.line.prompts[state.lang];
	const keys = (digits ?? '').replace(/[^0-9]/g, '');
	if (keys === '') {
		if (state.tries >= MAX_TRIES) return fallBack(setup, state, hours, callSid, [logStep('no-choice')]);
		return { twiml: menu(setup, state, hours), effects: [] };
	}
	if (keys === '8') {
		const lang: Language = state.lang === 'en' ? 'es' : 'en';
		return { twiml: menu(setup, { ...state, lang, tries: 0 }, hours), effects: [logStep(`language:${lang}`, { language: lang })] };
	}
	if (keys === '2') return leaveMessage(setup, { ...state, for: 'helpdesk' });
	if (keys === '9') return ring(setup, { ...state, for: 'emergency' }, callSid);
	if (keys === '1' && hours.open) return ring(setup, { ...state, for: 'helpdesk' }, callSid);
	const person = keys.length >= 2 ? byExtension(setup, keys) : null;
	if (person) {
		const forPerson = { ...state, for: 'person' as const, to: person.username };
		if (hours.open) return ring(setup, forPerson, callSid);
		const message = leaveMessage(setup, forPerson);
		return { twiml: message.twiml, effects: [logStep(`extension:${person.username}`), ...message.effects] };
	}
	const invalid = logStep(`invalid:${keys.slice(0, 6)}`);
	if (state.tries + 1 >= MAX_TRIES) return fallBack(setup, state, hours, callSid, [invalid]);
	return { twiml: menu(setup, { ...state, tries: state.tries + 1 }, hours, [say(prompts.invalid, state.lang)]), effects: [invalid] };
}

import { isStaff } from '../roles';
import type { UserProfile } from '../schemas';
import type { Language, PhoneLineDoc, Prompts } from './docs';

/** The {placeholders} the flow fills in each prompt; every other prompt is said word for word. */
export const PROMPT_PLACEHOLDERS: Partial<Record<keyof Prompts, { required: readonly string[]; allowed: readonly string[] }>> = {
	closed: { required: ['opens'], allowed: ['opens'] },
	whisper: { required: [], allowed: ['name'] },
	personVoicemail: { required: [], allowed: ['name'] },
	ticketNumber: { required: ['number'], allowed: ['number'] }
};

const LANGUAGE_WORDS: Record<Language, string> = { en: 'English', es: 'Spanish' };

/** Each prompt's name as the administrator's phone line page labels it. */
const PROMPT_NAMES: Record<keyof Prompts, string> = {
	greeting: 'Greeting',
	menu: 'Menu (open)',
	closed: 'Closed',
	closedMenu: 'Menu (closed)',
	switchLanguage: 'Other language',
	connecting: 'Connecting',
	whisper: 'Whisper',
	voicemail: 'Voicemail',
	personVoicemail: 'Personal voicemail',
	emergency: 'Emergency',
	emergencyVoicemail: 'Emergency voicemail',
	ticketNumber: 'Ticket number',
	invalid: 'Not understood',
	goodbye: 'Goodbye',
	apology: 'Apology'
};

/** What is wrong with one prompt's {placeholders}, in words for the administrator, or null. */
export function promptPlaceholderProblem(key: keyof Prompts, language: Language, text: string): string | null {
	const { required, allowed } = PROMPT_PLACEHOLDERS[key] ?? { required: [], allowed: [] };
	const used = [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
	const where = `The ${LANGUAGE_WORDS[language]} “${PROMPT_NAMES[key] ?? key}” prompt`;
	const unknown = used.find((name) => !allowed.includes(name));
	if (unknown !== undefined)
		return allowed.length
			? `${where} says {${unknown}}, which the line cannot fill: it may only use ${allowed.map((a) => `{${a}}`).join(', ')}.`
			: `${where} says {${unknown}}, which the line cannot fill: remove the braces.`;
	const missing = required.find((name) => !used.includes(name));
	return missing ? `${where} must say {${missing}} where the line speaks ${missing === 'opens' ? 'the next opening time' : 'the ticket number'}.` : null;
}

/** Whether `username` can be rung by the line: an active member of the technology staff. */
function ringRefusal(username: string, list: string, person: PersonLookup): string | null {
	const found = person(username);
	if (!found) return `${list}: nobody has the username ${username}.`;
	if (!isStaff(found)) return `${list}: ${username} is not on the technology staff, so the line cannot ring them.`;
	if (!found.active) return `${list}: ${username}’s account is no longer active; take them off the list.`;
	return null;
}

type PersonLookup = (username: string) => Pick<UserProfile, 'role' | 'active'> | undefined;

/**
 * What makes a phone line unusable, in words for the administrator, or null: a prompt the flow cannot fill (the ticket
 * number and the next opening must be said; no unknown {placeholders}), or someone rung who is not active technology staff.
 */
export function phoneLineProblem(line: Pick<PhoneLineDoc, 'prompts' | 'helpdesk' | 'onCall'>, person: PersonLookup): string | null {
	for (const language of ['en', 'es'] as const) {
		for (const [key, text] of Object.entries(line.prompts[language]) as [keyof Prompts, string][]) {
			const problem = promptPlaceholderProblem(key, language, text);
			if (problem) return problem;
		}
	}
	for (const username of line.helpdesk) {
		const problem = ringRefusal(username, 'Help desk phones', person);
		if (problem) return problem;
	}
	for (const username of line.onCall) {
		const problem = ringRefusal(username, 'On-call people', person);
		if (problem) return problem;
	}
	return null;
}

import { PhoneLineDoc, type Prompts } from '$core/telephony/docs';
import type { UserProfile } from '$core/schemas';

/** What each prompt is for, in the administrator's words, in the order a call meets them. */
export const PROMPT_LABELS: Record<keyof Prompts, { label: string; hint: string }> = {
	greeting: { label: 'Greeting', hint: 'Said first on every call, open or closed.' },
	menu: { label: 'Menu (open)', hint: 'The choices while the help desk is open.' },
	switchLanguage: { label: 'Other language', hint: 'How to switch language (press 8).' },
	closed: { label: 'Closed', hint: 'Said instead of the menu after hours; {opens} is the next opening.' },
	closedMenu: { label: 'Menu (closed)', hint: 'The choices after hours: voicemail and emergency.' },
	connecting: { label: 'Connecting', hint: 'Before ringing the help desk or a person.' },
	whisper: { label: 'Whisper', hint: 'Heard by the person answering: press 1 to accept; {name} is the caller.' },
	voicemail: { label: 'Voicemail', hint: 'Before recording: name, school, call-back number and the problem.' },
	personVoicemail: { label: 'Personal voicemail', hint: 'When a person did not answer; {name} is theirs.' },
	emergency: { label: 'Emergency', hint: 'While ringing the on-call staff.' },
	emergencyVoicemail: { label: 'Emergency voicemail', hint: 'When no on-call person answered.' },
	ticketNumber: { label: 'Ticket number', hint: 'After recording; {number} is spelled out one character at a time.' },
	invalid: { label: 'Not understood', hint: 'A digit or extension the menu does not know.' },
	goodbye: { label: 'Goodbye', hint: 'The end of every call.' },
	apology: { label: 'Apology', hint: 'When something failed on our side; voicemail follows.' }
};

const LANGUAGE_WORDS = { en: 'English', es: 'Spanish' } as const;
const FIELD_WORDS: Record<string, string> = {
	helpdesk: 'Help desk phones',
	onCall: 'On-call people',
	defaultBuilding: 'Building for unknown callers',
	ringSeconds: 'Ring time',
	maxRecordingSeconds: 'Longest message',
	audioRetentionDays: 'Keep recordings',
	transcriptWaitMinutes: 'Wait for a transcript'
};

type Issue = { path: PropertyKey[]; code: string; minimum?: unknown; maximum?: unknown };

/** A schema problem of the phone-line form, in words naming the field. */
export function phoneLineIssueWords(issue: Issue): string {
	const [first, language, key] = issue.path;
	const field =
		first === 'prompts' && (language === 'en' || language === 'es') && typeof key === 'string' && key in PROMPT_LABELS
			? `The ${LANGUAGE_WORDS[language]} “${PROMPT_LABELS[key as keyof Prompts].label}” prompt`
			: `“${FIELD_WORDS[String(first)] ?? String(first)}”`;
	if (issue.code === 'too_small' && typeof issue.minimum === 'number')
		return first === 'prompts' ? `${field} is empty: write what the line says.` : `${field} needs at least ${issue.minimum}.`;
	if (issue.code === 'too_big' && typeof issue.maximum === 'number') return `${field} can be at most ${issue.maximum}.`;
	return `${field} is not valid.`;
}

/** The edited phone line as it would be saved (updated now), or what is wrong with it in words. */
export function phoneLineToSave(draft: PhoneLineDoc, now: Date): { doc: PhoneLineDoc } | { problem: string } {
	const parsed = PhoneLineDoc.safeParse({ ...draft, updatedAt: now.toISOString() });
	return parsed.success ? { doc: parsed.data } : { problem: phoneLineIssueWords(parsed.error.issues[0] as Issue) };
}

/** Whether a person can be rung: the directory has a phone number or an extension for them. */
export function ringable(person: Pick<UserProfile, 'phone' | 'extension'>): boolean {
	return !!(person.phone?.trim() || person.extension?.trim());
}

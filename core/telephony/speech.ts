import { Temporal } from 'temporal-polyfill';
import type { Language } from './docs';
import type { Pause, Say } from './twiml';

/**
 * What the line says, as Say and Pause verbs: ticket numbers spelled for a caller writing them down, the next opening
 * in words, and prompts with their {placeholders} filled.
 */

const DASH: Record<Language, string> = { en: 'dash', es: 'guion' };
const AGAIN: Record<Language, string> = { en: 'Once more:', es: 'Otra vez:' };

/**
 * A ticket number read one character at a time with a one-second pause after each, then once more: a caller writing
 * it down hears every character twice.
 */
export function spellTicketNumber(number: string, language: Language): (Say | Pause)[] {
	const once = [...number].flatMap((char): (Say | Pause)[] => [
		{ verb: 'say', text: char === '-' ? DASH[language] : char, language },
		{ verb: 'pause', seconds: 1 }
	]);
	return [...once, { verb: 'say', text: AGAIN[language], language }, { verb: 'pause', seconds: 1 }, ...once];
}

/** A phone number read digit by digit in groups ("3 0 3, 5 5 5, 0 1 4 2"), for a whisper naming an unknown caller. */
export function phoneNumberWords(number: string): string {
	const digits = number.replace(/\D/g, '');
	if (digits.length === 0) return number;
	const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	const groups = national.length === 10 ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)] : [national];
	return groups.map((g) => [...g].join(' ')).join(', ');
}

const WEEKDAYS: Record<Language, string[]> = {
	en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
	es: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']
};
const MONTHS: Record<Language, string[]> = {
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
	es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre']
};

function clockWords(hour: number, minute: number, language: Language): string {
	const h12 = hour % 12 || 12;
	const time = minute === 0 ? `${h12}` : `${h12}:${String(minute).padStart(2, '0')}`;
	if (language === 'en') return `${time} ${hour < 12 ? 'AM' : 'PM'}`;
	const part = hour < 12 ? 'de la mañana' : hour < 20 ? 'de la tarde' : 'de la noche';
	return `${h12 === 1 ? 'la' : 'las'} ${time} ${part}`;
}

/**
 * When the help desk opens next, in words a caller hears, in the district's zone: "today at 1 PM", "tomorrow at
 * 7 AM", "Monday at 7:30 AM" within a week, "Monday, January 4 at 7 AM" further off; in Spanish "mañana a las 7 de
 * la mañana", "el lunes 4 de enero a la 1 de la tarde".
 */
export function openingWords(opens: number, now: number, timeZone: string, language: Language): string {
	const local = Temporal.Instant.fromEpochMilliseconds(opens).toZonedDateTimeISO(timeZone);
	const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(timeZone).toPlainDate();
	const days = today.until(local.toPlainDate(), { largestUnit: 'days' }).days;
	const time = clockWords(local.hour, local.minute, language);
	const weekday = WEEKDAYS[language][local.dayOfWeek - 1];
	const month = MONTHS[language][local.month - 1];
	if (language === 'en') {
		const day = days <= 0 ? 'today' : days === 1 ? 'tomorrow' : days <= 6 ? weekday : `${weekday}, ${month} ${local.day}`;
		return `${day} at ${time}`;
	}
	const day = days <= 0 ? 'hoy' : days === 1 ? 'mañana' : days <= 6 ? `el ${weekday}` : `el ${weekday} ${local.day} de ${month}`;
	return `${day} a ${time}`;
}

/** A prompt with its {placeholders} filled; a placeholder without a value is left out. */
export function fillPrompt(text: string, values: Record<string, string>): string {
	return text.replace(/\{(\w+)\}/g, (_all, key: string) => values[key] ?? '').replace(/\s{2,}/g, ' ').trim();
}

/** A prompt as Say verbs, with a spelled ticket number where it says {number}. */
export function sayPrompt(text: string, language: Language, values: Record<string, string> = {}, number?: string): (Say | Pause)[] {
	const parts = number === undefined ? [text] : text.split('{number}');
	return parts.flatMap((part, i): (Say | Pause)[] => {
		const said = fillPrompt(part, values);
		const verbs: (Say | Pause)[] = said ? [{ verb: 'say', text: said, language }] : [];
		return i < parts.length - 1 && number !== undefined ? [...verbs, ...spellTicketNumber(number, language)] : verbs;
	});
}

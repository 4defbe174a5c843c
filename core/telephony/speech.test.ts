import { describe, expect, it } from 'vitest';
import { fillPrompt, openingWords, phoneNumberWords, sayPrompt, spellTicketNumber } from './speech';

const DENVER = 'America/Denver';
// Monday 7 December 2026, 18:00 in Denver (MST, UTC-7).
const NOW = Date.parse('2026-12-08T01:00:00Z');

describe('spellTicketNumber', () => {
	it('reads each character alone with a pause after it, then says the whole number once more', () => {
		const one = [
			{ verb: 'say', text: 'K', language: 'en' },
			{ verb: 'pause', seconds: 1 },
			{ verb: 'say', text: '7', language: 'en' },
			{ verb: 'pause', seconds: 1 },
			{ verb: 'say', text: 'dash', language: 'en' },
			{ verb: 'pause', seconds: 1 },
			{ verb: 'say', text: 'Q', language: 'en' },
			{ verb: 'pause', seconds: 1 }
		];
		expect(spellTicketNumber('K7-Q', 'en')).toEqual([...one, { verb: 'say', text: 'Once more:', language: 'en' }, { verb: 'pause', seconds: 1 }, ...one]);
	});

	it('says the dash and "once more" in Spanish', () => {
		const texts = spellTicketNumber('KMN-2AB', 'es').flatMap((v) => (v.verb === 'say' ? [v.text] : []));
		expect(texts).toEqual(['K', 'M', 'N', 'guion', '2', 'A', 'B', 'Otra vez:', 'K', 'M', 'N', 'guion', '2', 'A', 'B']);
	});
});

describe('openingWords', () => {
	it.each([
		['2026-12-08T14:00:00Z', 'en', 'tomorrow at 7 AM'],
		['2026-12-08T14:00:00Z', 'es', 'mañana a las 7 de la mañana'],
		['2026-12-08T01:30:00Z', 'en', 'today at 6:30 PM'],
		['2026-12-08T01:30:00Z', 'es', 'hoy a las 6:30 de la tarde'],
		['2026-12-10T20:00:00Z', 'en', 'Thursday at 1 PM'],
		['2026-12-10T20:00:00Z', 'es', 'el jueves a la 1 de la tarde'],
		['2026-12-13T14:30:00Z', 'en', 'Sunday at 7:30 AM'],
		['2026-12-14T14:30:00Z', 'en', 'Monday, December 14 at 7:30 AM'],
		['2027-01-04T14:00:00Z', 'en', 'Monday, January 4 at 7 AM'],
		['2027-01-04T14:00:00Z', 'es', 'el lunes 4 de enero a las 7 de la mañana'],
		['2026-12-09T04:00:00Z', 'es', 'mañana a las 9 de la noche']
	] as const)('an opening at %s reads, in %s, "%s"', (iso, language, words) => {
		expect(openingWords(Date.parse(iso), NOW, DENVER, language)).toBe(words);
	});

	it('counts days in the district zone, not UTC: 7 AM Tuesday in Denver is tomorrow on Monday evening there', () => {
		// 23:00 on Monday in Denver is already Tuesday in UTC, the same UTC day as the opening.
		expect(openingWords(Date.parse('2026-12-08T14:00:00Z'), Date.parse('2026-12-08T06:00:00Z'), DENVER, 'en')).toBe('tomorrow at 7 AM');
	});
});

describe('prompts', () => {
	it('fills placeholders and drops one without a value', () => {
		expect(fillPrompt('We open {opens}.', { opens: 'tomorrow at 7 AM' })).toBe('We open tomorrow at 7 AM.');
		expect(fillPrompt('Press 1 to take a call from {name}, now.', {})).toBe('Press 1 to take a call from , now.');
	});

	it('puts the spelled number where the prompt says {number}', () => {
		const verbs = sayPrompt('Your ticket is {number}. Goodbye.', 'en', {}, 'AB-C');
		const texts = verbs.flatMap((v) => (v.verb === 'say' ? [v.text] : []));
		expect(texts).toEqual(['Your ticket is', 'A', 'B', 'dash', 'C', 'Once more:', 'A', 'B', 'dash', 'C', '. Goodbye.']);
	});

	it('reads a caller number digit by digit in its three groups', () => {
		expect(phoneNumberWords('+13035550142')).toBe('3 0 3, 5 5 5, 0 1 4 2');
		expect(phoneNumberWords('anonymous')).toBe('anonymous');
	});
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPTS } from './defaults';
import { promptPlaceholderProblem } from './phone-line-rules';
import type { Prompts } from './docs';

describe('prompt placeholders', () => {
	it('finds nothing wrong with the default prompts, in English or Spanish', () => {
		for (const language of ['en', 'es'] as const)
			for (const [key, text] of Object.entries(DEFAULT_PROMPTS[language])) expect(promptPlaceholderProblem(key as keyof Prompts, language, text), key).toBeNull();
	});

	it('lets the personal voicemail and the whisper name the person, or not', () => {
		expect(promptPlaceholderProblem('personVoicemail', 'es', 'No está disponible.')).toBeNull();
		expect(promptPlaceholderProblem('whisper', 'en', '{name} is calling. Press 1.')).toBeNull();
	});

	it('refuses an empty or misspelt placeholder, naming it and the one allowed', () => {
		expect(promptPlaceholderProblem('ticketNumber', 'en', 'Your ticket is {numbr}.')).toBe(
			'The English “Ticket number” prompt says {numbr}, which the line cannot fill: it may only use {number}.'
		);
		expect(promptPlaceholderProblem('goodbye', 'es', 'Adiós {}.')).toBe('The Spanish “Goodbye” prompt says {}, which the line cannot fill: remove the braces.');
	});
});

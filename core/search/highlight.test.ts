import { describe, expect, it } from 'vitest';
import { excerpt, highlightParts, mentions } from './highlight';

describe('highlightParts', () => {
	it('marks each matched word, whatever its case, and keeps the text between', () => {
		expect(highlightParts('The Printer jams; printer light red', ['printer', 'red'])).toEqual([
			{ text: 'The ', match: false },
			{ text: 'Printer', match: true },
			{ text: ' jams; ', match: false },
			{ text: 'printer', match: true },
			{ text: ' light ', match: false },
			{ text: 'red', match: true }
		]);
	});

	it('keeps markup typed by a person as plain text parts', () => {
		expect(highlightParts('<b>lamp</b>', ['lamp'])).toEqual([
			{ text: '<b>', match: false },
			{ text: 'lamp', match: true },
			{ text: '</b>', match: false }
		]);
	});

	it('does not mark a word that only contains a term', () => {
		expect(highlightParts('lamplight', ['lamp'])).toEqual([{ text: 'lamplight', match: false }]);
		expect(mentions('lamplight', ['lamp'])).toBe(false);
		expect(mentions('new lamp', ['lamp'])).toBe(true);
	});
});

describe('excerpt', () => {
	it('keeps a short text whole, on one line', () => {
		expect(excerpt('Lamp\n  replaced.', ['lamp'])).toBe('Lamp replaced.');
	});

	it('cuts a long text around the first match, at spaces, with ellipses', () => {
		const text = `${'alpha '.repeat(30)}toner arrived ${'omega '.repeat(30)}`;
		expect(excerpt(text, ['toner'], 40)).toBe('…alpha alpha toner arrived omega omega…');
	});

	it('starts at the beginning when nothing matches', () => {
		expect(excerpt('one two three four five six', ['zebra'], 13)).toBe('one two three…');
	});
});

import { describe, expect, it } from 'vitest';
import { sortSavedWords } from './sort-words';

describe('To sort save words', () => {
	it('says the ticket stays in To sort until it has a category', () => {
		expect(sortSavedWords('K7M-4QX', 'Sam Patel', ['category'])).toBe('K7M-4QX saved, assigned to Sam Patel. Still in To sort: choose a category.');
	});

	it('says only what was saved once nothing is missing', () => {
		expect(sortSavedWords('K7M-4QX', null, [])).toBe('K7M-4QX saved.');
	});
});

import { describe, expect, it } from 'vitest';
import { priorityWords } from './priority-words';

describe('priority words', () => {
	it('names a priority with its number', () => {
		expect(priorityWords(3)).toBe('Priority 3 · Instructional');
		expect(priorityWords(1)).toBe('Priority 1 · Emergency');
	});

	it('says when a ticket has no priority yet', () => {
		expect(priorityWords(null)).toBe('No priority');
	});
});

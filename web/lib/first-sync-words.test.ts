import { describe, expect, it } from 'vitest';
import { emptyListWords, firstSyncWords } from './first-sync-words';

describe('first sync words', () => {
	it('counts the tickets so far against an estimate from how far the sync is', () => {
		expect(firstSyncWords(0.4, 120, true)).toBe('Getting your tickets… 120 of about 300');
		expect(firstSyncWords(1, 297, true)).toBe('Getting your tickets… 297 of about 300');
	});

	it('gives no estimate before a tenth of the way, and never one below the count', () => {
		expect(firstSyncWords(null, 0, true)).toBe('Getting your tickets…');
		expect(firstSyncWords(0.05, 12, true)).toBe('Getting your tickets… 12 so far');
		expect(firstSyncWords(0.99, 3, true)).toBe('Getting your tickets… 3 of about 3');
	});

	it('says the tickets wait for a connection while offline', () => {
		expect(firstSyncWords(0.5, 40, false)).toBe('Your tickets will arrive when this device is back online.');
	});
});

describe('empty list words', () => {
	it('shows no empty state while tickets are still arriving', () => {
		const words = 'You have no open tickets.';
		expect(emptyListWords(words, { loaded: true, failed: false, arriving: true })).toBe('Your tickets are still arriving on this device…');
		expect(emptyListWords(words, { loaded: false, failed: false, arriving: true })).toBe('Loading…');
		expect(emptyListWords(words, { loaded: true, failed: false, arriving: false })).toBe(words);
		expect(emptyListWords(words, { loaded: true, failed: true, arriving: false })).toBe('');
	});
});

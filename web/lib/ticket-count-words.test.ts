import { describe, expect, it } from 'vitest';
import { ticketCountWords } from './ticket-count-words';

describe('All tickets count words', () => {
	it('says the count is of the tickets on this device and how long closed ones stay', () => {
		expect(ticketCountWords(79, 181, 30)).toBe(
			'79 shown of the 181 tickets on this device, open ones first, then the most urgent. Closed tickets older than 30 days are not kept on this device.'
		);
	});

	it('still says closed tickets leave the device before the server has said after how long', () => {
		expect(ticketCountWords(1, 1, null)).toBe('1 shown of the 1 ticket on this device, open ones first, then the most urgent. Closed tickets leave this device after a while.');
	});
});

import { describe, expect, it } from 'vitest';
import { PlainError, saveFailedMessage, userMessage } from './errors';

describe('messages for a failed save', () => {
	it('says nothing was saved and the text is kept when the device is full', () => {
		expect(saveFailedMessage(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toMatch(/^Nothing was saved: this device is out of storage space\. What you typed stays here/);
	});

	it('passes other errors to the shared wording', () => {
		expect(saveFailedMessage({ error: 'forbidden', status: 403, reason: 'Only coordinators and administrators edit the knowledge base.' })).toBe(
			'Only coordinators and administrators edit the knowledge base.'
		);
	});
});

describe('PlainError', () => {
	it('is shown to the person as it is worded', () => {
		expect(userMessage(new PlainError('This article was changed by someone else.'))).toBe('This article was changed by someone else.');
		expect(userMessage(new Error('boom'))).toBe('Something went wrong: boom');
	});
});

describe('a failure on the server', () => {
	it('is shown in the server’s words, without a second "Something went wrong"', () => {
		const reason = 'Something went wrong on the server. Try again, and tell the technology office if it keeps happening.';
		expect(userMessage({ error: 'internal', status: 500, name: 'internal', reason })).toBe(reason);
	});
});

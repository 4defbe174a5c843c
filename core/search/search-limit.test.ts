import { describe, expect, it } from 'vitest';
import { attemptVerdict, type Failure, withFailure } from '../rate-limit';
import { SEARCH_LIMIT, searchWaitMessage } from './search-limit';

describe('SEARCH_LIMIT', () => {
	it('lets 60 searches through in a minute, then says how long to wait for the oldest to leave the window', () => {
		let searches: Failure[] = [];
		for (let i = 0; i < 60; i++) searches = withFailure(searches, { at: 1_000 + i * 500, attempt: String(i) }, SEARCH_LIMIT);
		// The first was at 1.0 s: it leaves the window at 61.0 s; asked at 30.5 s, 30.5 s to wait, rounded up.
		expect(attemptVerdict(searches, 30_500, SEARCH_LIMIT)).toEqual({ allowed: false, retryAfterSeconds: 31 });
		expect(attemptVerdict(searches, 61_001, SEARCH_LIMIT)).toEqual({ allowed: true });
		expect(searchWaitMessage(31)).toBe('Too many searches in a short time. Wait 31 seconds, then search again.');
		expect(searchWaitMessage(1)).toBe('Too many searches in a short time. Wait 1 second, then search again.');
	});
});

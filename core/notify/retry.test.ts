import { describe, expect, it } from 'vitest';
import { nextAttempt } from './retry';

const LAST = Date.parse('2026-12-07T16:00:00.000Z');
const MIN = 60_000;

describe('nextAttempt', () => {
	it.each([
		['no failure yet: at once', 0, 0],
		['after the first failure: 1 minute', 1, 1],
		['after the second: 2 minutes', 2, 2],
		['after the third: 4 minutes', 3, 4],
		['after the sixth: 32 minutes', 6, 32],
		['after the seventh: an hour, not 64 minutes', 7, 60],
		['after the eighth: still an hour', 8, 60],
		['after a week of hourly failures: still an hour, never giving up', 200, 60],
		['after more failures than a number can double: still an hour', 5000, 60]
	])('%s', (_name, attempts, minutes) => {
		expect(nextAttempt(attempts, LAST)).toBe(LAST + minutes * MIN);
	});

	it('the waits add up to under two hours over the first seven failures (1+2+4+8+16+32+60 minutes)', () => {
		let at = LAST;
		for (let attempts = 1; attempts <= 7; attempts++) at = nextAttempt(attempts, at);
		expect(at - LAST).toBe(123 * MIN);
	});
});

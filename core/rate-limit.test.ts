import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, attemptVerdict, combineVerdicts, type FailureLimit, recentFailures, waitMessage, withFailure } from './rate-limit';

const limit: FailureLimit = { maxFailures: 3, windowMs: 60_000 };
const T = 1_000_000;

describe('attemptVerdict', () => {
	it('allows attempts until the limit of failures in the window is reached', () => {
		let failures: number[] = [];
		for (let i = 0; i < 3; i++) {
			expect(attemptVerdict(failures, T + i * 1000, limit)).toEqual({ allowed: true });
			failures = withFailure(failures, T + i * 1000, limit);
		}
		expect(attemptVerdict(failures, T + 3000, limit)).toEqual({ allowed: false, retryAfterSeconds: 57 });
	});

	it('frees an attempt when the oldest counted failure leaves the window', () => {
		const failures = [T, T + 10_000, T + 20_000];
		expect(attemptVerdict(failures, T + 59_999, limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
		expect(attemptVerdict(failures, T + 60_000, limit)).toEqual({ allowed: true });
		expect(attemptVerdict(withFailure(failures, T + 60_000, limit), T + 60_000, limit)).toEqual({ allowed: false, retryAfterSeconds: 10 });
	});

	it('stops 300 quick guesses after the tenth, for a quarter of an hour', () => {
		let failures: number[] = [];
		let judged = 0;
		for (let i = 0; i < 300; i++) {
			const now = T + i * 16;
			if (!attemptVerdict(failures, now, ACCOUNT_LIMIT).allowed) continue;
			judged++;
			failures = withFailure(failures, now, ACCOUNT_LIMIT);
		}
		expect(judged).toBe(10);
		const verdict = attemptVerdict(failures, T + 5000, ACCOUNT_LIMIT);
		expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 895 });
	});
});

describe('recentFailures', () => {
	it('keeps only failures inside the window, and never more than the limit', () => {
		expect(recentFailures([T - 60_000, T - 1, T - 2, T - 3, T - 4], T, limit)).toEqual([T - 3, T - 2, T - 1]);
		expect(recentFailures([T + 5], T, limit)).toEqual([]);
	});
});

describe('combineVerdicts', () => {
	it('waits for the longest of the limits that refuse', () => {
		expect(combineVerdicts([{ allowed: true }, { allowed: true }])).toEqual({ allowed: true });
		expect(combineVerdicts([{ allowed: false, retryAfterSeconds: 5 }, { allowed: true }, { allowed: false, retryAfterSeconds: 90 }])).toEqual({
			allowed: false,
			retryAfterSeconds: 90
		});
	});
});

describe('waitMessage', () => {
	it('says how long to wait in plain words', () => {
		expect(waitMessage(42)).toMatch(/^Too many wrong passwords\. Wait 42 seconds, then try again/);
		expect(waitMessage(60)).toContain('Wait 1 minute,');
		expect(waitMessage(895)).toContain('Wait 15 minutes,');
	});
});

import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, attemptVerdict, combineVerdicts, type Failure, type FailureLimit, recentFailures, waitMessage, withFailure } from './rate-limit';

const limit: FailureLimit = { maxFailures: 3, windowMs: 60_000 };
const T = 1_000_000;
const tries = (...times: number[]): Failure[] => times.map((at, i) => ({ at, attempt: `guess-${i}` }));

describe('attemptVerdict', () => {
	it('allows attempts until the limit of failures in the window is reached', () => {
		let failures: Failure[] = [];
		for (let i = 0; i < 3; i++) {
			expect(attemptVerdict(failures, T + i * 1000, limit)).toEqual({ allowed: true });
			failures = withFailure(failures, { at: T + i * 1000, attempt: `guess-${i}` }, limit);
		}
		expect(attemptVerdict(failures, T + 3000, limit)).toEqual({ allowed: false, retryAfterSeconds: 57 });
	});

	it('frees an attempt when the oldest counted failure leaves the window', () => {
		const failures = tries(T, T + 10_000, T + 20_000);
		expect(attemptVerdict(failures, T + 59_999, limit)).toEqual({ allowed: false, retryAfterSeconds: 1 });
		expect(attemptVerdict(failures, T + 60_000, limit)).toEqual({ allowed: true });
		const again = withFailure(failures, { at: T + 60_000, attempt: 'another' }, limit);
		expect(attemptVerdict(again, T + 60_000, limit)).toEqual({ allowed: false, retryAfterSeconds: 10 });
	});

	it('stops 300 quick guesses after the tenth, for a quarter of an hour', () => {
		let failures: Failure[] = [];
		let judged = 0;
		for (let i = 0; i < 300; i++) {
			const now = T + i * 16;
			if (!attemptVerdict(failures, now, ACCOUNT_LIMIT).allowed) continue;
			judged++;
			failures = withFailure(failures, { at: now, attempt: `guess-${i}` }, ACCOUNT_LIMIT);
		}
		expect(judged).toBe(10);
		const verdict = attemptVerdict(failures, T + 5000, ACCOUNT_LIMIT);
		expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 895 });
	});
});

describe('recentFailures', () => {
	it('keeps only failures inside the window, and never more than the limit', () => {
		expect(recentFailures(tries(T - 60_000, T - 1, T - 2, T - 3, T - 4), T, limit).map((f) => f.at)).toEqual([T - 3, T - 2, T - 1]);
		expect(recentFailures(tries(T + 5), T, limit)).toEqual([]);
	});
});

describe('withFailure', () => {
	it('counts the same wrong password again only once (a script retrying an old password locks nobody out)', () => {
		let failures: Failure[] = [];
		for (let i = 0; i < 50; i++) failures = withFailure(failures, { at: T + i * 1000, attempt: 'old-password' }, limit);
		expect(failures).toEqual([{ at: T, attempt: 'old-password' }]);
		expect(attemptVerdict(failures, T + 50_000, limit)).toEqual({ allowed: true });
		// Once the first one leaves the window, the same attempt counts afresh.
		expect(withFailure(failures, { at: T + 60_000, attempt: 'old-password' }, limit)).toEqual([{ at: T + 60_000, attempt: 'old-password' }]);
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

/** How many failed sign-ins one key (an account or an address) may have in a sliding window before it must wait. */
export interface FailureLimit {
	maxFailures: number;
	windowMs: number;
}

/** Per account: a person who mistypes a few times is never stopped; guessing runs at 10 tries per 15 minutes. */
export const ACCOUNT_LIMIT: FailureLimit = { maxFailures: 10, windowMs: 15 * 60_000 };

/** Per address: high, because a whole school may sign in from one address behind its router. */
export const ADDRESS_LIMIT: FailureLimit = { maxFailures: 100, windowMs: 15 * 60_000 };

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The failure times (ms) that still count at `now`, oldest first, at most `maxFailures` of them. */
export function recentFailures(failures: readonly number[], now: number, limit: FailureLimit): number[] {
	const recent = failures.filter((at) => at > now - limit.windowMs && at <= now).sort((a, b) => a - b);
	return recent.slice(-limit.maxFailures);
}

/** Whether a key with these failures may try a password at `now`, or how many seconds it must wait. */
export function attemptVerdict(failures: readonly number[], now: number, limit: FailureLimit): AttemptVerdict {
	const recent = recentFailures(failures, now, limit);
	if (recent.length < limit.maxFailures) return { allowed: true };
	// The oldest counted failure leaving the window frees one attempt.
	const freeAt = recent[0] + limit.windowMs;
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
}

/** The failures to keep after one more at `now`. */
export function withFailure(failures: readonly number[], now: number, limit: FailureLimit): number[] {
	return recentFailures([...failures, now], now, limit);
}

/** The verdict for an attempt that must pass several limits: the longest wait wins. */
export function combineVerdicts(verdicts: readonly AttemptVerdict[]): AttemptVerdict {
	const waits = verdicts.flatMap((v) => (v.allowed ? [] : [v.retryAfterSeconds]));
	return waits.length === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

/** The plain sentence a person reads when they must wait. */
export function waitMessage(retryAfterSeconds: number): string {
	const minutes = Math.ceil(retryAfterSeconds / 60);
	const wait = retryAfterSeconds < 60 ? `${retryAfterSeconds} seconds` : minutes === 1 ? '1 minute' : `${minutes} minutes`;
	return `Too many wrong passwords. Wait ${wait}, then try again, or ask your technology office to reset your password.`;
}

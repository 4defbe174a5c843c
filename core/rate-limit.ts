/** How many failed sign-ins one key (an account or an address) may have in a sliding window before it must wait. */
export interface FailureLimit {
	maxFailures: number;
	windowMs: number;
}

/** Per account: a person who mistypes a few times is never stopped; guessing runs at 10 tries per 15 minutes. */
export const ACCOUNT_LIMIT: FailureLimit = { maxFailures: 10, windowMs: 15 * 60_000 };

/** Per address: high, because a whole school may sign in from one address behind its router. */
export const ADDRESS_LIMIT: FailureLimit = { maxFailures: 100, windowMs: 15 * 60_000 };

/**
 * One counted failure: when, and a fingerprint of what was tried. The same wrong password again (a script or an old
 * device retrying with a password that was changed) counts once: guessing always tries new ones.
 */
export interface Failure {
	at: number;
	attempt: string;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The failures that still count at `now`, oldest first, at most `maxFailures` of them. */
export function recentFailures(failures: readonly Failure[], now: number, limit: FailureLimit): Failure[] {
	const recent = failures.filter((f) => f.at > now - limit.windowMs && f.at <= now).sort((a, b) => a.at - b.at);
	return recent.slice(-limit.maxFailures);
}

/** Whether a key with these failures may try a password at `now`, or how many seconds it must wait. */
export function attemptVerdict(failures: readonly Failure[], now: number, limit: FailureLimit): AttemptVerdict {
	const recent = recentFailures(failures, now, limit);
	if (recent.length < limit.maxFailures) return { allowed: true };
	// The oldest counted failure leaving the window frees one attempt.
	const freeAt = recent[0].at + limit.windowMs;
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
}

/** The failures to keep after one more (at `failure.at`); a repeat of a counted attempt adds nothing. */
export function withFailure(failures: readonly Failure[], failure: Failure, limit: FailureLimit): Failure[] {
	const recent = recentFailures(failures, failure.at, limit);
	return recent.some((f) => f.attempt === failure.attempt) ? recent : recentFailures([...recent, failure], failure.at, limit);
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

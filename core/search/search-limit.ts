import type { FailureLimit } from '../rate-limit';

/** Searches one person may ask the server for in a sliding minute: far above typing, well below a script's pace. */
export const SEARCH_LIMIT: FailureLimit = { maxFailures: 60, windowMs: 60_000 };

/** The plain sentence a person reads when they have searched too often. */
export function searchWaitMessage(retryAfterSeconds: number): string {
	return `Too many searches in a short time. Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}, then search again.`;
}

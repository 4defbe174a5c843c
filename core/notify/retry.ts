/** The wait after the first failed attempt to send a mail. */
export const FIRST_RETRY_MS = 60_000;

/** The longest wait between attempts: a mail server back after a night's outage gets its mail within the hour. */
export const MAX_RETRY_MS = 3_600_000;

/**
 * When to try a mail again after `attempts` failed attempts, the last at `lastAt` (epoch ms): 1 minute after the first
 * failure, doubling each time (2, 4, 8 … minutes) up to an hour, then hourly for ever. Mail is never given up: it
 * waits until the server takes it. With no failed attempt yet, at once.
 */
export function nextAttempt(attempts: number, lastAt: number): number {
	if (!(attempts >= 1)) return lastAt;
	// Past 2^6 minutes the cap holds; stopping the exponent there keeps it finite however many attempts there were.
	const doublings = Math.min(Math.floor(attempts) - 1, 6);
	return lastAt + Math.min(FIRST_RETRY_MS * 2 ** doublings, MAX_RETRY_MS);
}

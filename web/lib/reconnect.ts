// Retry quickly at first, never wait more than 30 s: a cart of Chromebooks comes back online often.
const backOff = (delay: number) => (delay === 0 ? 1000 : Math.min(delay * 2, 30_000));

/** How the pull and the push replicate: live, and retrying on their own after a failure. */
export const REPLICATION = { live: true, retry: true, back_off_function: backOff };

/**
 * Asks /api/health, with the replication's back-off, until the server answers (true) or `stop` says to stop (false).
 * A reconnected live pull says nothing until a change arrives, so without this the sync indicator would say "Offline"
 * on a quiet but working connection.
 */
export async function untilServerAnswers(stop: () => boolean): Promise<boolean> {
	for (let delay = 2000; !stop(); delay = backOff(delay)) {
		await new Promise((wake) => setTimeout(wake, delay));
		if (!navigator.onLine) continue;
		if (await fetch('/api/health', { cache: 'no-store' }).then((r) => r.ok, () => false)) return true;
	}
	return false;
}

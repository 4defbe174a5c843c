import { HTTPException } from 'hono/http-exception';

/**
 * The most documents, keys or ids one request may name. PouchDB replicates in batches of 100 (the PWA pulls 250),
 * so a real replication stays far below it; a request past it would hold the process for everyone.
 */
export const MAX_PER_REQUEST = 1000;
/** The most revisions one _revs_diff may ask about (a document with conflicts lists several). */
export const MAX_REVS_PER_REQUEST = 10 * MAX_PER_REQUEST;
/** How many items are handled between two yields to the event loop, so other requests are answered meanwhile. */
export const CHUNK = 100;

/** Refuses a request naming more items than the cap, with a reason that names the cap. */
export function checkCount(count: number, what: string, cap = MAX_PER_REQUEST): void {
	if (count > cap)
		throw new HTTPException(413, {
			message: `One request may name at most ${cap.toLocaleString('en-US')} ${what}; this one names ${count.toLocaleString('en-US')}. Send them in smaller batches.`
		});
}

/** Lets the event loop answer other requests before the next chunk of work. */
export function yieldToOthers(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `work` over `items` in chunks, yielding between chunks, and concatenates the answers in order. */
export async function inChunks<T, R>(items: readonly T[], work: (chunk: T[]) => Promise<R[]>, size = CHUNK): Promise<R[]> {
	const out: R[] = [];
	for (let i = 0; i < items.length; i += size) {
		if (i > 0) await yieldToOthers();
		out.push(...(await work(items.slice(i, i + size))));
	}
	return out;
}

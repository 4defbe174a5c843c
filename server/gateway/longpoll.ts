import type { ChangesResult } from './changes';
import type { SharedFeed } from './feed';
import { AnswerShare, Turns } from './longpoll-share';

export interface LongpollOptions {
	/** The first answer, already known to be empty. */
	first: ChangesResult;
	/** The next answer after a sequence. */
	next(since: string | number): Promise<ChangesResult>;
	feed: SharedFeed;
	timeout: number;
	heartbeat: number;
	/** Aborted when the client goes away. */
	signal: AbortSignal;
	/**
	 * Names everything `next` depends on but the sequence (person, scope, query): waiters with the same name woken at
	 * the same change share one answer, judged and serialised once. Without it each waiter computes its own.
	 */
	share?: string;
}

const encoder = new TextEncoder();
const NEWLINE = encoder.encode('\n');
const shares = new WeakMap<SharedFeed, AnswerShare>();
const turns = new Turns();

function shareOf(feed: SharedFeed): AnswerShare {
	let share = shares.get(feed);
	if (!share) shares.set(feed, (share = new AnswerShare()));
	return share;
}

/**
 * A longpoll _changes answer. An answer ready before the first heartbeat is due goes out whole, headers and body at
 * once (on a busy district most do: the device asks again right after each change); otherwise the headers go out with
 * the first heartbeat newline, then more newlines until something changes or the timeout passes, then the answer.
 * A client that leaves (a closed tab, a sleeping laptop, a cancelled replication) ends it quietly.
 */
export async function longpollResponse({ first, next, feed, timeout, heartbeat, signal, share }: LongpollOptions): Promise<Response> {
	const gone = new AbortController();
	const leave = () => gone.abort();
	signal.addEventListener('abort', leave);
	const answer = waitForAnswer(first, next, feed, Date.now() + timeout, gone.signal, share).finally(() => signal.removeEventListener('abort', leave));
	let beat: NodeJS.Timeout | undefined;
	const early = heartbeat ? await Promise.race([answer, new Promise<'beat'>((due) => (beat = setTimeout(() => due('beat'), heartbeat)))]) : await answer;
	clearTimeout(beat);
	if (early !== 'beat') return early ? new Response(early, { headers: JSON_TYPE }) : unavailable(gone.signal);
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (bytes: Uint8Array) => {
				if (gone.signal.aborted) return;
				try {
					controller.enqueue(bytes);
				} catch {
					gone.abort();
				}
			};
			send(NEWLINE);
			const beats = setInterval(() => send(NEWLINE), heartbeat);
			const bytes = await answer;
			clearInterval(beats);
			if (bytes) send(bytes);
			if (!gone.signal.aborted) {
				try {
					controller.close();
				} catch {
					// the client left between the last write and the close
				}
			}
		},
		cancel() {
			gone.abort();
		}
	});
	return new Response(stream, { headers: JSON_TYPE });
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** The answer to a longpoll that failed (logged) or whose client left (nobody reads it). */
function unavailable(left: AbortSignal): Response {
	if (left.aborted) return new Response(null, { status: 204 });
	return new Response(JSON.stringify({ error: 'unavailable', reason: 'The changes could not be read just now; the sync tries again.' }), { status: 503, headers: JSON_TYPE });
}

/** Waits until the viewer has changes after `first` or the deadline passes; the answer's bytes, or null if it failed or the client left. */
async function waitForAnswer(
	first: ChangesResult,
	next: LongpollOptions['next'],
	feed: SharedFeed,
	deadline: number,
	gone: AbortSignal,
	share: string | undefined
): Promise<Uint8Array<ArrayBuffer> | null> {
	try {
		let result = first;
		let bytes: Uint8Array<ArrayBuffer> | null = null;
		while (result.results.length === 0 && Date.now() < deadline && !gone.aborted) {
			await feed.wait(deadline - Date.now(), gone);
			// Every waiter wakes at once: they go on a few dozen per turn of the event loop.
			if (!gone.aborted) await turns.take();
			if (gone.aborted) break;
			const since = result.last_seq;
			if (share === undefined) [result, bytes] = [await next(since), null];
			else ({ result, bytes } = await shareOf(feed).answer(`${share}|${since}`, feed.lastSeq, () => next(since)));
		}
		if (gone.aborted) return null;
		return bytes ?? encoder.encode(JSON.stringify(result) + '\n');
	} catch (error) {
		if (!gone.aborted) console.error('longpoll failed:', error);
		return null;
	}
}

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
 * A longpoll _changes answer: newlines as heartbeats until something changes or the timeout passes, then the
 * answer. A client that leaves (a closed tab, a sleeping laptop, a cancelled replication) ends it quietly.
 */
export function longpollResponse({ first, next, feed, timeout, heartbeat, signal, share }: LongpollOptions): Response {
	const gone = new AbortController();
	const leave = () => gone.abort();
	signal.addEventListener('abort', leave);
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
			const deadline = Date.now() + timeout;
			const beat = heartbeat ? setInterval(() => send(NEWLINE), heartbeat) : null;
			try {
				let result = first;
				let bytes: Uint8Array | null = null;
				while (result.results.length === 0 && Date.now() < deadline && !gone.signal.aborted) {
					await feed.wait(deadline - Date.now(), gone.signal);
					// Every waiter wakes at once: they go on a few dozen per turn of the event loop.
					if (!gone.signal.aborted) await turns.take();
					if (gone.signal.aborted) break;
					const since = result.last_seq;
					if (share === undefined) [result, bytes] = [await next(since), null];
					else ({ result, bytes } = await shareOf(feed).answer(`${share}|${since}`, feed.lastSeq, () => next(since)));
				}
				send(bytes ?? encoder.encode(JSON.stringify(result) + '\n'));
			} catch (error) {
				if (!gone.signal.aborted) console.error('longpoll failed:', error);
			} finally {
				if (beat) clearInterval(beat);
				signal.removeEventListener('abort', leave);
				if (!gone.signal.aborted) {
					try {
						controller.close();
					} catch {
						// the client left between the last write and the close
					}
				}
			}
		},
		cancel() {
			gone.abort();
		}
	});
	return new Response(stream, { headers: { 'content-type': 'application/json' } });
}

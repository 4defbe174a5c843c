import type { ChangesResult } from './changes';
import type { SharedFeed } from './feed';

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
}

/**
 * A longpoll _changes answer: newlines as heartbeats until something changes or the timeout passes, then the
 * answer. A client that leaves (a closed tab, a sleeping laptop, a cancelled replication) ends it quietly.
 */
export function longpollResponse({ first, next, feed, timeout, heartbeat, signal }: LongpollOptions): Response {
	const encoder = new TextEncoder();
	const gone = new AbortController();
	const leave = () => gone.abort();
	signal.addEventListener('abort', leave);
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (text: string) => {
				if (gone.signal.aborted) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					gone.abort();
				}
			};
			const deadline = Date.now() + timeout;
			const beat = heartbeat ? setInterval(() => send('\n'), heartbeat) : null;
			try {
				let result = first;
				while (result.results.length === 0 && Date.now() < deadline && !gone.signal.aborted) {
					await feed.wait(deadline - Date.now(), gone.signal);
					if (!gone.signal.aborted) result = await next(result.last_seq);
				}
				send(JSON.stringify(result) + '\n');
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

import type { ChangesQuery, ChangesResult } from './changes';

/**
 * Names the parts of a _changes query a longpoll answer depends on, besides the viewer and `since`. Two queries get
 * the same name only if they are the same: plain JSON would name a selector's 1e400 (parsed as Infinity) and null alike.
 */
export function queryShareKey(query: Pick<ChangesQuery, 'limit' | 'includeDocs' | 'docIds' | 'selector'>): string {
	const tagged = (_key: string, value: unknown) =>
		typeof value === 'number' ? `n:${value}` : typeof value === 'string' ? `s:${value}` : value;
	return JSON.stringify([query.limit, query.includeDocs, query.docIds && [...query.docIds], query.selector], tagged);
}

/** One longpoll answer, judged and serialised once for every waiter that shares it. */
export interface SharedAnswer {
	result: ChangesResult;
	bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The answers of waiting longpolls, shared by waiters whose answer is the same: same person, same scope, same query,
 * same `since`, woken at the same feed sequence. Each change is then judged once per scope (and serialised once),
 * not once per device. Only answers for the feed's current sequence are kept: an older one is never asked for again.
 */
export class AnswerShare {
	#seq: string | number | null = null;
	#answers = new Map<string, Promise<SharedAnswer>>();
	readonly #encoder = new TextEncoder();

	/** The answer for `key` at feed sequence `seq`, computed by `compute` only if no waiter asked for it yet. */
	answer(key: string, seq: string | number, compute: () => Promise<ChangesResult>): Promise<SharedAnswer> {
		if (String(seq) !== String(this.#seq)) {
			this.#seq = seq;
			this.#answers = new Map();
		}
		const answers = this.#answers;
		let answer = answers.get(key);
		if (!answer) {
			answer = compute().then((result) => ({ result, bytes: this.#encoder.encode(JSON.stringify(result) + '\n') }));
			answers.set(key, answer);
			// A failed answer is not kept: the next waiter computes it again.
			answer.catch(() => answers.get(key) === answer && answers.delete(key));
		}
		return answer;
	}

	/** How many answers are held (for tests). */
	get size(): number {
		return this.#answers.size;
	}
}

/** How many woken longpolls go on between two yields to the event loop. */
export const TURN_SIZE = 50;

/**
 * Lets woken longpolls go on a few dozen at a time, one group per turn of the event loop, so that 500 devices woken by
 * one change do not hold the loop while other requests (a health check, a sign-in) wait.
 */
export class Turns {
	#queue: (() => void)[] = [];
	#scheduled = false;

	constructor(private readonly size = TURN_SIZE) {}

	/** Resolves when it is this caller's turn. */
	take(): Promise<void> {
		return new Promise((resolve) => {
			this.#queue.push(resolve);
			if (!this.#scheduled) {
				this.#scheduled = true;
				setImmediate(() => this.#release());
			}
		});
	}

	#release(): void {
		for (const go of this.#queue.splice(0, this.size)) go();
		if (this.#queue.length) setImmediate(() => this.#release());
		else this.#scheduled = false;
	}
}

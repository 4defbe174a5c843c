/**
 * Counts the webhooks' answers under way (a caller waiting for TwiML), so that background work (audio downloads and
 * attachment writes, transcripts) starts in a quiet moment rather than queueing in the store ahead of an answer. A wait
 * is bounded: under a steady stream of calls the work still runs, only later.
 */
export class AnswerGate {
	#underWay = 0;
	#waiters = new Set<() => void>();

	/** Runs `answer`, counting it as under way until it settles. */
	async answering<T>(answer: () => Promise<T>): Promise<T> {
		const done = this.enter();
		try {
			return await answer();
		} finally {
			done();
		}
	}

	/** Counts an answer as under way until the returned function is called (once; later calls do nothing). */
	enter(): () => void {
		this.#underWay++;
		let left = false;
		return () => {
			if (left) return;
			left = true;
			if (--this.#underWay === 0) for (const wake of [...this.#waiters]) wake();
		};
	}

	/** Resolves once no answer is under way, or after `maxWaitMs` at the latest. */
	quiet(maxWaitMs: number): Promise<void> {
		if (this.#underWay === 0) return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.#waiters.delete(done);
				resolve();
			};
			const timer = setTimeout(done, maxWaitMs);
			this.#waiters.add(done);
		});
	}
}

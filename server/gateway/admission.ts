/** How many reads of the store's whole history (first syncs) run at once; on two cores more only share the same CPU. */
export const SCAN_SLOTS = 4;

/**
 * Lets at most `slots` pieces of heavy work run at once; the rest wait in arrival order. Hundreds of first syncs that
 * each read the store's history at once would otherwise keep every other request (a health check, a live device's
 * change) waiting behind their turns of the event loop.
 */
export class Admission {
	#running = 0;
	#queue: (() => void)[] = [];

	constructor(private readonly slots = SCAN_SLOTS) {}

	/** Runs `work` once a slot is free, and frees the slot when it ends, whether it succeeds or fails. */
	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.#running < this.slots) this.#running++;
		else await new Promise<void>((go) => this.#queue.push(go));
		try {
			return await work();
		} finally {
			// The slot passes straight to the next in line, so a newcomer cannot overtake those waiting.
			const next = this.#queue.shift();
			if (next) next();
			else this.#running--;
		}
	}

	/** How many wait for a slot (for tests). */
	get waiting(): number {
		return this.#queue.length;
	}
}

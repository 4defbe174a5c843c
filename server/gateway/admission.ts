/** How many reads of the store's whole history (first syncs) run at once; on two cores more only share the same CPU. */
export const SCAN_SLOTS = 4;
/** How many of those one person may hold at once, so that one person's requests cannot take every slot. */
export const SLOTS_PER_OWNER = 1;

interface Waiter {
	owner: string | undefined;
	go: () => void;
}

/** Thrown to work whose client left while it waited for a slot. */
export class LeftWhileWaiting extends Error {
	constructor() {
		super('The client left before a slot was free.');
		this.name = 'AbortError';
	}
}

/**
 * Lets at most `slots` pieces of heavy work run at once, and at most `perOwner` of one owner; the rest wait in arrival
 * order. Hundreds of first syncs that each read the store's history at once would otherwise keep every other request
 * (a health check, a live device's change) waiting behind their turns of the event loop. A waiter whose signal aborts
 * (its client left) leaves the queue, so abandoned requests neither run nor keep others waiting.
 */
export class Admission {
	#running = 0;
	#queue: Waiter[] = [];
	readonly #byOwner = new Map<string, number>();

	constructor(
		private readonly slots = SCAN_SLOTS,
		private readonly perOwner = SLOTS_PER_OWNER
	) {}

	/** Runs `work` once a slot is free, and frees the slot when it ends, whether it succeeds or fails. */
	async run<T>(work: () => Promise<T>, options: { owner?: string; signal?: AbortSignal } = {}): Promise<T> {
		const { owner, signal } = options;
		if (signal?.aborted) throw new LeftWhileWaiting();
		// Everyone joins the queue; #admit starts the longest-waiting work that may start, this one included.
		await new Promise<void>((go, fail) => {
			const waiter: Waiter = {
				owner,
				go: () => {
					signal?.removeEventListener('abort', leave);
					go();
				}
			};
			const leave = () => {
				const at = this.#queue.indexOf(waiter);
				if (at >= 0) this.#queue.splice(at, 1);
				fail(new LeftWhileWaiting());
			};
			signal?.addEventListener('abort', leave, { once: true });
			this.#queue.push(waiter);
			this.#admit();
		});
		try {
			return await work();
		} finally {
			this.#running--;
			if (owner !== undefined) {
				const held = (this.#byOwner.get(owner) ?? 1) - 1;
				if (held > 0) this.#byOwner.set(owner, held);
				else this.#byOwner.delete(owner);
			}
			this.#admit();
		}
	}

	/** How many wait for a slot (for tests). */
	get waiting(): number {
		return this.#queue.length;
	}

	#mayStart(owner: string | undefined): boolean {
		return owner === undefined || (this.#byOwner.get(owner) ?? 0) < this.perOwner;
	}

	#start(owner: string | undefined): void {
		this.#running++;
		if (owner !== undefined) this.#byOwner.set(owner, (this.#byOwner.get(owner) ?? 0) + 1);
	}

	/** Starts the longest-waiting work allowed to start, while slots are free. */
	#admit(): void {
		while (this.#running < this.slots) {
			const at = this.#queue.findIndex((waiter) => this.#mayStart(waiter.owner));
			if (at < 0) return;
			const [waiter] = this.#queue.splice(at, 1);
			this.#start(waiter.owner);
			waiter.go();
		}
	}
}

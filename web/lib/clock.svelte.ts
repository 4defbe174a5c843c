/** The current time, ticking every 30 seconds, for "5 minutes ago" labels. */
class Clock {
	#now = $state(Date.now());

	constructor() {
		if (typeof window !== 'undefined') setInterval(() => (this.#now = Date.now()), 30_000);
	}

	get now() {
		return this.#now;
	}
}

export const clock = new Clock();

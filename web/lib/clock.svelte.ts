/**
 * The device's current time as a rune, for "5 minutes ago" labels and the SLA clocks: it ticks every 30 seconds, and at
 * once when the app comes back into view (timers sleep in a hidden tab or a locked phone).
 */
class Clock {
	#now = $state(Date.now());

	constructor() {
		if (typeof window === 'undefined') return;
		setInterval(() => (this.#now = Date.now()), 30_000);
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') this.#now = Date.now();
		});
	}

	get now() {
		return this.#now;
	}
}

export const clock = new Clock();

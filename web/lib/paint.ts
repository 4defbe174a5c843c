/**
 * Resolves once the page has drawn its next frame (what was just shown is on screen), or after 100 ms at most: a page
 * hidden meanwhile draws no frame, and its timers still fire (throttled).
 */
export function afterPaint(): Promise<void> {
	if (document.visibilityState !== 'visible') return Promise.resolve();
	return new Promise((painted) => {
		requestAnimationFrame(() => setTimeout(painted));
		setTimeout(painted, 100);
	});
}

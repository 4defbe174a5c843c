/** The first sync as the person reads it: the tickets so far and, once that is a fair guess, about how many in all. */
export function firstSyncWords(fraction: number | null, tickets: number, online: boolean): string {
	if (!online) return 'Your tickets will arrive when this device is back online.';
	// Below a tenth of the way, an estimate from so few tickets would jump about.
	if (fraction === null || fraction < 0.1 || tickets === 0) return tickets ? `Getting your tickets… ${tickets} so far` : 'Getting your tickets…';
	const estimate = Math.max(tickets, Math.round(tickets / fraction / 10) * 10);
	return `Getting your tickets… ${tickets} of about ${estimate}`;
}

/** A list's empty words, or why it is empty for now: still loading, or tickets still arriving in the first sync. */
export function emptyListWords(words: string, state: { loaded: boolean; failed: boolean; arriving: boolean }): string {
	if (state.failed) return '';
	if (!state.loaded) return 'Loading…';
	return state.arriving ? 'Your tickets are still arriving on this device…' : words;
}

/**
 * How many words of a search are looked for, and which as prefixes: one rule for the device and the server, so the
 * server's cost per search is bounded whatever is typed (each word is a walk of the whole index, ANDed with the others).
 */

/** At most this many words are looked for; the rest of a long search is left out. */
export const MAX_SEARCH_WORDS = 4;
/** The last word (the one being typed) is also a prefix from this many letters ("proj" finds "projector"). */
export const PREFIX_MIN_LETTERS = 3;
/** A search of common words only looks for this many of them (each finds nearly every ticket). */
export const MAX_STOP_WORDS = 1;
/** Words longer than this are cut (no word of a ticket is longer; a fuzzy walk grows with the word). */
export const MAX_WORD_LETTERS = 40;

/** Words nearly every ticket holds (English and Spanish): they narrow nothing and cost the most to look for. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
	(
		'a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our she so ' +
		'that the their them then there these they this to was we were what when which who will with you your ' +
		'al con de del el en es la las lo los mi no o para por que se su sus un una uno y'
	).split(' ')
);

/** One word of a search as the index looks for it. */
export interface SearchWord {
	term: string;
	/** Also every indexed word that starts with it. */
	prefix: boolean;
	/** Also a word one letter off (words of 6 letters or more). */
	fuzzy: boolean;
	/** A common word, looked for only in titles and names (in notes it finds nearly every ticket). */
	common: boolean;
}

/**
 * The words a search looks for: repeats dropped, common words dropped (a search of only common words looks for the
 * first MAX_STOP_WORDS, whole, in titles and names), at most MAX_SEARCH_WORDS, each cut to MAX_WORD_LETTERS; only the last word (the one
 * being typed) and words of PREFIX_MIN_LETTERS or more are prefixes. A search walks the index at most
 * MAX_SEARCH_WORDS times.
 */
export function searchWords(words: readonly string[]): SearchWord[] {
	const unique = [...new Set(words.map((w) => w.slice(0, MAX_WORD_LETTERS)))];
	const telling = unique.filter((w) => !STOP_WORDS.has(w));
	if (telling.length === 0) return unique.slice(0, MAX_STOP_WORDS).map((term) => ({ term, prefix: false, fuzzy: false, common: true }));
	const kept = telling.slice(0, MAX_SEARCH_WORDS);
	return kept.map((term, i) => ({
		term,
		prefix: i === kept.length - 1 && term.length >= PREFIX_MIN_LETTERS,
		fuzzy: term.length >= 6,
		common: false
	}));
}

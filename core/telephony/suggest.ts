import type { Building, Category, KbArticle } from '../schemas';

/**
 * What a voicemail's transcript suggests to the coordinator distributing it: the building it names, the category its
 * words point to, and help articles that may answer it. Each suggestion says which words led to it, so the coordinator
 * can judge it at a glance; nothing is applied without them.
 */
export interface TranscriptSuggestion {
	building: { code: string; words: string } | null;
	category: { code: string; words: string[] } | null;
	articles: { id: string; title: string }[];
}

/** Words every voicemail says (procedure 000 asks for name, school and call-back number): they point nowhere. */
const FILLER = new Set(
	(
		'a an and are as at be but by can could do does for from has have hello hi how i im in is it its me my no not of on or our please so that the ' +
		'then there this to up was we when which will with you your yes thank thanks bye goodbye calling call called back number phone message ' +
		'voicemail name school room again still today help issue problem work working get got need needs just about like'
	).split(' ')
);

/** Words of building names that say what kind of school it is, not which one. */
const GENERIC_PLACE = new Set(['school', 'elementary', 'middle', 'high', 'alternative', 'academy', 'center', 'es', 'ms', 'hs', 'the', 'of']);

/** The words of a text: lower-case, accents and apostrophes dropped. */
export function transcriptWords(text: string): string[] {
	return (
		text
			.normalize('NFD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/['’]/g, '')
			.match(/[a-z0-9]+/g) ?? []
	);
}

const meaningful = (words: readonly string[]) => [...new Set(words.filter((w) => w.length >= 2 && !FILLER.has(w)))];

/** One word stands for another when they are equal or one starts the other ("printer" and "printers"). */
const sameStem = (a: string, b: string) => a === b || (a.length >= 4 && b.startsWith(a)) || (b.length >= 4 && a.startsWith(b));

/** Where `phrase` occurs in `words` as consecutive words, or -1. */
function phraseAt(words: readonly string[], phrase: readonly string[]): number {
	if (!phrase.length) return -1;
	for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((p, j) => words[i + j] === p)) return i;
	return -1;
}

/** The building whose distinctive name ("Maple Grove", "Lincoln") the caller said; null when none or two equally. */
function suggestBuilding(words: readonly string[], buildings: readonly Pick<Building, 'code' | 'name'>[]): TranscriptSuggestion['building'] {
	const scored = buildings.flatMap((b) => {
		const name = transcriptWords(b.name);
		const distinct = name.filter((w) => !GENERIC_PLACE.has(w));
		const phrase = distinct.length ? distinct : name;
		const at = phraseAt(words, phrase);
		if (at < 0) return [];
		// "Lakeside High" beats "Lakeside Elementary" when the caller said "high".
		const kind = name.filter((w) => GENERIC_PLACE.has(w) && words.includes(w)).length;
		return [{ code: b.code, words: b.name, score: phrase.length * 10 + kind }];
	});
	scored.sort((a, b) => b.score - a.score);
	if (!scored.length || scored[1]?.score === scored[0].score) return null;
	return { code: scored[0].code, words: scored[0].words };
}

/** The category whose name and description share the most words with the transcript; null when none or a tie. */
function suggestCategory(words: readonly string[], categories: readonly Pick<Category, 'code' | 'name' | 'description'>[]): TranscriptSuggestion['category'] {
	const said = meaningful(words);
	const scored = categories.map((c) => {
		const name = meaningful(transcriptWords(c.name));
		const description = meaningful(transcriptWords(c.description));
		let score = 0;
		const matched: string[] = [];
		for (const word of said) {
			const inName = name.some((n) => sameStem(word, n));
			const inDescription = description.some((d) => sameStem(word, d));
			if (inName) score += 2;
			if (inDescription) score += 1;
			if (inName || inDescription) matched.push(word);
		}
		return { code: c.code, score, matched };
	});
	scored.sort((a, b) => b.score - a.score);
	const [best, second] = scored;
	if (!best || best.score === 0 || second?.score === best.score) return null;
	return { code: best.code, words: best.matched };
}

/** Help articles whose title or tags share words with the transcript, best first (at most 3). */
function suggestArticles(words: readonly string[], articles: readonly Pick<KbArticle, '_id' | 'title' | 'tags'>[]): TranscriptSuggestion['articles'] {
	const said = meaningful(words);
	const scored = articles.map((a) => {
		const title = meaningful(transcriptWords(a.title));
		const tags = meaningful(a.tags.flatMap(transcriptWords));
		let score = 0;
		for (const word of said) {
			if (title.some((t) => sameStem(word, t))) score += 3;
			if (tags.some((t) => sameStem(word, t))) score += 2;
		}
		return { id: a._id, title: a.title, score };
	});
	const best = Math.max(0, ...scored.map((s) => s.score));
	return scored
		.filter((s) => s.score >= 3 && s.score * 2 >= best)
		.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title))
		.slice(0, 3)
		.map(({ id, title }) => ({ id, title }));
}

/** The building, category and help articles a transcript suggests (see TranscriptSuggestion). */
export function suggestFromTranscript(
	transcript: string,
	known: {
		buildings: readonly Pick<Building, 'code' | 'name'>[];
		categories: readonly Pick<Category, 'code' | 'name' | 'description'>[];
		articles: readonly Pick<KbArticle, '_id' | 'title' | 'tags'>[];
	}
): TranscriptSuggestion {
	const words = transcriptWords(transcript);
	return {
		building: suggestBuilding(words, known.buildings),
		category: suggestCategory(words, known.categories),
		articles: suggestArticles(words, known.articles)
	};
}

import type { KbArticle } from '$core/schemas';

/** Common words that say nothing about which problem it is. */
const STOP = new Set(
	(
		'a an and are as at be but by can cant do does dont for from has have how i im in is it its my me no not of on or our so that the then there this to up was we when where which will with wont you your ' +
		'again anymore any all get gets got help issue keep keeps morning please problem since still stopped today work working works'
	).split(' ')
);

/** The meaningful words of a text, lower-cased. */
export function keywords(text: string): string[] {
	return [...new Set(text.toLowerCase().replace(/['’]/g, '').match(/[\p{L}\p{N}]{2,}/gu) ?? [])].filter((w) => !STOP.has(w));
}

/** A word matches a word of the article when one starts the other ("print" and "printer", "jam" and "jamming"). */
const matches = (word: string, candidate: string) =>
	candidate === word || (word.length >= 3 && candidate.startsWith(word)) || (candidate.length >= 3 && word.startsWith(candidate));

/** The articles most likely to solve what the person describes, best first; titles and tags weigh most. */
export function searchKb(articles: readonly KbArticle[], text: string, limit = 3): KbArticle[] {
	const words = keywords(text);
	if (words.length === 0) return [];
	const scored = articles.map((article) => {
		const title = keywords(article.title);
		const tags = article.tags.flatMap(keywords);
		const body = keywords(article.body);
		let score = 0;
		for (const word of words) {
			if (title.some((t) => matches(word, t))) score += 3;
			if (tags.some((t) => matches(word, t))) score += 2;
			if (body.some((t) => matches(word, t))) score += 1;
		}
		return { article, score };
	});
	// One shared word in a body is chance: ask for a title or tag hit, or two words, and half the best match.
	const best = Math.max(0, ...scored.map((s) => s.score));
	return scored
		.filter((s) => s.score >= 2 && s.score * 2 >= best)
		.sort((a, b) => b.score - a.score || a.article.title.localeCompare(b.article.title))
		.slice(0, limit)
		.map((s) => s.article);
}

/** The articles that contain every meaningful word of a search, each word matching anywhere: for browsing the list. */
export function filterKb(articles: readonly KbArticle[], text: string): KbArticle[] {
	const words = keywords(text);
	if (words.length === 0) return [...articles];
	return articles.filter((article) => {
		const all = [...keywords(article.title), ...article.tags.flatMap(keywords), ...keywords(article.body)];
		return words.every((word) => all.some((candidate) => matches(word, candidate)));
	});
}

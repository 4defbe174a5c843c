import { z } from 'zod';
import { KbArticle } from '$core/schemas';

/** What the article editor holds while someone types; kept as a draft so a reload loses nothing. */
export const KbDraft = z.object({
	kind: z.enum(['article', 'faq']),
	title: z.string(),
	tags: z.string(),
	body: z.string()
});
export type KbDraft = z.infer<typeof KbDraft>;

export type DraftField = keyof KbDraft;
/** Plain-language problems, one per field at most. */
export type DraftProblems = Partial<Record<DraftField, string>>;

const SLUG_LENGTH = 40;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A title as the readable part of an id: lower-case letters, digits and dashes, at most 40 characters. */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	const cut = slug.length > SLUG_LENGTH ? slug.slice(0, SLUG_LENGTH).replace(/-[^-]*$/, '') || slug.slice(0, SLUG_LENGTH) : slug;
	return cut.replace(/-+$/, '') || 'article';
}

/** A new article's id: the title's slug and a random part, so two devices writing the same title offline never collide. */
export function newArticleId(title: string, random: () => number): string {
	const suffix = Array.from({ length: 6 }, () => SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length)]).join('');
	return `kb:${slugify(title)}-${suffix}`;
}

/** The part of an article's id used in its address: /kb/<slug>. */
export function articleSlug(id: string): string {
	return id.replace(/^kb:/, '');
}

/** Tags typed as "printer, paper jam": trimmed, blanks dropped, each once whatever its case. */
export function parseTags(text: string): string[] {
	const seen = new Set<string>();
	const tags: string[] = [];
	for (const raw of text.split(',')) {
		const tag = raw.trim().replace(/\s+/g, ' ');
		if (!tag || seen.has(tag.toLowerCase())) continue;
		seen.add(tag.toLowerCase());
		tags.push(tag);
	}
	return tags;
}

/** The editor's starting point: an existing article, or a blank one. */
export function draftOf(article?: KbArticle): KbDraft {
	return article
		? { kind: article.kind, title: article.title, tags: article.tags.join(', '), body: article.body }
		: { kind: 'article', title: '', tags: '', body: '' };
}

/** Where a new article comes from and when it is saved. */
export interface SaveContext {
	/** The article being edited; absent for a new one. */
	existing?: KbArticle;
	author: string;
	now: Date;
	random: () => number;
}

/** Turns a draft into the document to save, checked by the shared schema, or says per field what to fix. */
export function buildArticle(draft: KbDraft, context: SaveContext): { doc: KbArticle } | { problems: DraftProblems } {
	const { existing, author, now, random } = context;
	const candidate = {
		...existing,
		_id: existing?._id ?? newArticleId(draft.title, random),
		type: 'kb',
		kind: draft.kind,
		title: draft.title,
		body: draft.body,
		tags: parseTags(draft.tags),
		updatedAt: now.toISOString(),
		// An article is signed by whoever saved it last, the date says when: the server holds every save to that.
		author
	};
	const problems: DraftProblems = {};
	if (!draft.body.trim()) problems.body = 'Write the text of the article.';
	const parsed = KbArticle.safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = issue.path[0];
			if (field === 'title' || field === 'body' || field === 'tags' || field === 'kind') problems[field] ??= problemFor(field, issue);
			// Anything else comes from the app, not the person: a bug, never something they could fix.
			else throw new Error(`The article could not be built: ${issue.message} at ${issue.path.join('.')}`);
		}
	}
	return parsed.success && !problems.body ? { doc: parsed.data } : { problems };
}

function problemFor(field: DraftField, issue: z.core.$ZodIssue): string {
	const tooLong = issue.code === 'too_big';
	switch (field) {
		case 'title':
			return tooLong ? 'Shorten the title to 200 characters or fewer.' : 'Give the article a title.';
		case 'body':
			return 'The text is too long: keep it under 50,000 characters, or split it into two articles.';
		case 'tags':
			return issue.path.length > 1 ? 'Shorten each tag to 40 characters or fewer.' : 'Use 30 tags or fewer.';
		case 'kind':
			return 'Choose whether this is an article or a question and answer.';
	}
}

/** The fields to focus first when a save is refused, in the order the form shows them. */
export const FIELD_ORDER: readonly DraftField[] = ['kind', 'title', 'tags', 'body'];

import { describe, expect, it } from 'vitest';
import { seededRandom } from '$core/random';
import { KbArticle } from '$core/schemas';
import { articleSlug, buildArticle, draftOf, newArticleId, parseTags, slugify } from './kb-editor';

const NOW = new Date('2026-11-20T09:30:00.000Z');
const context = { author: 'mrivera', now: NOW, random: seededRandom(7) };

const existing: KbArticle = {
	_id: 'kb:wifi-abc123',
	_rev: '3-abc',
	type: 'kb',
	kind: 'faq',
	title: 'Why does the Wi-Fi drop?',
	body: 'Forget the network and join again.',
	tags: ['wifi'],
	updatedAt: '2026-10-01T08:00:00.000Z',
	author: 'admin'
};

describe('article ids', () => {
	it('makes a slug of lower-case letters, digits and dashes from any title', () => {
		expect(slugify('How do I clear a Paper Jam?')).toBe('how-do-i-clear-a-paper-jam');
		expect(slugify('  Café Wi-Fi: año 2026!  ')).toBe('cafe-wi-fi-ano-2026');
		expect(slugify('<script>alert(1)</script>')).toBe('script-alert-1-script');
	});

	it('keeps slugs to 40 characters, cutting at a word where it can', () => {
		const slug = slugify('Connecting the classroom projector to a Chromebook with the HDMI adapter');
		expect(slug.length).toBeLessThanOrEqual(40);
		expect(slug).toBe('connecting-the-classroom-projector-to-a');
		expect(slugify('a'.repeat(60))).toBe('a'.repeat(40));
	});

	it('falls back to a word when the title has no letters or digits', () => {
		expect(slugify('???')).toBe('article');
		expect(slugify('日本語')).toBe('article');
	});

	it('gives new ids the kb: prefix, the slug and a random part the schema accepts', () => {
		const id = newArticleId('Printer jam', seededRandom(1));
		expect(id).toMatch(/^kb:printer-jam-[a-z0-9]{6}$/);
		expect(newArticleId('Printer jam', seededRandom(2))).not.toBe(id);
		expect(articleSlug(id)).toBe(id.slice(3));
	});
});

describe('tags', () => {
	it('reads comma-separated tags, trimming, dropping blanks and repeats in any case', () => {
		expect(parseTags(' printer,  paper   jam ,, Printer, toner ')).toEqual(['printer', 'paper jam', 'toner']);
		expect(parseTags('')).toEqual([]);
	});
});

describe('building an article', () => {
	it('builds a new article the schema accepts, written by the person saving it', () => {
		const result = buildArticle({ kind: 'faq', title: '  Paper jam  ', tags: 'printer, jam', body: '# Steps' }, context);
		expect(result).toEqual({
			doc: {
				_id: expect.stringMatching(/^kb:paper-jam-[a-z0-9]{6}$/),
				type: 'kb',
				kind: 'faq',
				title: 'Paper jam',
				body: '# Steps',
				tags: ['printer', 'jam'],
				updatedAt: '2026-11-20T09:30:00.000Z',
				author: 'mrivera'
			}
		});
	});

	it('keeps an edited article’s id and revision, and signs and dates the change with its editor', () => {
		const result = buildArticle({ ...draftOf(existing), body: 'Restart the laptop.' }, { ...context, existing, author: 'jkowalski' });
		expect(result).toEqual({ doc: { ...existing, body: 'Restart the laptop.', updatedAt: NOW.toISOString(), author: 'jkowalski' } });
	});

	it('round-trips an article through the editor draft', () => {
		expect(draftOf(existing)).toEqual({ kind: 'faq', title: existing.title, tags: 'wifi', body: existing.body });
		expect(draftOf()).toEqual({ kind: 'article', title: '', tags: '', body: '' });
	});

	it('says in plain words what to fix, per field', () => {
		expect(buildArticle({ kind: 'article', title: '   ', tags: '', body: ' ' }, context)).toEqual({
			problems: { title: 'Give the article a title.', body: 'Write the text of the article.' }
		});
		expect(buildArticle({ kind: 'article', title: 'x'.repeat(201), tags: `${'t'.repeat(41)}, ok`, body: 'x'.repeat(50_001) }, context)).toEqual({
			problems: {
				title: 'Shorten the title to 200 characters or fewer.',
				tags: 'Shorten each tag to 40 characters or fewer.',
				body: 'The text is too long: keep it under 50,000 characters, or split it into two articles.'
			}
		});
		const many = Array.from({ length: 31 }, (_, i) => `tag${i}`).join(',');
		expect(buildArticle({ kind: 'article', title: 'T', tags: many, body: 'b' }, context)).toEqual({ problems: { tags: 'Use 30 tags or fewer.' } });
	});

	it('refuses a kind the schema does not know', () => {
		const draft = { kind: 'poem' as 'faq', title: 'T', tags: '', body: 'b' };
		expect(buildArticle(draft, context)).toEqual({ problems: { kind: 'Choose whether this is an article or a question and answer.' } });
	});
});

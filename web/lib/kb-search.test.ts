import { describe, expect, it } from 'vitest';
import type { KbArticle } from '$core/schemas';
import { filterKb, searchKb } from './kb-search';

const article = (id: string, title: string, body: string, tags: string[] = []): KbArticle => ({
	_id: `kb:${id}`,
	type: 'kb',
	kind: 'article',
	title,
	body,
	tags,
	updatedAt: '2026-11-01T00:00:00.000Z',
	author: 'admin'
});

const ARTICLES = [
	article('jam', 'Clearing a paper jam', 'Open the printer door and pull the paper.', ['printer']),
	article('wifi', 'Wi-Fi keeps dropping', 'Forget the network and join it again.', ['wireless']),
	article('projector', 'Projector shows no picture', 'Check the input source on the projector remote.')
];

describe('suggesting knowledge-base articles', () => {
	it('finds an article from words of its title, tags and body, best match first', () => {
		expect(searchKb(ARTICLES, 'the printer keeps jamming paper').map((a) => a._id)).toEqual(['kb:jam']);
	});

	it('suggests nothing for an empty text, stop words only, or when the device holds no articles', () => {
		expect(searchKb(ARTICLES, '')).toEqual([]);
		expect(searchKb(ARTICLES, 'it is not the')).toEqual([]);
		expect(searchKb([], 'printer jam')).toEqual([]);
	});

	it('ignores a single chance word in a body', () => {
		expect(searchKb(ARTICLES, 'the door squeaks')).toEqual([]);
	});
});

describe('filtering the list of help articles', () => {
	it('keeps the articles holding every searched word, in the title, tags or body', () => {
		expect(filterKb(ARTICLES, 'remote').map((a) => a._id)).toEqual(['kb:projector']);
		expect(filterKb(ARTICLES, 'printer paper').map((a) => a._id)).toEqual(['kb:jam']);
		expect(filterKb(ARTICLES, 'printer wireless')).toEqual([]);
	});

	it('shows every article for an empty search or one of stop words only', () => {
		expect(filterKb(ARTICLES, '  ')).toHaveLength(3);
		expect(filterKb(ARTICLES, 'how do i')).toHaveLength(3);
	});
});

import { describe, expect, it } from 'vitest';
import { appendEntries, newTicket } from '../ticket';
import { mergeResults, SearchQuery, SearchResult, searchResult } from './results';

const base = newTicket(
	{ number: 'K7M-4QX', requester: 'maya', requesterName: 'Maya Nakamura', createdBy: 'coord', source: 'phone', title: 'Projector', description: 'The lamp blinks.', building: 'north' },
	'2026-11-02T15:00:00Z',
	'c1'
);
const ticket = appendEntries(base, [
	{ id: 'n1', at: '2026-11-02T16:00:00Z', by: 'tech', kind: 'note', text: 'Ordered a lamp.' },
	{ id: 'n2', at: '2026-11-02T17:00:00Z', by: 'tech', kind: 'note', text: 'New lamp fitted.' }
]);

describe('searchResult', () => {
	it('shows the newest note that holds a matched word', () => {
		expect(searchResult(ticket, { terms: ['lamp'], fields: ['notes', 'description'] })).toEqual({
			number: 'K7M-4QX',
			title: 'Projector',
			status: 'new',
			requesterName: 'Maya Nakamura',
			contactPhone: '',
			createdAt: '2026-11-02T15:00:00Z',
			closedAt: null,
			terms: ['lamp'],
			fields: ['notes', 'description'],
			excerpt: 'New lamp fitted.'
		});
	});

	it('shows no excerpt when the match was the title, a name or a number', () => {
		expect(searchResult(ticket, { terms: ['maya'], fields: ['people'] }).excerpt).toBe('');
	});
});

describe('mergeResults', () => {
	const row = (number: string): SearchResult => ({ ...searchResult(ticket, { terms: [], fields: [] }), number });
	it('puts the device results first and adds only the server results the device does not hold', () => {
		const merged = mergeResults([row('AAA-222'), row('BBB-222')], [row('BBB-222'), row('CCC-222')]);
		expect(merged.map((r) => [r.number, r.onDevice])).toEqual([
			['AAA-222', true],
			['BBB-222', true],
			['CCC-222', false]
		]);
	});
});

describe('SearchQuery', () => {
	it('trims the search and gives a default limit', () => {
		expect(SearchQuery.parse({ q: ' lamp ' })).toEqual({ q: 'lamp', limit: 20 });
		expect(SearchQuery.parse({ q: 'lamp', limit: '5' })).toEqual({ q: 'lamp', limit: 5 });
	});

	it('refuses an empty search, a long one, a wrong limit and unknown fields', () => {
		for (const bad of [{ q: '  ' }, { q: 'x'.repeat(201) }, { q: 'lamp', limit: '0' }, { q: 'lamp', limit: 'many' }, { q: 'lamp', x: '1' }, {}])
			expect(SearchQuery.safeParse(bad).success).toBe(false);
	});
});

describe('searchResult terms', () => {
	it('cuts a matched word longer than 200 characters, so the answer passes the schema both sides parse with', () => {
		const long = 'x'.repeat(250);
		const result = searchResult(ticket, { terms: [long, 'lamp', `${'x'.repeat(200)}y`], fields: ['title'] });
		expect(result.terms).toEqual(['x'.repeat(200), 'lamp']);
		expect(SearchResult.safeParse(result).success).toBe(true);
	});
});

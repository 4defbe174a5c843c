import { describe, expect, it } from 'vitest';
import { appendEntries, newTicket } from '../ticket';
import { DeviceSearch } from './device-search';

const make = (number: string, title: string) =>
	newTicket({ number, requester: 'ann', requesterName: 'Ann Teacher', createdBy: 'ann', source: 'web', title, description: '', building: 'north' }, '2026-11-02T15:00:00Z', `${number}-c`);

describe('DeviceSearch', () => {
	it('adds, replaces and forgets only the tickets whose copy changed', async () => {
		const a = make('AAA-222', 'Projector');
		const b = make('BBB-222', 'Printer');
		const search = new DeviceSearch();
		expect(await search.update([a, b])).toEqual({ added: 2, replaced: 0, removed: 0 });
		expect(await search.update([a, b])).toEqual({ added: 0, replaced: 0, removed: 0 });
		const noted = appendEntries(b, [{ id: 'n1', at: '2026-11-02T16:00:00Z', by: 'tech', kind: 'note', text: 'Toner ordered.' }]);
		expect(await search.update([a, noted])).toEqual({ added: 0, replaced: 1, removed: 0 });
		expect(search.search('toner', 10).map((r) => [r.number, r.excerpt])).toEqual([['BBB-222', 'Toner ordered.']]);
		expect(await search.update([noted])).toEqual({ added: 0, replaced: 0, removed: 1 });
		expect(search.search('projector', 10)).toEqual([]);
		expect(search.size).toBe(1);
	});
});

import { describe, expect, it } from 'vitest';
import { activeOutagesFor, linkCandidates, outageWords } from './active';
import type { OutageDoc } from './outage';

type Brief = Pick<OutageDoc, '_id' | 'buildings' | 'restoredAt' | 'declaredAt' | 'services'>;
const outage = (id: string, buildings: string[], declaredAt: string, restoredAt: string | null = null, services = ['the network']): Brief => ({
	_id: `outage:${id}`,
	buildings,
	declaredAt,
	restoredAt,
	services
});

describe('activeOutagesFor', () => {
	const lincolnNet = outage('lincoln-net', ['lincoln-es'], '2026-12-07T16:10:00.000Z');
	const email = outage('email', [], '2026-12-07T15:00:00.000Z');
	const parkPhones = outage('park-phones', ['park-ms'], '2026-12-07T14:00:00.000Z');
	const oldLincoln = outage('old-lincoln', ['lincoln-es'], '2026-12-01T16:10:00.000Z', '2026-12-01T18:00:00.000Z');
	const all = [lincolnNet, email, parkPhones, oldLincoln];
	it.each([
		['Lincoln sees its own and the district-wide one, oldest first; not the restored one', 'lincoln-es', ['outage:email', 'outage:lincoln-net']],
		['Park sees its own and the district-wide one', 'park-ms', ['outage:park-phones', 'outage:email']],
		['a building with no outage of its own sees only the district-wide one', 'adams-hs', ['outage:email']]
	])('%s', (_name, building, ids) => {
		expect(activeOutagesFor(all, building).map((o) => o._id)).toEqual(ids);
	});
	it('outages declared at the same instant keep one order by id', () => {
		const a = outage('a', [], '2026-12-07T15:00:00.000Z');
		const b = outage('b', [], '2026-12-07T15:00:00.000Z');
		expect(activeOutagesFor([b, a], 'x').map((o) => o._id)).toEqual(['outage:a', 'outage:b']);
	});
});

describe('outageWords', () => {
	// 2026-12-07 is a Monday; Denver is UTC-7 in December.
	const NOW = Date.parse('2026-12-07T18:00:00.000Z');
	it.each([
		['one service today', outage('n', ['lincoln-es'], '2026-12-07T16:10:00.000Z'), 'The network is down at Lincoln Elementary since 9:10 AM; we are on it.'],
		['two services', outage('n', ['lincoln-es'], '2026-12-07T16:10:00.000Z', null, ['the network', 'phones']), 'The network and phones are down at Lincoln Elementary since 9:10 AM; we are on it.'],
		['three services', outage('n', ['lincoln-es'], '2026-12-07T16:10:00.000Z', null, ['email', 'phones', 'the network']), 'Email, phones and the network are down at Lincoln Elementary since 9:10 AM; we are on it.'],
		['since yesterday afternoon', outage('n', ['lincoln-es'], '2026-12-06T22:00:00.000Z'), 'The network is down at Lincoln Elementary since yesterday 3:00 PM; we are on it.'],
		['district-wide', outage('n', [], '2026-12-07T16:10:00.000Z', null, ['email']), 'Email is down across the district since 9:10 AM; we are on it.']
	])('%s', (_name, o, words) => {
		expect(outageWords(o, 'Lincoln Elementary', NOW, 'America/Denver')).toBe(words);
	});
});

describe('linkCandidates', () => {
	const t = (number: string, building: string, status: string, createdAt: string) => ({ number, building, status, createdAt }) as const;
	const tickets = [
		t('AAA-0001', 'lincoln-es', 'new', '2026-12-07T15:00:00.000Z'),
		t('AAA-0002', 'lincoln-es', 'resolved', '2026-12-07T15:05:00.000Z'),
		t('AAA-0003', 'park-ms', 'assigned', '2026-12-07T15:10:00.000Z'),
		t('AAA-0004', 'lincoln-es', 'in-progress', '2026-12-07T15:20:00.000Z'),
		t('AAA-0005', 'lincoln-es', 'assigned', '2026-12-07T15:30:00.000Z')
	];
	it.each([
		['open tickets in the building, not yet linked, newest first', { buildings: ['lincoln-es'], tickets: ['AAA-0005'] }, ['AAA-0004', 'AAA-0001']],
		['a district-wide outage offers every building', { buildings: [], tickets: [] }, ['AAA-0005', 'AAA-0004', 'AAA-0003', 'AAA-0001']]
	])('%s', (_name, outage, numbers) => {
		expect(linkCandidates(outage, tickets as never).map((x) => x.number)).toEqual(numbers);
	});
});

import { describe, expect, it } from 'vitest';
import { andList, bannerOutages, bannerWords, buildingsToName, latestNote } from './banner';

const outage = (id: string, buildings: string[], declaredAt: string, restoredAt: string | null = null) => ({ _id: `outage:${id}`, buildings, declaredAt, restoredAt });
const north = outage('north-net', ['north'], '2026-11-30T15:10:00.000Z');
const district = outage('email', [], '2026-11-30T14:00:00.000Z');
const south = outage('south-phones', ['south', 'west'], '2026-11-30T16:00:00.000Z');
const restored = outage('old', ['north'], '2026-11-29T15:00:00.000Z', '2026-11-29T17:00:00.000Z');
const all = [north, district, south, restored];

describe('bannerOutages', () => {
	it.each([
		['a requester at North sees North’s and the district-wide one, oldest first', { role: 'requester' as const, buildings: ['north'] }, ['outage:email', 'outage:north-net']],
		['a requester at West sees the outage naming West among others', { role: 'requester' as const, buildings: ['west'] }, ['outage:email', 'outage:south-phones']],
		['a requester with no building sees nothing', { role: 'requester' as const, buildings: [] }, []],
		['a building technician sees every ongoing outage', { role: 'building-tech' as const, buildings: ['north'] }, ['outage:email', 'outage:north-net', 'outage:south-phones']],
		['a coordinator sees every ongoing outage', { role: 'coordinator' as const, buildings: [] }, ['outage:email', 'outage:north-net', 'outage:south-phones']]
	])('%s', (_name, actor, ids) => {
		expect(bannerOutages(actor, all).map((o) => o._id)).toEqual(ids);
	});
});

describe('buildingsToName', () => {
	it.each([
		['a requester hears only their own building', { role: 'requester' as const, buildings: ['west'] }, ['south', 'west'], ['west']],
		['staff hear every building', { role: 'specialist' as const, buildings: [] }, ['south', 'west'], ['south', 'west']],
		['a district-wide outage names none', { role: 'requester' as const, buildings: ['west'] }, [], []]
	])('%s', (_name, actor, buildings, expected) => {
		expect(buildingsToName(actor, { buildings })).toEqual(expected);
	});
});

describe('andList', () => {
	it.each([
		[[], ''],
		[['North'], 'North'],
		[['North', 'South'], 'North and South'],
		[['North', 'South', 'West'], 'North, South and West']
	])('%j reads "%s"', (items, words) => expect(andList(items)).toBe(words));
});

describe('latestNote', () => {
	it('picks the newest note whatever the order', () => {
		const a = { at: '2026-11-30T15:20:00.000Z', by: 'coord', text: 'Provider on site.' };
		const b = { at: '2026-11-30T15:40:00.000Z', by: 'coord', text: 'Fiber spliced.' };
		expect(latestNote({ progress: [b, a] })).toBe(b);
		expect(latestNote({ progress: [] })).toBeNull();
	});
});

describe('bannerWords', () => {
	const names: Record<string, string> = { north: 'North Elementary', south: 'South Middle', west: 'West High' };
	const name = (code: string) => names[code] ?? code;
	// 15:10 UTC is 8:10 AM in Denver (MST) on Nov 30.
	const now = Date.parse('2026-11-30T17:00:00.000Z');
	it.each([
		['a requester at West hears only West', { role: 'requester' as const, buildings: ['west'] }, ['south', 'west'], 'The network is down at West High since 8:10 AM; we are on it.'],
		['staff hear both buildings', { role: 'coordinator' as const, buildings: [] }, ['south', 'west'], 'The network is down at South Middle and West High since 8:10 AM; we are on it.'],
		['a district-wide outage is across the district', { role: 'requester' as const, buildings: ['west'] }, [], 'The network is down across the district since 8:10 AM; we are on it.']
	])('%s', (_name, actor, buildings, words) => {
		expect(bannerWords(actor, { services: ['the network'], buildings, declaredAt: '2026-11-30T15:10:00.000Z' }, name, now, 'America/Denver')).toBe(words);
	});
});

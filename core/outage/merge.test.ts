import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { canJoinOutage, mergeOutages } from './merge';
import type { OutageDoc } from './outage';

const base: OutageDoc = {
	_id: 'outage:north-network',
	type: 'outage',
	services: ['the network'],
	buildings: ['north'],
	description: 'The fiber link to North is down.',
	declaredAt: '2026-11-30T14:00:00.000Z',
	declaredBy: 'coord',
	progress: [],
	restoredAt: null,
	restoredBy: null,
	tickets: []
};
const note = (at: string, by: string, text: string) => ({ at: `2026-11-30T${at}:00.000Z`, by, text });
const a1 = note('14:10', 'coord', 'Comcast is on site.');
const b1 = note('14:05', 'coord2', 'The switch in room 12 is dark.');
const a2 = note('14:20', 'coord', 'Fiber spliced.');

describe('mergeOutages', () => {
	const cases: { name: string; versions: Partial<OutageDoc>[]; expected: Partial<OutageDoc> }[] = [
		{
			name: 'keeps both coordinators’ notes, in time order',
			versions: [{ _rev: '2-a', progress: [a1, a2] }, { _rev: '2-b', progress: [b1] }],
			expected: { progress: [b1, a1, a2], restoredAt: null, restoredBy: null, tickets: [] }
		},
		{
			name: 'keeps a note both versions carry once',
			versions: [{ _rev: '3-a', progress: [b1, a1] }, { _rev: '3-b', progress: [b1, a2] }],
			expected: { progress: [b1, a1, a2] }
		},
		{
			name: 'takes "service restored" from the version that has it',
			versions: [{ _rev: '2-a', progress: [a1] }, { _rev: '2-b', restoredAt: '2026-11-30T15:00:00.000Z', restoredBy: 'coord2' }],
			expected: { progress: [a1], restoredAt: '2026-11-30T15:00:00.000Z', restoredBy: 'coord2' }
		},
		{
			name: 'takes the earliest "service restored" when both have one',
			versions: [
				{ _rev: '2-z', restoredAt: '2026-11-30T15:30:00.000Z', restoredBy: 'coord' },
				{ _rev: '2-b', restoredAt: '2026-11-30T15:00:00.000Z', restoredBy: 'coord2' }
			],
			expected: { restoredAt: '2026-11-30T15:00:00.000Z', restoredBy: 'coord2' }
		},
		{
			name: 'links every ticket either version linked',
			versions: [{ _rev: '2-a', tickets: ['K7M-4QX', 'A2B-3CD'] }, { _rev: '2-b', tickets: ['A2B-3CD', 'Z9Z-9ZZ'] }],
			expected: { tickets: ['A2B-3CD', 'K7M-4QX', 'Z9Z-9ZZ'] }
		},
		{
			name: 'takes services, buildings and description from the winning revision (longer history first)',
			versions: [
				{ _rev: '3-a', services: ['the network', 'phones'], buildings: ['north', 'south'], description: 'Widened.' },
				{ _rev: '2-z', description: 'Older.' }
			],
			expected: { services: ['the network', 'phones'], buildings: ['north', 'south'], description: 'Widened.' }
		},
		{
			name: 'between equal generations the greater hash wins, whatever the order given',
			versions: [{ _rev: '2-a', description: 'From a.' }, { _rev: '2-b', description: 'From b.' }],
			expected: { description: 'From b.' }
		}
	];
	for (const { name, versions, expected } of cases) {
		it(name, () => {
			const merged = mergeOutages(versions.map((v) => ({ ...base, ...v })));
			expect(merged).toMatchObject(expected);
			expect(merged).not.toHaveProperty('_rev');
		});
	}

	it('gives the same result whichever order the versions come in', () => {
		const x = { ...base, _rev: '2-a', progress: [a1], tickets: ['K7M-4QX'] };
		const y = { ...base, _rev: '2-b', progress: [b1], restoredAt: '2026-11-30T15:00:00.000Z', restoredBy: 'coord2' };
		expect(mergeOutages([x, y])).toEqual(mergeOutages([y, x]));
	});
});

describe('canJoinOutage', () => {
	const coord2: Actor = { username: 'coord2', role: 'coordinator', kind: 'staff', buildings: [] };
	const now = new Date('2026-11-30T16:00:00.000Z');

	it('lets a coordinator’s offline note join notes another coordinator added meanwhile', () => {
		expect(canJoinOutage(coord2, { ...base, progress: [a1] }, { ...base, progress: [b1] }, now)).toBeNull();
	});

	it('refuses an offline note once service was restored meanwhile', () => {
		const current = { ...base, progress: [a1], restoredAt: '2026-11-30T15:00:00.000Z', restoredBy: 'coord' };
		expect(canJoinOutage(coord2, current, { ...base, progress: [b1] }, now)?.reason).toBe(
			'Service was restored; declare a new outage if it fails again.'
		);
	});

	it('refuses a note written under someone else’s name', () => {
		expect(canJoinOutage(coord2, { ...base, progress: [b1] }, { ...base, progress: [a1] }, now)?.code).toBe('wrong-author');
	});
});

import { describe, expect, it } from 'vitest';
import { OutageDoc } from '../outage/outage';

type Row = [string, OutageDoc | null, OutageDoc, string[]];
import { eventsFromOutageChange, outageAudience, type OutagePerson } from './outage-events';

const declared = OutageDoc.parse({
	_id: 'outage:lincoln-network',
	type: 'outage',
	services: ['the network'],
	buildings: ['lincoln-es'],
	description: 'The fiber link is down.',
	declaredAt: '2026-12-07T16:10:00.000Z',
	declaredBy: 'coord.dee',
	restoredAt: null,
	restoredBy: null
});
const note = { at: '2026-12-07T16:40:00.000Z', by: 'coord.dee', text: 'Comcast is on site.' };
const note2 = { at: '2026-12-07T16:50:00.000Z', by: 'coord.max', text: 'Splicing.' };
const withNote = { ...declared, progress: [note] };
const withTwo = { ...declared, progress: [note, note2] };
const restored = { ...withNote, restoredAt: '2026-12-07T17:00:00.000Z', restoredBy: 'coord.max' };
const AUDIENCE = ['coord.max', 'pat.lee', 'tech.ana'];
const P = Date.parse('2026-12-07T16:40:00.000Z');
const P2 = Date.parse('2026-12-07T16:50:00.000Z');

describe('eventsFromOutageChange', () => {
	it.each<Row>([
		['a declared outage tells everyone but its author', null, declared, ['outage:lincoln-network:posted:coord.max', 'outage:lincoln-network:posted:pat.lee', 'outage:lincoln-network:posted:tech.ana']],
		['a progress note tells everyone but its author', declared, withNote, [`outage:lincoln-network:progress:${P}:coord.dee:coord.max`, `outage:lincoln-network:progress:${P}:coord.dee:pat.lee`, `outage:lincoln-network:progress:${P}:coord.dee:tech.ana`]],
		['only the new note is told', withNote, withTwo, [`outage:lincoln-network:progress:${P2}:coord.max:pat.lee`, `outage:lincoln-network:progress:${P2}:coord.max:tech.ana`]],
		['service restored tells everyone but who marked it', withNote, restored, ['outage:lincoln-network:restored:pat.lee', 'outage:lincoln-network:restored:tech.ana']],
		['an outage first seen restored tells only that it is over', null, restored, ['outage:lincoln-network:restored:pat.lee', 'outage:lincoln-network:restored:tech.ana']],
		['a replayed change tells nobody', restored, restored, []],
		['linking tickets tells nobody', declared, { ...declared, tickets: ['K7M-4QX'] }, []]
	])('%s', (_name, old, next, keys) => {
		expect(eventsFromOutageChange(old, next, AUDIENCE).map((e) => e.key)).toEqual(keys);
	});

	it('an event names the outage, its kind, who wrote the step and when', () => {
		expect(eventsFromOutageChange(declared, withNote, ['pat.lee'])).toEqual([
			{ key: `outage:lincoln-network:progress:${P}:coord.dee:pat.lee`, kind: 'outage-progress', recipient: 'pat.lee', at: P, outage: 'outage:lincoln-network', by: 'coord.dee' }
		]);
	});
});

describe('outageAudience', () => {
	const people: OutagePerson[] = [
		{ username: 'pat.lee', kind: 'staff', buildings: ['lincoln-es'], active: true },
		{ username: 'stu.kim', kind: 'student', buildings: ['lincoln-es'], active: true },
		{ username: 'old.joe', kind: 'staff', buildings: ['lincoln-es'], active: false },
		{ username: 'dana.fox', kind: 'staff', buildings: ['park-ms'], active: true },
		{ username: 'tech.ana', kind: 'staff', buildings: ['park-ms', 'lincoln-es'], active: true }
	];
	it.each([
		['active staff of the building hit', ['lincoln-es'], [], ['pat.lee', 'tech.ana']],
		['students only when they said "me too"', ['lincoln-es'], ['stu.kim'], ['pat.lee', 'stu.kim', 'tech.ana']],
		['someone from another building who said "me too"', ['lincoln-es'], ['dana.fox', 'pat.lee'], ['dana.fox', 'pat.lee', 'tech.ana']],
		['everyone active on staff for a district-wide outage', [], [], ['dana.fox', 'pat.lee', 'tech.ana']]
	])('%s', (_name, buildings, affected, expected) => {
		expect(outageAudience({ buildings }, people, affected)).toEqual(expected);
	});
});

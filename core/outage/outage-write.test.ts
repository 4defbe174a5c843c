import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { OutageAffectedDoc, OutageDoc } from './outage';
import { canReadOutageAffected, canWriteOutage, canWriteOutageAffected } from './outage-write';

const NOW = new Date('2026-12-07T17:00:00.000Z');
const pat: Actor = { username: 'pat.lee', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const kim: Actor = { username: 'stu.kim', role: 'requester', buildings: ['lincoln-es'], kind: 'student' };
const ana: Actor = { username: 'tech.ana', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };
const dee: Actor = { username: 'coord.dee', role: 'coordinator', buildings: [], kind: 'staff' };
const max: Actor = { username: 'coord.max', role: 'coordinator', buildings: [], kind: 'staff' };
const eve: Actor = { username: 'admin.eve', role: 'admin', buildings: [], kind: 'staff' };

const declared: OutageDoc = OutageDoc.parse({
	_id: 'outage:lincoln-network',
	type: 'outage',
	services: ['the network'],
	buildings: ['lincoln-es'],
	description: 'The fiber link to Lincoln is down.',
	declaredAt: '2026-12-07T16:10:00.000Z',
	declaredBy: 'coord.dee',
	restoredAt: null,
	restoredBy: null
});
const note = (by: string, at: string, text = 'Comcast is on site.') => ({ at, by, text });
const withNote = { ...declared, progress: [note('coord.dee', '2026-12-07T16:40:00.000Z')] };
const restored = { ...withNote, restoredAt: '2026-12-07T16:55:00.000Z', restoredBy: 'coord.dee' };

describe('canWriteOutage', () => {
	const cases: [string, Actor, OutageDoc | null, OutageDoc | null, string | null][] = [
		['a coordinator declares an outage', dee, null, declared, null],
		['an administrator declares an outage', eve, null, { ...declared, declaredBy: 'admin.eve' }, null],
		['a requester cannot declare an outage', pat, null, { ...declared, declaredBy: 'pat.lee' }, 'not-allowed'],
		['a technician cannot declare an outage', ana, null, { ...declared, declaredBy: 'tech.ana' }, 'not-allowed'],
		['an outage is declared under the declarer’s name', max, null, declared, 'wrong-author'],
		['an outage is not declared already restored', dee, null, restored, 'bad-transition'],
		['an outage is not declared with progress notes', dee, null, withNote, 'not-allowed'],
		['an outage dated an hour ahead is refused', dee, null, { ...declared, declaredAt: '2026-12-07T18:00:00.000Z' }, 'bad-time'],
		['a coordinator adds a progress note', dee, declared, withNote, null],
		['another coordinator adds a note under their own name', max, withNote, { ...withNote, progress: [...withNote.progress, note('coord.max', '2026-12-07T16:50:00.000Z')] }, null],
		['a note under someone else’s name is refused', max, declared, withNote, 'wrong-author'],
		['a note dated before the declaration is refused', dee, declared, { ...declared, progress: [note('coord.dee', '2026-12-07T16:00:00.000Z')] }, 'bad-time'],
		['a note is never edited', dee, withNote, { ...withNote, progress: [note('coord.dee', '2026-12-07T16:40:00.000Z', 'Fixed.')] }, 'history-rewritten'],
		['a note is never removed', dee, withNote, declared, 'history-rewritten'],
		['a requester cannot add a note', pat, declared, { ...declared, progress: [note('pat.lee', '2026-12-07T16:40:00.000Z')] }, 'not-allowed'],
		['a coordinator widens the buildings and services', dee, declared, { ...declared, buildings: ['lincoln-es', 'park-ms'], services: ['the network', 'phones'] }, null],
		['a coordinator links tickets', dee, declared, { ...declared, tickets: ['K7M-4QX', 'K7M-4QY'] }, null],
		['the declaration time is fixed', dee, declared, { ...declared, declaredAt: '2026-12-07T16:00:00.000Z' }, 'fixed-field'],
		['the declarer is fixed', max, declared, { ...declared, declaredBy: 'coord.max' }, 'fixed-field'],
		['a coordinator marks service restored', dee, withNote, restored, null],
		['service restored under someone else’s name is refused', max, withNote, restored, 'wrong-author'],
		['restored needs both a time and a name', dee, withNote, { ...withNote, restoredBy: 'coord.dee' }, 'wrong-author'],
		['a restore is not undone', dee, restored, withNote, 'bad-transition'],
		['a restored outage takes no more notes', dee, restored, { ...restored, progress: [...restored.progress, note('coord.dee', '2026-12-07T16:58:00.000Z')] }, 'bad-transition'],
		['a coordinator may still link tickets after the restore', dee, restored, { ...restored, tickets: ['K7M-4QX'] }, null],
		['a coordinator cannot delete an outage', dee, declared, null, 'not-allowed'],
		['an administrator can delete an outage', eve, declared, null, null]
	];
	it.each(cases)('%s', (_name, actor, old, next, code) => {
		expect(canWriteOutage(actor, old, next, NOW)?.code ?? null).toBe(code);
	});
});

describe('canWriteOutageAffected', () => {
	const mine = OutageAffectedDoc.parse({
		_id: 'outage-affected:lincoln-network:pat.lee',
		type: 'outage-affected',
		outage: 'outage:lincoln-network',
		username: 'pat.lee',
		at: '2026-12-07T16:30:00.000Z'
	});
	const cases: [string, Actor, OutageAffectedDoc | null, OutageAffectedDoc | null, OutageDoc | null, string | null][] = [
		['a requester adds themself to an ongoing outage', pat, null, mine, declared, null],
		['a requester cannot add someone else', kim, null, mine, declared, 'wrong-author'],
		['the id must name the outage and the person', pat, null, { ...mine, _id: 'outage-affected:other:pat.lee' }, declared, 'fixed-field'],
		['an unknown outage is refused', pat, null, mine, null, 'not-allowed'],
		['a restored outage takes no more people', pat, null, mine, restored, 'bad-transition'],
		['a "me too" is not edited', pat, mine, { ...mine, at: '2026-12-07T16:31:00.000Z' }, declared, 'fixed-field'],
		['a requester takes their own back', pat, mine, null, declared, null],
		['nobody takes back someone else’s', ana, mine, null, declared, 'wrong-author'],
		['a "me too" dated tomorrow is refused', pat, null, { ...mine, at: '2026-12-08T16:30:00.000Z' }, declared, 'bad-time']
	];
	it.each(cases)('%s', (_name, actor, old, next, outage, code) => {
		expect(canWriteOutageAffected(actor, old, next, outage, NOW)?.code ?? null).toBe(code);
	});

	it.each([
		['the person themself', kim, true],
		['a technician', ana, true],
		['another requester', pat, false]
	] as const)('a student’s "me too" is seen by %s: %s', (_name, actor, seen) => {
		expect(canReadOutageAffected(actor, { username: 'stu.kim' })).toBe(seen);
	});
});

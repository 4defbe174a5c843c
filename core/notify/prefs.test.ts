import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import type { Role } from '../schemas';
import type { EventKind } from './event';
import { canReadNotifyPrefs, canWriteNotifyPrefs, channelsFor, NotifyPrefsDoc, prefsFor } from './prefs';

const NOW = new Date('2026-12-07T17:00:00.000Z');
const pat: Actor = { username: 'pat.lee', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const ana: Actor = { username: 'tech.ana', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };
const eve: Actor = { username: 'admin.eve', role: 'admin', buildings: [], kind: 'staff' };
const patPrefs = NotifyPrefsDoc.parse({ _id: 'notify-prefs:pat.lee', type: 'notify-prefs', username: 'pat.lee', choices: { note: 'in-app' }, updatedAt: '2026-12-07T16:00:00.000Z' });

describe('channelsFor', () => {
	it.each<[string, Role, NotifyPrefsDoc['choices'] | null, EventKind, { email: boolean; inApp: boolean }]>([
		['a requester hears of a note by mail and in the app by default', 'requester', null, 'note', { email: true, inApp: true }],
		['a requester who turned mail off hears of notes in the app only', 'requester', { note: 'in-app' }, 'note', { email: false, inApp: true }],
		['turning mail off for notes leaves outages as they were', 'requester', { note: 'in-app' }, 'outage-posted', { email: true, inApp: true }],
		['a requester may turn outage progress off altogether', 'requester', { 'outage-progress': 'none' }, 'outage-progress', { email: false, inApp: false }],
		['a technician hears of an assignment both ways by default', 'building-tech', null, 'assigned', { email: true, inApp: true }],
		['a technician hears of at risk in the app only by default', 'building-tech', null, 'at-risk', { email: false, inApp: true }],
		['a technician hears of a breach both ways by default', 'specialist', null, 'breached', { email: true, inApp: true }],
		['a coordinator may want breaches by mail only', 'coordinator', { breached: 'email' }, 'breached', { email: true, inApp: false }],
		['an administrator hears of an escalation both ways by default', 'admin', null, 'escalated', { email: true, inApp: true }]
	])('%s', (_name, role, choices, kind, expected) => {
		expect(channelsFor(prefsFor(role, choices && { choices }), { kind })).toEqual(expected);
	});

	it('choices name only kinds of events and channels that exist', () => {
		expect(NotifyPrefsDoc.safeParse({ ...patPrefs, choices: { note: 'sms' } }).success).toBe(false);
		expect(NotifyPrefsDoc.safeParse({ ...patPrefs, choices: { birthday: 'email' } }).success).toBe(false);
	});
});

describe('canWriteNotifyPrefs', () => {
	it.each<[string, Actor, NotifyPrefsDoc | null, NotifyPrefsDoc | null, string | null]>([
		['a person saves their own choices', pat, null, patPrefs, null],
		['a person changes their own choices', pat, patPrefs, { ...patPrefs, choices: { note: 'none' } }, null],
		['nobody saves someone else’s choices', ana, null, patPrefs, 'not-allowed'],
		['nobody changes someone else’s choices', ana, patPrefs, { ...patPrefs, choices: {} }, 'not-allowed'],
		['nobody takes over someone else’s choices', ana, patPrefs, { ...patPrefs, username: 'tech.ana' }, 'not-allowed'],
		['an administrator does not change someone’s choices', eve, patPrefs, { ...patPrefs, choices: {} }, 'not-allowed'],
		['an administrator may remove someone’s choices', eve, patPrefs, null, null],
		['the id names the person', pat, null, { ...patPrefs, _id: 'notify-prefs:sam.ortiz' }, 'fixed-field'],
		['choices dated tomorrow are refused', pat, null, { ...patPrefs, updatedAt: '2026-12-08T17:00:00.000Z' }, 'bad-time']
	])('%s', (_name, actor, old, next, code) => {
		expect(canWriteNotifyPrefs(actor, old, next, NOW)?.code ?? null).toBe(code);
	});

	it.each<[string, Actor, boolean]>([
		['the person', pat, true],
		['an administrator', eve, true],
		['a technician', ana, false]
	])('choices are seen by %s: %s', (_name, actor, seen) => {
		expect(canReadNotifyPrefs(actor, patPrefs)).toBe(seen);
	});
});

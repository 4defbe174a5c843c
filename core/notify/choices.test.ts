import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { EVENT_KINDS } from './event-kinds';
import { CHANNEL_WORDS, KIND_WORDS, kindsFor, prefsDocFor, sendsEmail } from './choices';
import { canWriteNotifyPrefs, channelsFor, NotifyPrefsDoc, prefsFor } from './prefs';

const NOW = new Date('2026-12-07T17:00:00.000Z');
const pat: Actor = { username: 'pat.lee', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };

describe('kindsFor', () => {
	it('offers a requester notes on their tickets and outages only', () => {
		expect(kindsFor('requester')).toEqual(['note', 'outage-posted', 'outage-progress', 'outage-restored']);
	});

	it('offers staff every kind of event', () => {
		for (const role of ['building-tech', 'specialist', 'coordinator', 'admin'] as const)
			expect(kindsFor(role)).toEqual(['assigned', 'escalated', 'note', 'at-risk', 'breached', 'outage-posted', 'outage-progress', 'outage-restored']);
	});
});

describe('words', () => {
	it('names every kind of event and every channel choice once', () => {
		expect(Object.keys(KIND_WORDS).sort()).toEqual([...EVENT_KINDS].sort());
		expect(CHANNEL_WORDS.map((c) => c.choice).sort()).toEqual(['both', 'email', 'in-app', 'none']);
	});

	it('knows which choices send email', () => {
		expect(CHANNEL_WORDS.filter((c) => sendsEmail(c.choice)).map((c) => c.choice)).toEqual(['both', 'email']);
	});
});

describe('prefsDocFor', () => {
	it('saves a requester who turned email off for notes, and every kind shown, so mail stops for notes only', () => {
		const doc = prefsDocFor(null, pat, { note: 'in-app' }, NOW);
		expect(doc).toEqual({
			_id: 'notify-prefs:pat.lee',
			type: 'notify-prefs',
			username: 'pat.lee',
			choices: { note: 'in-app', 'outage-posted': 'both', 'outage-progress': 'both', 'outage-restored': 'both' },
			updatedAt: '2026-12-07T17:00:00.000Z'
		});
		expect(NotifyPrefsDoc.safeParse(doc).success).toBe(true);
		expect(canWriteNotifyPrefs(pat, null, doc, NOW)).toBeNull();
		const prefs = prefsFor('requester', doc);
		expect(channelsFor(prefs, { kind: 'note' })).toEqual({ email: false, inApp: true });
		expect(channelsFor(prefs, { kind: 'outage-posted' })).toEqual({ email: true, inApp: true });
	});

	it('keeps the stored revision and the choices of kinds the screen does not show', () => {
		const old = NotifyPrefsDoc.parse({
			_id: 'notify-prefs:pat.lee',
			_rev: '3-abc',
			type: 'notify-prefs',
			username: 'pat.lee',
			choices: { breached: 'none', 'outage-progress': 'none' },
			updatedAt: '2026-12-06T08:00:00.000Z'
		});
		const doc = prefsDocFor(old, pat, { note: 'email' }, NOW);
		expect(doc._rev).toBe('3-abc');
		expect(doc.choices).toEqual({ breached: 'none', note: 'email', 'outage-posted': 'both', 'outage-progress': 'none', 'outage-restored': 'both' });
		expect(canWriteNotifyPrefs(pat, old, doc, NOW)).toBeNull();
	});
});

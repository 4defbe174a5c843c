import { describe, expect, it } from 'vitest';
import { canRead, canWrite, deviceView } from '../access';
import type { VoicemailDoc } from './docs';

const actor = (username: string, role: 'building-tech' | 'coordinator' | 'requester' = 'building-tech') => ({ username, role, buildings: ['lincoln-es'], kind: 'staff' as const });
const voicemail: VoicemailDoc = {
	_id: `voicemail:RE${'a'.repeat(32)}`,
	type: 'voicemail',
	recordingSid: `RE${'a'.repeat(32)}`,
	callSid: `CA${'b'.repeat(32)}`,
	ticket: '3AU-Z8JB',
	filedAs: '3AU-Z8JB',
	assignee: 'spatel',
	formerAssignees: ['kbrennan'],
	from: '+13035550142',
	caller: null,
	emergency: false,
	recordedAt: '2026-12-01T15:00:00Z',
	durationSeconds: 12,
	transcript: 'done',
	transcriptText: 'The printer is jammed.',
	audio: 'stored',
	audioExpiresAt: '2027-03-01T15:00:00Z'
};
const now = new Date('2026-12-01T16:00:00Z');
const ctx = { now, person: () => undefined };

describe('who holds a voicemail', () => {
	it('goes to coordinators and its ticket’s assignee, and nobody else', () => {
		expect(canRead(actor('mrivera', 'coordinator'), voicemail)).toBe(true);
		expect(canRead(actor('spatel'), voicemail)).toBe(true);
		expect(canRead(actor('jwhitaker'), voicemail)).toBe(false);
		expect(canRead(actor('lgarcia', 'requester'), voicemail)).toBe(false);
	});

	it('is removed from a former assignee’s device, and never announced to anyone else', () => {
		expect(deviceView(actor('kbrennan'), voicemail, now, 30)).toBe('remove');
		expect(deviceView(actor('jwhitaker'), voicemail, now, 30)).toBe('skip');
		expect(deviceView(actor('spatel'), voicemail, now, 30)).toBe('send');
	});
});

describe('who changes a voicemail', () => {
	it('lets a coordinator move it to another ticket, and nothing else', () => {
		const coordinator = actor('mrivera', 'coordinator');
		expect(canWrite(coordinator, voicemail, { ...voicemail, ticket: '3AU-Z8JC' }, ctx)).toBeNull();
		expect(canWrite(coordinator, voicemail, { ...voicemail, transcriptText: 'Something else.' }, ctx)?.code).toBe('fixed-field');
		expect(canWrite(actor('spatel'), voicemail, { ...voicemail, ticket: '3AU-Z8JC' }, ctx)?.code).toBe('not-allowed');
		expect(canWrite(coordinator, null, voicemail, ctx)?.code).toBe('not-allowed');
		expect(canWrite(coordinator, voicemail, null, ctx)?.code).toBe('not-allowed');
	});
});

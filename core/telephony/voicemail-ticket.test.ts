import { describe, expect, it } from 'vitest';
import { autoAssignEntries } from '../assignment';
import type { Building, UserProfile } from '../schemas';
import { keptTranscript, noTranscriptEntry, transcriptEntry, voicemailTicket, type VoicemailTicketInput } from './voicemail-ticket';

const RS = 'RE0123456789abcdef0123456789abcdef';
const ann: UserProfile = { _id: 'user:ann', type: 'user', username: 'ann', name: 'Ann Teacher', role: 'requester', kind: 'staff', buildings: ['north', 'south'], email: 'ann@district.test', phone: '303-555-0142', active: true };
// Tuesday 1 December 2026, 16:14 UTC: 9:14 AM in Denver (UTC-7).
const AT = new Date('2026-12-01T16:14:00Z');
const base: VoicemailTicketInput = {
	number: 'K7M-22A',
	recordingSid: RS,
	from: '+13035550142',
	caller: ann,
	for: { kind: 'helpdesk' },
	durationSeconds: 45,
	at: AT,
	line: { defaultBuilding: 'district-office' },
	personName: (u) => ({ 'tech-n': 'Nina North' })[u] ?? u,
	timeZone: 'America/Denver'
};
const north: Building = { _id: 'building:north', type: 'building', code: 'north', name: 'North', kind: 'school', technician: 'tech-n' };

describe('voicemailTicket', () => {
	it('files a known caller’s help-desk message under their name, first building and email, unassigned and new', () => {
		const t = voicemailTicket(base);
		expect(t).toMatchObject({
			_id: 'ticket:K7M-22A',
			number: 'K7M-22A',
			requester: 'ann',
			requesterName: 'Ann Teacher',
			contactPhone: '(303) 555-0142',
			contactEmail: 'ann@district.test',
			createdBy: 'system',
			createdAt: '2026-12-01T16:14:00.000Z',
			source: 'voicemail',
			title: 'Voicemail from Ann Teacher',
			building: 'north',
			status: 'new',
			assignee: null,
			priority: null
		});
		expect(t.description).toBe(
			'Ann Teacher left a 45-second voicemail for the help desk, Tuesday, December 1, 2026 at 9:14 AM MST. Ann Teacher called from (303) 555-0142. The transcript follows when it arrives; the recording is on the voicemail.'
		);
		expect(t.history.map((e) => [e.id, e.by, e.kind])).toEqual([
			[`vm-${RS}-created`, 'system', 'created'],
			[`vm-${RS}-queue`, 'system', 'set']
		]);
	});

	it('stays in the coordinators’ queue: the gateway’s auto-assignment leaves it to them', () => {
		expect(autoAssignEntries(voicemailTicket(base), north, AT.toISOString(), 'x')).toEqual([]);
	});

	it('files an unknown caller under unknown-caller, keeping the number, in the line’s default building', () => {
		const t = voicemailTicket({ ...base, caller: null, from: '+17195550188', durationSeconds: 95 });
		expect(t).toMatchObject({
			requester: 'unknown-caller',
			requesterName: 'Caller at (719) 555-0188',
			contactPhone: '(719) 555-0188',
			contactEmail: '',
			title: 'Voicemail from (719) 555-0188',
			building: 'district-office'
		});
		expect(t.description).toBe(
			'A caller at (719) 555-0188 left a 1 min 35 s voicemail for the help desk, Tuesday, December 1, 2026 at 9:14 AM MST. The caller is not in the directory: call back (719) 555-0188. The transcript follows when it arrives; the recording is on the voicemail.'
		);
	});

	it('names a withheld number plainly and leaves the contact phone empty', () => {
		const t = voicemailTicket({ ...base, caller: null, from: '' });
		expect(t).toMatchObject({ requesterName: 'Caller with a withheld number', contactPhone: '', title: 'Voicemail from a withheld number' });
	});

	it('assigns a person’s message to them', () => {
		const t = voicemailTicket({ ...base, for: { kind: 'person', username: 'tech-n' }, durationSeconds: 120 });
		expect(t).toMatchObject({ assignee: 'tech-n', status: 'assigned', priority: null });
		expect(t.description).toContain('left a 2-minute voicemail for Nina North, who did not answer their extension,');
		expect(t.history).toHaveLength(1);
	});

	it('makes an emergency priority 1 and leaves it unassigned for whoever on call takes it', () => {
		const t = voicemailTicket({ ...base, for: { kind: 'emergency' } });
		expect(t).toMatchObject({ priority: 1, assignee: null, status: 'new' });
		expect(t.description).toContain('voicemail on the emergency line; nobody on call answered,');
	});
});

describe('transcript entries', () => {
	it('gives one transcript entry per recording, by the server', () => {
		expect(transcriptEntry(RS, 'Hi, this is Ann.', AT)).toEqual({ id: `vm-${RS}-transcript`, at: '2026-12-01T16:14:00.000Z', by: 'system', kind: 'transcript', text: 'Hi, this is Ann.' });
	});
	it('keeps a transcript trimmed, with a password the caller read out masked', () => {
		expect(keptTranscript('  Hi, this is Ann. My password is Tiger$2024 and it stopped working.  ')).toBe('Hi, this is Ann. My password is [password removed] and it stopped working.');
		expect(keptTranscript(null)).toBe('');
		expect(keptTranscript('word '.repeat(5_000))).toHaveLength(20_000);
	});
	it('says to listen when no transcript came', () => {
		expect(noTranscriptEntry(RS, AT)).toEqual({ id: `vm-${RS}-no-transcript`, at: '2026-12-01T16:14:00.000Z', by: 'system', kind: 'note', text: 'No transcript arrived: listen to the recording.' });
	});
});

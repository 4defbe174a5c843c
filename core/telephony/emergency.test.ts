import { describe, expect, it } from 'vitest';
import type { UserProfile } from '../schemas';
import { emergencyEvent, emergencySms, onCallRecipients } from './emergency';
import { voicemailTicket } from './voicemail-ticket';

const RS = 'RE0123456789abcdef0123456789abcdef';
const ticket = voicemailTicket({
	number: 'K7M-22A',
	recordingSid: RS,
	from: '+13035550142',
	caller: null,
	for: { kind: 'emergency' },
	durationSeconds: 30,
	at: new Date('2026-12-01T16:14:00Z'),
	line: { defaultBuilding: 'office' },
	personName: (u) => u,
	timeZone: 'America/Denver'
});
const person = (username: string, phone?: string, active = true): UserProfile => ({ _id: `user:${username}`, type: 'user', username, name: username, role: 'coordinator', kind: 'staff', buildings: [], active, ...(phone ? { phone } : {}) });

describe('emergency alerts', () => {
	it('texts the ticket, the caller, the call-back number and the link', () => {
		expect(emergencySms(ticket, 'https://help.district.org/')).toBe('Emergency voicemail, ticket K7M-22A: Caller at (303) 555-0142, call back (303) 555-0142. https://help.district.org/tickets/K7M-22A');
	});

	it('makes one event per ticket and person, dated when it was filed', () => {
		expect(emergencyEvent(ticket, RS, 'coord', 1000)).toEqual({ key: 'phone:emergency:K7M-22A:coord', kind: 'emergency', recipient: 'coord', at: 1000, ticket: 'K7M-22A', priority: 1, entryId: `vm-${RS}-created`, by: 'system' });
	});

	it('alerts each active on-call person once, with their mobile as E.164 when they have one', () => {
		const people = [person('coord', '(303) 555-0101'), person('spec', '720.555.0102'), person('gone', '303-555-0103', false), person('nophone')];
		expect(onCallRecipients(['spec', 'coord', 'spec', 'gone', 'nophone', 'nobody'], people).map((r) => [r.person.username, r.mobile])).toEqual([
			['spec', '+17205550102'],
			['coord', '+13035550101'],
			['nophone', null]
		]);
	});
});

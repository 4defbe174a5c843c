import { describe, expect, it } from 'vitest';
import type { Ticket } from '../schemas';
import { newTicket } from '../ticket';
import { withDistribution, withStatus } from '../ticket-changes';
import type { VoicemailDoc } from './docs';
import { phoneWords, voicemailCaller, voicemailQueue } from './voicemail-queue';

const filed = (number: string, at: string, source: Ticket['source'] = 'voicemail'): Ticket =>
	newTicket(
		{ number, requester: 'unknown-caller', requesterName: '+13035550142', createdBy: 'system', source, title: 'Voicemail', description: '', building: 'district-office', contactPhone: '+13035550142' },
		at,
		`${number}-c`
	);
const vm = (ticket: string, recordedAt: string, fields: Partial<VoicemailDoc> = {}) =>
	({ _id: `voicemail:${ticket}`, type: 'voicemail', ticket, recordedAt, from: '+17205550111', caller: null, ...fields }) as VoicemailDoc;
const stamp = (id: string) => ({ by: 'mrivera', at: '2026-12-01T15:00:00.000Z', id });

describe('voicemailQueue', () => {
	it('lists open, unassigned voicemail tickets oldest first, each with its voicemail or none yet', () => {
		const older = filed('222-2223', '2026-11-30T08:00:00.000Z');
		const newer = filed('222-2222', '2026-11-30T09:00:00.000Z');
		const sameTime = filed('222-2224', '2026-11-30T09:00:00.000Z');
		const web = filed('222-2225', '2026-11-30T07:00:00.000Z', 'web');
		const assigned = withDistribution(filed('222-2226', '2026-11-30T07:00:00.000Z'), stamp('a'), { assignee: 'spatel' });
		const closed = withStatus(filed('222-2227', '2026-11-30T07:00:00.000Z'), stamp('b'), 'closed', 'Spam.') as Ticket;
		const voicemails = [vm('222-2223', '2026-11-30T08:00:00.000Z'), vm('222-2226', '2026-11-30T07:00:00.000Z')];
		const queue = voicemailQueue([newer, web, assigned, closed, sameTime, older], voicemails);
		expect(queue.map((i) => i.ticket.number)).toEqual(['222-2223', '222-2222', '222-2224']);
		expect(queue.map((i) => i.voicemail?.ticket ?? null)).toEqual(['222-2223', null, null]);
	});

	it('pairs a ticket with the first voicemail recorded for it when another was moved onto it', () => {
		const ticket = filed('222-2222', '2026-11-30T09:00:00.000Z');
		const first = vm('222-2222', '2026-11-30T09:00:00.000Z', { _id: 'voicemail:first' });
		const moved = vm('222-2222', '2026-11-30T10:00:00.000Z', { _id: 'voicemail:moved' });
		expect(voicemailQueue([ticket], [moved, first])[0].voicemail?._id).toBe('voicemail:first');
	});
});

describe('voicemailCaller', () => {
	const person = (u: string) => (u === 'lgarcia' ? { name: 'Linda Garcia', buildings: ['lincoln-es', 'maple-grove-es'] } : undefined);
	it('names a matched caller and their first building, else gives the number', () => {
		const ticket = filed('222-2222', '2026-11-30T09:00:00.000Z');
		expect(voicemailCaller({ ticket, voicemail: vm('222-2222', ticket.createdAt, { caller: 'lgarcia' }) }, person)).toEqual({
			name: 'Linda Garcia',
			building: 'lincoln-es',
			number: '+17205550111'
		});
		expect(voicemailCaller({ ticket, voicemail: vm('222-2222', ticket.createdAt) }, person)).toEqual({ name: null, building: null, number: '+17205550111' });
		expect(voicemailCaller({ ticket, voicemail: null }, person)).toEqual({ name: null, building: null, number: '+13035550142' });
	});
});

describe('phoneWords', () => {
	it('writes a North American number the way people read it, and leaves others as they came', () => {
		expect(phoneWords('+17205550199')).toBe('(720) 555-0199');
		expect(phoneWords('+442071838750')).toBe('+442071838750');
		expect(phoneWords('anonymous')).toBe('anonymous');
	});
});

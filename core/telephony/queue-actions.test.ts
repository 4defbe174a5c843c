import { describe, expect, it } from 'vitest';
import { canWrite, type WriteContext } from '../access';
import type { Ticket, UserProfile } from '../schemas';
import { newTicket } from '../ticket';
import { withDistribution, withStatus } from '../ticket-changes';
import { VoicemailDoc } from './docs';
import { closedWithNote, markDuplicate, markSpam } from './queue-actions';

const RE = `RE${'a'.repeat(32)}`;
const voicemailTicket = (number: string, source: Ticket['source'] = 'voicemail'): Ticket =>
	newTicket(
		{ number, requester: 'unknown-caller', requesterName: '+13035550142', createdBy: 'system', source, title: 'Voicemail', description: 'A voicemail.', building: 'district-office', contactPhone: '+13035550142' },
		'2026-11-30T14:00:00.000Z',
		`${number}-created`
	);
const voicemail = (fields: Partial<VoicemailDoc> = {}): VoicemailDoc =>
	VoicemailDoc.parse({
		_id: `voicemail:${RE}`,
		type: 'voicemail',
		recordingSid: RE,
		callSid: `CA${'b'.repeat(32)}`,
		ticket: '222-2222',
		filedAs: '222-2222',
		assignee: null,
		from: '+13035550142',
		caller: null,
		emergency: false,
		recordedAt: '2026-11-30T14:00:00.000Z',
		durationSeconds: 31,
		transcript: 'done',
		transcriptText: 'The printer at Lincoln is jammed.',
		audio: 'stored',
		audioExpiresAt: '2027-02-28T14:00:00.000Z',
		_rev: '2-abc',
		...fields
	});
const stamp = { by: 'mrivera', at: '2026-12-01T15:00:00.000Z', id: 'MR2-lx-1' };
const coordinator: UserProfile = { _id: 'user:mrivera', type: 'user', username: 'mrivera', name: 'Marisol Rivera', role: 'coordinator', kind: 'staff', buildings: [], active: true };
const tech: UserProfile = { ...coordinator, _id: 'user:spatel', username: 'spatel', name: 'Sam Patel', role: 'building-tech', buildings: ['lincoln-es'] };
const CTX: WriteContext = { now: new Date('2026-12-01T15:01:00.000Z'), person: (u) => [coordinator, tech].find((p) => p.username === u) };

describe('markDuplicate', () => {
	it('moves the voicemail to the other ticket, notes the transcript there and closes this one, each write allowed', () => {
		const ticket = voicemailTicket('222-2222');
		const target = voicemailTicket('222-2223', 'web');
		const vm = voicemail();
		const result = markDuplicate({ ticket, voicemail: vm, target, callerWords: '+13035550142', stamp });
		if (!result.ok) throw new Error(result.reason);
		const { ticket: closed, target: noted, voicemail: moved } = result.value;
		expect(moved).toEqual({ ...vm, ticket: '222-2223' });
		expect(noted.history.at(-1)).toEqual({
			id: 'MR2-lx-1-n',
			at: stamp.at,
			by: 'mrivera',
			kind: 'note',
			text: 'Voicemail from +13035550142, first filed as 222-2222, marked a duplicate of this ticket; its recording moved here. Transcript: “The printer at Lincoln is jammed.”'
		});
		expect(closed.status).toBe('closed');
		expect(closed.history.slice(1).map((e) => e.kind)).toEqual(['status', 'note']);
		expect(closed.history.at(-1)).toMatchObject({ text: 'Duplicate of 222-2223: the voicemail and its transcript were moved there.' });
		expect(canWrite(coordinator, ticket, closed, CTX)).toBeNull();
		expect(canWrite(coordinator, target, noted, CTX)).toBeNull();
		const withTarget: WriteContext = { ...CTX, ticket: (n) => (n === '222-2223' ? noted : undefined) };
		expect(canWrite(coordinator, vm, moved, withTarget)).toBeNull();
		expect(canWrite(tech, vm, moved, withTarget)?.reason).toBe('Only coordinators move a voicemail to another ticket.');
	});

	it('refuses a target ticket that is no longer open, before writing anything', () => {
		const ticket = voicemailTicket('222-2222');
		const spam = markSpam(voicemailTicket('222-2223', 'web'), stamp);
		if (!spam.ok) throw new Error(spam.reason);
		const result = markDuplicate({ ticket, voicemail: voicemail(), target: spam.value, callerWords: 'x', stamp: { ...stamp, id: 'MR2-lx-3' } });
		expect(result).toEqual({ ok: false, reason: 'Ticket 222-2223 is closed: mark this a duplicate of an open ticket, or reopen 222-2223 first.' });
	});

	it('says in the note when the transcript is still on its way or never came', () => {
		const ticket = voicemailTicket('222-2222');
		const target = voicemailTicket('222-2223');
		const note = (v: VoicemailDoc) => {
			const r = markDuplicate({ ticket, voicemail: v, target, callerWords: 'Linda Garcia', stamp });
			return r.ok ? (r.value.target.history.at(-1) as { text: string }).text : r.reason;
		};
		expect(note(voicemail({ transcript: 'waiting', transcriptText: null }))).toMatch(/Its transcript is on its way and stays with the recording\.$/);
		expect(note(voicemail({ transcript: 'none', transcriptText: null }))).toMatch(/No transcript: listen to the recording\.$/);
	});

	it('refuses a ticket as its own duplicate, a voicemail moved meanwhile, and a ticket already closed', () => {
		const ticket = voicemailTicket('222-2222');
		const target = voicemailTicket('222-2223');
		const refusal = (r: { ok: boolean; reason?: string }) => (r.ok ? 'accepted' : r.reason);
		expect(refusal(markDuplicate({ ticket, voicemail: voicemail(), target: ticket, callerWords: 'x', stamp }))).toBe(
			'A ticket cannot be a duplicate of itself: give the number of the other ticket.'
		);
		expect(refusal(markDuplicate({ ticket, voicemail: voicemail({ ticket: '222-2224' }), target, callerWords: 'x', stamp }))).toBe(
			'This voicemail was moved to ticket 222-2224 meanwhile; nothing was changed.'
		);
		const spam = markSpam(ticket, stamp);
		if (!spam.ok) throw new Error(spam.reason);
		expect(refusal(markDuplicate({ ticket: spam.value, voicemail: voicemail(), target, callerWords: 'x', stamp: { ...stamp, id: 'MR2-lx-2' } }))).toBe(
			'Ticket 222-2222 is already closed; nothing was changed.'
		);
	});
});

describe('markSpam and closedWithNote', () => {
	it('closes a new voicemail ticket with a spam note the gateway accepts', () => {
		const ticket = voicemailTicket('222-2222');
		const result = markSpam(ticket, stamp, 'a sales call');
		if (!result.ok) throw new Error(result.reason);
		expect(result.value.status).toBe('closed');
		expect(result.value.history.at(-1)).toMatchObject({ kind: 'note', text: 'Spam (a sales call): closed from the voicemail queue.' });
		expect(canWrite(coordinator, ticket, result.value, CTX)).toBeNull();
	});

	it('closes through resolved where the workflow has no direct step (in progress), still one change with its note', () => {
		const assigned = withDistribution(voicemailTicket('222-2222'), { ...stamp, id: 'A-1', at: '2026-12-01T14:00:00.000Z' }, { assignee: 'spatel' });
		const started = withStatus(assigned, { ...stamp, id: 'A-2', at: '2026-12-01T14:10:00.000Z' }, 'in-progress') as Ticket;
		const closed = closedWithNote(started, stamp, 'Spam.') as Ticket;
		expect(closed.history.slice(-3).map((e) => (e.kind === 'status' ? `${e.from}>${e.to}` : e.kind))).toEqual(['in-progress>resolved', 'resolved>closed', 'note']);
		expect(canWrite(coordinator, started, closed, CTX)).toBeNull();
		expect(closedWithNote(closed, stamp, 'again')).toBeNull();
		expect(closedWithNote(started, stamp, '  ')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { type Actor, canRead, canWrite, deviceView, type WriteContext } from '../access';
import type { Ticket } from '../schemas';
import { newTicket } from '../ticket';
import { withStatus } from '../ticket-changes';
import { DEFAULT_PROMPTS, defaultPhoneLine } from './defaults';
import { canWritePhoneLine, canWriteVoicemail } from './access';
import { VoicemailDoc } from './docs';

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
const openTarget: Ticket = newTicket(
	{ number: '3AU-Z8JC', requester: 'lgarcia', requesterName: 'Lena Garcia', createdBy: 'lgarcia', source: 'web', title: 'Printer', description: 'Jammed', building: 'lincoln-es' },
	'2026-12-01T14:00:00Z',
	'target-created'
);
const ctx: WriteContext = { now, person: () => undefined, ticket: (n) => (n === openTarget.number ? openTarget : undefined) };

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
const RE = `RE${'c'.repeat(32)}`;
const vm = VoicemailDoc.parse({
	_id: `voicemail:${RE}`,
	type: 'voicemail',
	recordingSid: RE,
	callSid: `CA${'d'.repeat(32)}`,
	ticket: '222-3332',
	filedAs: '222-3332',
	assignee: null,
	from: '+13035550142',
	caller: null,
	emergency: false,
	recordedAt: '2026-11-30T14:00:00.000Z',
	durationSeconds: 20,
	transcript: 'done',
	transcriptText: 'The lab is offline.',
	audio: 'stored',
	audioExpiresAt: null,
	_rev: '2-abc'
});
const open: Ticket = newTicket(
	{ number: '222-3333', requester: 'lgarcia', requesterName: 'Lena Garcia', createdBy: 'lgarcia', source: 'web', title: 'Lab', description: 'Offline', building: 'lincoln-es' },
	'2026-11-30T13:00:00.000Z',
	'open-created'
);
const resolved = withStatus(open, { by: 'spatel', at: '2026-11-30T15:00:00.000Z', id: 'sp-1' }, 'in-progress') as Ticket;
const closed = withStatus(resolved, { by: 'spatel', at: '2026-11-30T15:05:00.000Z', id: 'sp-2' }, 'resolved', 'Replaced the switch.') as Ticket;
const tickets = new Map<string, Ticket>([['222-3333', open], ['222-3334', { ...closed, number: '222-3334' }]]);
const coordinator: Pick<Actor, 'role'> = { role: 'coordinator' };
const admin: Pick<Actor, 'role'> = { role: 'admin' };
const withTickets: Pick<WriteContext, 'ticket'> = { ticket: (n) => tickets.get(n) };

describe('moving a voicemail to the ticket it duplicates', () => {
	it('accepts a move to an open ticket, and a write that keeps its ticket without looking anything up', () => {
		expect(canWriteVoicemail(coordinator, vm, { ...vm, ticket: '222-3333' }, withTickets)).toBeNull();
		expect(canWriteVoicemail(coordinator, vm, { ...vm }, {})).toBeNull();
	});

	it('refuses a move to a ticket that does not exist, or that is no longer open, in words naming it', () => {
		expect(canWriteVoicemail(coordinator, vm, { ...vm, ticket: '999-9999' }, withTickets)).toEqual({
			code: 'not-allowed',
			reason: 'There is no ticket 999-9999: check the number of the ticket this voicemail duplicates.'
		});
		expect(canWriteVoicemail(coordinator, vm, { ...vm, ticket: '222-3334' }, withTickets)?.reason).toBe(
			'Ticket 222-3334 is resolved: move the voicemail to an open ticket, or reopen 222-3334 first.'
		);
		expect(canWriteVoicemail(coordinator, vm, { ...vm, ticket: '222-3333' }, {})?.reason).toBe(
			'There is no ticket 222-3333: check the number of the ticket this voicemail duplicates.'
		);
	});
});

describe('the phone line’s set-up', () => {
	const people: Record<string, { role: Actor['role']; active: boolean }> = {
		mrivera: { role: 'coordinator', active: true },
		jchen: { role: 'specialist', active: true },
		lgarcia: { role: 'requester', active: true },
		gone: { role: 'building-tech', active: false }
	};
	const person = (u: string) => people[u];
	const line = defaultPhoneLine(new Date('2026-12-01T10:00:00.000Z'), { helpdesk: ['mrivera'], onCall: ['mrivera', 'jchen'], defaultBuilding: 'district-office' });
	const prompts = (lang: 'en' | 'es', changes: Partial<typeof DEFAULT_PROMPTS.en>) => ({ ...line.prompts, [lang]: { ...line.prompts[lang], ...changes } });

	it('accepts the default phone line from an administrator, and refuses anyone else', () => {
		expect(canWritePhoneLine(admin, null, line, { person })).toBeNull();
		expect(canWritePhoneLine(coordinator, null, line, { person })?.reason).toBe('Only administrators change the phone line’s menu and who it rings.');
	});

	it('refuses prompts that lose the ticket number or the opening time, in either language, or use a placeholder the line cannot fill', () => {
		const judge = (p: typeof line.prompts) => canWritePhoneLine(admin, line, { ...line, prompts: p }, { person })?.reason;
		expect(judge(prompts('es', { ticketNumber: 'Gracias. Su mensaje quedó guardado.' }))).toBe(
			'The Spanish “Ticket number” prompt must say {number} where the line speaks the ticket number.'
		);
		expect(judge(prompts('en', { closed: 'We are closed.' }))).toBe('The English “Closed” prompt must say {opens} where the line speaks the next opening time.');
		expect(judge(prompts('en', { whisper: 'Call for {person}. Press 1.' }))).toBe(
			'The English “Whisper” prompt says {person}, which the line cannot fill: it may only use {name}.'
		);
		expect(judge(prompts('en', { greeting: 'Welcome to {district}.' }))).toBe(
			'The English “Greeting” prompt says {district}, which the line cannot fill: remove the braces.'
		);
		expect(judge(prompts('en', { whisper: 'A help desk call. Press 1 to accept.' }))).toBeUndefined();
	});

	it('refuses ringing someone who is not active technology staff, naming them', () => {
		const judge = (helpdesk: string[], onCall: string[]) => canWritePhoneLine(admin, line, { ...line, helpdesk, onCall }, { person })?.reason;
		expect(judge(['lgarcia'], ['jchen'])).toBe('Help desk phones: lgarcia is not on the technology staff, so the line cannot ring them.');
		expect(judge(['mrivera'], ['gone'])).toBe('On-call people: gone’s account is no longer active; take them off the list.');
		expect(judge(['mrivera'], ['nobody'])).toBe('On-call people: nobody has the username nobody.');
	});
});

import { describe, expect, it } from 'vitest';
import { Ticket, type UserProfile } from '$core/schemas';
import { emptyForm, formProblems, ticketFromForm, ticketTitle } from './filing';

const linda: UserProfile = {
	_id: 'user:lgarcia',
	type: 'user',
	username: 'lgarcia',
	name: 'Linda Garcia',
	role: 'requester',
	kind: 'staff',
	buildings: ['lincoln-es'],
	email: 'lgarcia@example.org',
	phone: '555-3007',
	active: true
};
const NOW = '2026-11-23T10:00:00.000Z';

describe('filing a ticket from the form', () => {
	it('presets the building, phone and email from the profile', () => {
		expect(emptyForm(linda)).toMatchObject({ building: 'lincoln-es', contactPhone: '555-3007', contactEmail: 'lgarcia@example.org' });
	});

	it('takes the title from the first non-empty line and shortens a long one at a word', () => {
		expect(ticketTitle('\n  Projector   dead \nmore detail')).toBe('Projector dead');
		const long = ticketTitle('word '.repeat(40));
		expect(long.length).toBeLessThanOrEqual(80);
		expect(long.endsWith('word…')).toBe(true);
	});

	it('asks for a description, a known building and a valid email', () => {
		const problems = formProblems({ ...emptyForm(linda), building: 'nowhere', contactEmail: 'not-an-email' }, linda, ['lincoln-es']);
		expect(Object.keys(problems).sort()).toEqual(['building', 'contactEmail', 'description']);
	});

	it('asks for the co-worker’s username and name when filing on behalf, and refuses one’s own username', () => {
		const form = { ...emptyForm(linda), description: 'Printer jam', onBehalf: true, coworkerUsername: 'lgarcia' };
		const problems = formProblems(form, linda, ['lincoln-es']);
		expect(problems.coworkerUsername).toMatch(/your own username/);
		expect(problems.coworkerName).toBeDefined();
	});

	it('refuses a password in the room, contact phone or co-worker’s name, as the server would, naming the field', () => {
		const form = { ...emptyForm(linda), description: 'Printer jam', room: 'pass\u200B: Spring2024', contactPhone: 'PIN 4471 x', onBehalf: true, coworkerUsername: 'tom', coworkerName: 'Tom pw=T\u0456ger$1' };
		const problems = formProblems(form, linda, ['lincoln-es']);
		expect(problems.room).toMatch(/^This looks like a password\. .* It is in the room: remove "•+" and save again\.$/);
		expect(problems.contactPhone).toMatch(/It is in the contact phone:/);
		expect(problems.coworkerName).toMatch(/It is in the requester’s name:/);
		expect(formProblems({ ...form, room: 'Library B', contactPhone: '555-3007', coworkerName: 'Tom Reyes' }, linda, ['lincoln-es'])).toEqual({});
	});

	it('files a new web ticket under the person’s name that the schema accepts', () => {
		const ticket = ticketFromForm({ ...emptyForm(linda), description: 'Printer jam\nTray 2', room: ' 12 ' }, linda, 'K7M-4QX', NOW, 'K7M-abc123');
		expect(Ticket.safeParse(ticket).success).toBe(true);
		expect(ticket).toMatchObject({ _id: 'ticket:K7M-4QX', requester: 'lgarcia', createdBy: 'lgarcia', source: 'web', title: 'Printer jam', room: '12', status: 'new', category: null });
	});

	it('files on behalf of a co-worker with them as the requester and the filer as the author', () => {
		const form = { ...emptyForm(linda), description: 'No sound', onBehalf: true, coworkerUsername: ' JSmith ', coworkerName: 'Jo Smith' };
		const ticket = ticketFromForm(form, linda, 'K7M-4QY', NOW, 'K7M-abc124');
		expect(ticket).toMatchObject({ source: 'on-behalf', requester: 'jsmith', requesterName: 'Jo Smith', createdBy: 'lgarcia' });
	});

	it('logs a technician’s call with the caller as requester, filed resolved with what fixed it when the call solved it', () => {
		const sam: UserProfile = { ...linda, _id: 'user:spatel', username: 'spatel', name: 'Sam Patel', role: 'building-tech' };
		const call = { ...emptyForm(sam), description: 'Printer jam', phoneCall: true, coworkerUsername: 'lgarcia', coworkerName: 'Linda Garcia' };
		expect(ticketFromForm(call, sam, 'K7M-4QZ', NOW, 'K7M-abc125')).toMatchObject({ source: 'phone', requester: 'lgarcia', createdBy: 'spatel', status: 'new' });
		const resolved = { ...call, resolvedOnCall: true, fix: 'Cleared the jam in tray 2.', callMinutes: '7' };
		expect(formProblems(resolved, sam, ['lincoln-es'])).toEqual({});
		const ticket = ticketFromForm(resolved, sam, 'K7M-4R2', NOW, 'K7M-abc126');
		expect(ticket.status).toBe('resolved');
		expect(ticket.history.at(-1)).toMatchObject({ kind: 'note', text: 'Cleared the jam in tray 2.', interaction: { type: 'phone-call', minutes: 7 } });
		expect(formProblems({ ...resolved, fix: 'fixed', callMinutes: 'five' }, sam, ['lincoln-es'])).toEqual({
			fix: 'Say what fixed it, in a few words: the next technician reads it.',
			callMinutes: 'Enter the call’s length in whole minutes, for example 5.'
		});
		expect(formProblems({ ...call, coworkerUsername: '' }, sam, ['lincoln-es']).coworkerUsername).toMatch(/^Enter the caller’s username/);
	});
});

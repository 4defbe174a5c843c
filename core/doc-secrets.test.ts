import { describe, expect, it } from 'vitest';
import { fieldSecretRefusal, secretRefusal, writtenTexts } from './doc-secrets';
import type { Building, Category, KbArticle, Ticket, UserProfile } from './schemas';
import { appendEntries, newTicket } from './ticket';

const NOW = '2026-11-30T10:00:00.000Z';
const LATER = '2026-11-30T11:00:00.000Z';

function ticket(over: Partial<Parameters<typeof newTicket>[0]> = {}): Ticket {
	return newTicket(
		{
			number: 'K7M-4QX',
			requester: 'ann',
			requesterName: 'Ann Lee',
			createdBy: 'ann',
			source: 'web',
			title: 'Projector shows no picture',
			description: 'The projector in my room shows no picture since Monday.',
			building: 'lincoln',
			room: '214',
			...over
		},
		NOW,
		'dev1-created'
	);
}

const article: KbArticle = {
	_id: 'kb:wifi',
	type: 'kb',
	kind: 'article',
	title: 'Joining the staff Wi-Fi',
	body: 'Choose DistrictStaff and sign in with your district account.',
	tags: ['wifi', 'network'],
	updatedAt: NOW,
	author: 'cora'
};

describe('secretRefusal', () => {
	it('refuses a new ticket with a password in any of its texts, and names the field', () => {
		const cases: [Partial<Parameters<typeof newTicket>[0]>, string][] = [
			[{ title: 'pass: Spring2024' }, 'title'],
			[{ description: 'My P\u0430ssword is Tiger$2024' }, 'description'],
			[{ requesterName: 'Ann pw=Tiger$2024' }, 'requester’s name'],
			[{ room: 'pwd\u200B: Tiger$2024' }, 'room'],
			[{ contactPhone: 'pin 4471 x' }, 'contact phone']
		];
		for (const [over, field] of cases) {
			expect(secretRefusal(null, ticket(over))).toMatch(new RegExp(`^This looks like .+ It is in the ${field}: remove "•+" and save again\\.$`));
		}
	});

	it('masks the secret in the reason, so the refusal itself does not repeat it', () => {
		const reason = secretRefusal(null, ticket({ description: 'Password\nTiger$2024' }));
		expect(reason).toContain('remove "••••••••••"');
		expect(reason).not.toContain('Tiger');
	});

	it('refuses a note, an escalation reason, a room change and a transcript the write adds', () => {
		const old = ticket();
		const entries: Ticket['history'] = [
			{ id: 'dev1-n', at: LATER, by: 'ann', kind: 'note', text: 'my pass is Tiger$2024' },
			{ id: 'dev1-e', at: LATER, by: 'tom', kind: 'escalate', level: 2, to: null, reason: 'Kennwort: Hund#1234' },
			{ id: 'dev1-s', at: LATER, by: 'tom', kind: 'set', changes: { room: 'pw: Tiger$2024' } },
			{ id: 'dev1-t', at: LATER, by: 'system', kind: 'transcript', text: 'my password is Tiger$2024' }
		];
		const fields = ['note', 'escalation reason', 'room', 'voicemail transcript'];
		for (const [i, entry] of entries.entries()) {
			expect(secretRefusal(old, appendEntries(old, [entry]))).toContain(`It is in the ${fields[i]}:`);
		}
	});

	it('does not refuse a change because of a text stored before it, and checks only what changed', () => {
		const stored = { ...ticket(), description: 'old text: password: Tiger$2024' };
		const next = appendEntries(stored, [{ id: 'dev1-n', at: LATER, by: 'tom', kind: 'note', text: 'Replaced the lamp.' }]);
		expect(secretRefusal(stored, next)).toBeNull();
		expect(writtenTexts(stored, next)).toEqual([{ field: 'note', text: 'Replaced the lamp.' }]);
		expect(secretRefusal(stored, { ...next, requesterName: 'Ann password Tiger$2024' })).toContain('requester’s name');
	});

	it('refuses a help article whose text, title or tag holds a password', () => {
		expect(secretRefusal(null, { ...article, body: 'Wi-Fi password is Lakeside#2026' })).toContain('It is in the article text:');
		expect(secretRefusal(article, { ...article, title: 'Wi-Fi key: Lakeside#2026' })).toContain('article title');
		expect(secretRefusal(article, { ...article, tags: ['wifi', 'pw=Lakeside#2026'] })).toContain('It is in the tag:');
		expect(secretRefusal(null, article)).toBeNull();
	});

	it('refuses a profile, building or category that holds a password', () => {
		const person: UserProfile = { _id: 'user:ann', type: 'user', username: 'ann', name: 'Ann password: Tiger$2024', role: 'requester', kind: 'staff', buildings: [], active: true };
		const building: Building = { _id: 'building:lincoln', type: 'building', code: 'lincoln', name: 'Lincoln', kind: 'school', technician: null, phone: 'pin 4471 x' };
		const category: Category = { _id: 'category:wifi', type: 'category', code: 'wifi', name: 'Wi-Fi', description: 'Guest Wi-Fi password: Lakeside#2026', active: true };
		expect(secretRefusal(null, person)).toContain('It is in the name:');
		expect(secretRefusal(null, building)).toContain('It is in the building phone:');
		expect(secretRefusal(null, category)).toContain('It is in the category description:');
		expect(secretRefusal(null, { ...category, description: 'Problems joining the Wi-Fi password page.' })).toBeNull();
	});

	it('accepts ordinary texts in every field', () => {
		const old = ticket({ description: 'I forgot my password and the reset page is broken.' });
		expect(secretRefusal(null, old)).toBeNull();
		const next = appendEntries(old, [
			{ id: 'dev1-n', at: LATER, by: 'tom', kind: 'note', text: 'Reset the password with her at the desk; she chose a new one.' },
			{ id: 'dev1-s', at: LATER, by: 'tom', kind: 'set', changes: { room: 'Library B' } }
		]);
		expect(secretRefusal(old, next)).toBeNull();
	});
});

describe('fieldSecretRefusal', () => {
	it('says what looks like a secret, where, and masks it', () => {
		expect(fieldSecretRefusal('room', 'pass: Spring2024')).toBe(
			'This looks like a password. Never put a password in a ticket: the technician will reset it with you. It is in the room: remove "••••••••••" and save again.'
		);
		expect(fieldSecretRefusal('room', 'Gym, by the back door')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { Ticket, UserProfile } from './schemas';
import { newTicket } from './ticket';

const profile = (username: string) => ({ _id: `user:${username}`, type: 'user', username, name: 'Someone', role: 'requester', buildings: [] });

describe('reserved usernames', () => {
	it('refuses system and unknown-caller as a person’s username, saying why', () => {
		for (const username of ['system', 'unknown-caller']) {
			const parsed = UserProfile.safeParse(profile(username));
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
				['username', 'this username is kept for the phone line (system, unknown-caller): choose another']
			]);
		}
		expect(UserProfile.safeParse(profile('systems')).success).toBe(true);
		expect(UserProfile.safeParse(profile('unknown-caller2')).success).toBe(true);
	});

	it('still lets a ticket name them, as the phone line files voicemails', () => {
		const ticket = newTicket(
			{ number: '222-2222', requester: 'unknown-caller', requesterName: '+13035550142', createdBy: 'system', source: 'voicemail', title: 'Voicemail', description: 'A voicemail.', building: 'district-office' },
			'2026-11-30T14:00:00.000Z',
			'srv-created'
		);
		expect(Ticket.safeParse(ticket).success).toBe(true);
	});
});

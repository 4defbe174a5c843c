import { describe, expect, it } from 'vitest';
import { newTicket } from '../ticket';
import { numberKey, parseQuery, phoneDigits, phoneKeys, ticketSearchText } from './ticket-text';

describe('phone numbers', () => {
	it.each(['303 555 0142', '(303) 555-0142', '+13035550142', '1-303-555-0142', '303.555.0142'])('reads %j as 3035550142', (text) =>
		expect(phoneDigits(text)).toBe('3035550142')
	);

	it('keeps fewer than 7 digits out: an extension or a room is not a phone', () => {
		expect(phoneDigits('4411')).toBeNull();
		expect(phoneDigits('')).toBeNull();
	});

	it('finds a 10-digit number by all of it and by its last 7 digits', () => {
		expect(phoneKeys('(303) 555-0142')).toEqual(['3035550142', '5550142']);
		expect(phoneKeys('555-0142')).toEqual(['5550142']);
	});
});

describe('parseQuery', () => {
	it('reads a ticket number with or without its dash, in any case', () => {
		expect(parseQuery('K7M-4QX').number).toBe('k7m4qx');
		expect(parseQuery(' k7m4qx ').number).toBe('k7m4qx');
		expect(parseQuery('k7m 4qx').number).toBe('k7m4qx');
	});

	it('reads a phone number in any of its spellings, and not words', () => {
		expect(parseQuery('(303) 555-0142')).toEqual({ number: null, phone: '3035550142', words: ['303', '555', '0142'] });
		expect(parseQuery('+13035550142').phone).toBe('3035550142');
		expect(parseQuery('printer 3035550142').phone).toBeNull();
	});

	it('reads everything else as lower-case words', () => {
		expect(parseQuery('  Printer JAMS, room 114 ')).toEqual({ number: null, phone: null, words: ['printer', 'jams', 'room', '114'] });
		expect(parseQuery('   ').words).toEqual([]);
	});
});

describe('ticketSearchText', () => {
	it('gathers the number, names, phone and every note, reason and transcript', () => {
		const base = newTicket(
			{
				number: 'K7M-4QX',
				requester: 'maya.n',
				requesterName: 'Maya Nakamura',
				createdBy: 'coord',
				source: 'phone',
				title: 'Projector dead',
				description: 'No light at all.',
				building: 'north',
				contactPhone: '(303) 555-0142'
			},
			'2026-11-02T15:00:00Z',
			'K7M-4QX-created'
		);
		const ticket = {
			...base,
			history: [
				...base.history,
				{ id: 'n1', at: '2026-11-02T16:00:00Z', by: 'tech', kind: 'note' as const, text: 'Lamp replaced.' },
				{ id: 'e1', at: '2026-11-02T17:00:00Z', by: 'tech', kind: 'escalate' as const, level: 2 as const, to: null, reason: 'Mainboard fault.' },
				{ id: 't1', at: '2026-11-02T18:00:00Z', by: 'system', kind: 'transcript' as const, text: 'Hello it is Maya.' }
			]
		};
		expect(ticketSearchText(ticket)).toEqual({
			id: 'ticket:K7M-4QX',
			number: 'k7m4qx',
			title: 'Projector dead',
			description: 'No light at all.',
			notes: 'Lamp replaced.\nMainboard fault.\nHello it is Maya.',
			people: 'Maya Nakamura maya.n',
			phones: '3035550142 5550142',
			open: true
		});
		expect(numberKey('NBZ-3C2')).toBe('nbz3c2');
	});
});

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../schemas';
import { appendEntries, newTicket } from '../ticket';
import { TicketIndex } from './ticket-index';

const at = '2026-11-02T15:00:00Z';
function ticket(number: string, requesterName: string, title: string, description: string, contactPhone = ''): Ticket {
	const requester = requesterName.toLowerCase().replace(' ', '.');
	return newTicket({ number, requester, requesterName, createdBy: 'coord', source: 'phone', title, description, building: 'north', contactPhone }, at, `${number}-c`);
}
const note = (t: Ticket, text: string) => appendEntries(t, [{ id: `${t.number}-n`, at: '2026-11-02T16:00:00Z', by: 'tech', kind: 'note', text }]);

const projector = ticket('K7M-4QX', 'Maya Nakamura', 'Projector will not turn on', 'Lamp light blinks.', '(303) 555-0142');
const printer = ticket('K7M-4QY', 'Omar Silva', 'Printer jams', 'Paper jams in tray two; the projector cart is fine.', '720 555 0199');
const laptop = note(ticket('K7M-4QZ', 'Maya Silva', 'Laptop will not wake', 'Black screen.'), 'Warranty claim opened for the mainboard.');

function indexOf(...tickets: Ticket[]) {
	const index = new TicketIndex();
	index.addAll(tickets);
	return index;
}
const ids = (index: TicketIndex, q: string) => index.search(q, 10).map((h) => h.id);

describe('TicketIndex', () => {
	it('finds a ticket by its number, with or without the dash, and only that one', () => {
		const index = indexOf(projector, printer, laptop);
		expect(ids(index, 'K7M-4QY')).toEqual(['ticket:K7M-4QY']);
		expect(ids(index, 'k7m4qy')).toEqual(['ticket:K7M-4QY']);
		expect(index.search('k7m4qy', 10)[0]?.fields).toEqual(['number']);
	});

	it('finds a phone however it is written, and by its last seven digits', () => {
		const index = indexOf(projector, printer, laptop);
		for (const q of ['303 555 0142', '(303) 555-0142', '+13035550142', '555-0142']) expect(ids(index, q)).toEqual(['ticket:K7M-4QX']);
	});

	it('finds words in notes, and shows which words matched', () => {
		const [hit] = indexOf(projector, printer, laptop).search('warranty', 10);
		expect(hit).toMatchObject({ id: 'ticket:K7M-4QZ', terms: ['warranty'], fields: ['notes'] });
	});

	it('needs every word, in any field: a name and a word of the title', () => {
		expect(ids(indexOf(projector, printer, laptop), 'maya laptop')).toEqual(['ticket:K7M-4QZ']);
		expect(ids(indexOf(projector, printer, laptop), 'silva')).toHaveLength(2);
	});

	it('ranks a title match above a passing mention in a description', () => {
		expect(ids(indexOf(printer, projector), 'projector')).toEqual(['ticket:K7M-4QX', 'ticket:K7M-4QY']);
	});

	it('ranks an open ticket above a closed one that matches as well', () => {
		const closed = { ...ticket('K7M-4R2', 'Omar Silva', 'Printer jams', 'Paper jams in tray two; the projector cart is fine.'), status: 'closed' as const };
		expect(ids(indexOf(closed, printer), 'jams')).toEqual(['ticket:K7M-4QY', 'ticket:K7M-4R2']);
		expect(ids(indexOf(printer, closed), 'jams')).toEqual(['ticket:K7M-4QY', 'ticket:K7M-4R2']);
	});

	it('matches the start of a word from three letters, and forgives one typo in a long word', () => {
		const index = indexOf(projector, printer, laptop);
		expect(ids(index, 'proj')).toContain('ticket:K7M-4QX');
		expect(ids(index, 'warrenty')).toEqual(['ticket:K7M-4QZ']);
		expect(ids(index, 'pr')).toEqual([]);
	});

	it('follows changes: a new note is found, a removed ticket is not', () => {
		const index = indexOf(projector, printer);
		expect(ids(index, 'toner')).toEqual([]);
		index.put(note(printer, 'Ordered toner.'));
		expect(ids(index, 'toner')).toEqual(['ticket:K7M-4QY']);
		index.remove('ticket:K7M-4QY');
		expect(ids(index, 'toner')).toEqual([]);
		expect(index.size).toBe(1);
		index.remove('ticket:K7M-4QY');
		expect(index.size).toBe(1);
	});

	it('leaves out what the caller may not show, and stops at the limit', () => {
		const index = indexOf(projector, printer, laptop);
		expect(ids(index, 'silva').sort()).toEqual(['ticket:K7M-4QY', 'ticket:K7M-4QZ']);
		expect(index.search('silva', 10, (id) => id !== 'ticket:K7M-4QY').map((h) => h.id)).toEqual(['ticket:K7M-4QZ']);
		expect(index.search('silva', 1)).toHaveLength(1);
		expect(index.search('   ', 10)).toEqual([]);
	});
});

describe('TicketIndex: a search of only common words', () => {
	it('looks in titles and names only, where the word still tells tickets apart', () => {
		const index = indexOf(projector, printer, ticket('K7M-4R2', 'Ann Lee', 'The bell rings late', 'Every day.'));
		// "the" is in the printer's description too: only the title counts.
		expect(ids(index, 'the')).toEqual(['ticket:K7M-4R2']);
		expect(ids(index, 'the the of')).toEqual(['ticket:K7M-4R2']);
	});
});

import { describe, expect, it } from 'vitest';
import { OutageDoc } from '../outage/outage';
import type { Ticket } from '../schemas';
import { newTicket } from '../ticket';
import { withDistribution, withEscalation, withNote } from '../ticket-changes';
import { type EmailContext, emailFor } from './email';
import type { NotifyEvent } from './event';

// Denver is UTC-7 in December; 2026-12-07 is a Monday.
const at = (minute: number): string => new Date(Date.parse('2026-12-07T16:00:00.000Z') + minute * 60_000).toISOString();
const ms = (minute: number): number => Date.parse(at(minute));
const stamp = (by: string, minute: number) => ({ by, at: at(minute), id: `K7M-${minute}` });
const CTX: EmailContext = { baseUrl: 'https://help.example.org/', timeZone: 'America/Denver', buildingName: (c) => ({ 'lincoln-es': 'Lincoln Elementary' })[c] ?? c };

const filed: Ticket = newTicket(
	{ number: 'K7M-4QX', requester: 'pat.lee', requesterName: 'Pat Lee', createdBy: 'pat.lee', source: 'web', title: 'Printer jams', description: 'Jams.', building: 'lincoln-es', priority: 3 },
	at(0),
	'K7M-0-c'
);
const ticket = withNote(
	withEscalation(withDistribution(filed, stamp('coord.dee', 5), { assignee: 'tech.ana' }), stamp('tech.ana', 10), 2, 'spec.cruz', 'Needs the print server.')!,
	stamp('tech.ana', 15),
	'Ordered a new fuser.'
);
const FOOTER = '\n\nTicket K7M-4QX: Printer jams\nBuilding: Lincoln Elementary · Priority: Instructional\n\nhttps://help.example.org/tickets/K7M-4QX\n';

const ticketEvent = (kind: 'assigned' | 'escalated' | 'note', entryId: string, by: string, minute: number): NotifyEvent => ({ key: 'k', kind, recipient: 'x.y', at: ms(minute), ticket: 'K7M-4QX', priority: 3, entryId, by });
const clockEvent = (kind: 'at-risk' | 'breached', as: 'owner' | 'coordinator', due: number | null): NotifyEvent => ({ key: 'k', kind, recipient: 'x.y', at: ms(120), ticket: 'K7M-4QX', priority: 3, target: 'firstResponse', due, as });

describe('emailFor a ticket', () => {
	it.each<[string, NotifyEvent, string, string]>([
		['assigned', ticketEvent('assigned', 'K7M-5-d', 'coord.dee', 5), '[K7M-4QX] Assigned to you: Printer jams', 'coord.dee assigned ticket K7M-4QX to you.'],
		['escalated, with the reason', ticketEvent('escalated', 'K7M-10-x', 'tech.ana', 10), '[K7M-4QX] Escalated to you (level 2): Printer jams', 'tech.ana escalated ticket K7M-4QX to you.\n\nReason:\nNeeds the print server.'],
		[
			'a note, quoted, to the requester',
			ticketEvent('note', 'K7M-15-n', 'tech.ana', 15),
			'[K7M-4QX] New note on your ticket: Printer jams',
			'tech.ana wrote on your ticket:\n\nOrdered a new fuser.\n\nTo answer, open the ticket below (replies to this email are not read).'
		],
		['at risk, to the owner', clockEvent('at-risk', 'owner', ms(150)), '[K7M-4QX] At risk: first response is due today 11:30 AM: Printer jams', 'The first response target for ticket K7M-4QX is at risk: it is due today 11:30 AM. You own this ticket.'],
		['breached, to a coordinator', clockEvent('breached', 'coordinator', ms(60)), '[K7M-4QX] Overdue: first response was due today 10:00 AM: Printer jams', 'The first response target for ticket K7M-4QX is overdue: it was due today 10:00 AM. tech.ana owns this ticket.'],
		['breached with no due time', clockEvent('breached', 'owner', null), '[K7M-4QX] Overdue: first response: Printer jams', 'The first response target for ticket K7M-4QX is overdue. You own this ticket.']
	])('%s', (_name, event, subject, text) => {
		expect(emailFor(event, ticket, CTX)).toEqual({ subject, text: text + FOOTER });
	});

	it('a title with line breaks stays on the subject line, and a long one is cut', () => {
		const hostile = { ...ticket, title: `Help\r\nBcc: all@district.org\n${'x'.repeat(200)}` };
		const { subject } = emailFor(ticketEvent('assigned', 'K7M-5-d', 'coord.dee', 5), hostile, CTX);
		expect(subject).toBe(`[K7M-4QX] Assigned to you: Help Bcc: all@district.org ${'x'.repeat(150 - 55)}…`);
		expect(subject).toHaveLength(150);
	});

	it('a long note is quoted up to 1,500 characters', () => {
		const long = withNote(ticket, stamp('tech.ana', 20), 'a'.repeat(2000));
		expect(emailFor(ticketEvent('note', 'K7M-20-n', 'tech.ana', 20), long, CTX).text).toContain(`\n\n${'a'.repeat(1500)}…\n\n`);
	});

	it('a building without a known name shows its code, and a ticket without a priority says so', () => {
		const plain = { ...ticket, priority: null };
		expect(emailFor(ticketEvent('assigned', 'K7M-5-d', 'coord.dee', 5), plain, { baseUrl: 'https://help.example.org', timeZone: 'America/Denver' }).text).toBe(
			'coord.dee assigned ticket K7M-4QX to you.\n\nTicket K7M-4QX: Printer jams\nBuilding: lincoln-es · Priority: not set\n\nhttps://help.example.org/tickets/K7M-4QX\n'
		);
	});

	it('an event about another ticket is a bug', () => {
		expect(() => emailFor(ticketEvent('assigned', 'K7M-5-d', 'coord.dee', 5), { ...ticket, number: 'K7M-4QY' }, CTX)).toThrow();
	});
});

describe('emailFor an outage', () => {
	const outage = OutageDoc.parse({
		_id: 'outage:lincoln-network',
		type: 'outage',
		services: ['the network', 'phones'],
		buildings: ['lincoln-es'],
		description: 'The fiber link to Lincoln is cut.',
		declaredAt: at(70),
		declaredBy: 'coord.dee',
		progress: [{ at: at(100), by: 'coord.dee', text: 'Comcast is on site.' }],
		restoredAt: at(115),
		restoredBy: 'coord.dee'
	});
	const event = (kind: 'outage-posted' | 'outage-progress' | 'outage-restored', minute: number): NotifyEvent => ({ key: 'k', kind, recipient: 'pat.lee', at: ms(minute), outage: outage._id, by: 'coord.dee' });
	it.each<[string, NotifyEvent, OutageDoc, string, string]>([
		[
			'posted',
			event('outage-posted', 70),
			outage,
			'Outage: the network and phones are down at Lincoln Elementary',
			'The network and phones are down at Lincoln Elementary since today 10:10 AM. We are on it; no need to file a ticket.\n\nThe fiber link to Lincoln is cut.\n\nhttps://help.example.org/\n'
		],
		['progress', event('outage-progress', 100), outage, 'Outage update: the network and phones are down at Lincoln Elementary', 'coord.dee, today 10:40 AM:\n\nComcast is on site.\n\nhttps://help.example.org/\n'],
		[
			'restored',
			event('outage-restored', 115),
			outage,
			'Service restored: the network and phones are working again at Lincoln Elementary',
			'The network and phones are working again at Lincoln Elementary (restored today 10:55 AM). If something is still wrong, file a ticket.\n\nhttps://help.example.org/\n'
		],
		[
			'district-wide',
			event('outage-posted', 70),
			{ ...outage, services: ['email'], buildings: [] },
			'Outage: email is down across the district',
			'Email is down across the district since today 10:10 AM. We are on it; no need to file a ticket.\n\nThe fiber link to Lincoln is cut.\n\nhttps://help.example.org/\n'
		]
	])('%s', (_name, e, o, subject, text) => {
		expect(emailFor(e, o, CTX)).toEqual({ subject, text });
	});
});

describe('emailFor an emergency voicemail', () => {
	it('says who called, the number to call back and what the ticket says', () => {
		const vm: Ticket = newTicket(
			{ number: 'K7M-4QY', requester: 'pat.lee', requesterName: 'Pat Lee', createdBy: 'system', source: 'voicemail', title: 'Voicemail from Pat Lee', description: 'Pat Lee left a message.', building: 'lincoln-es', priority: 1, contactPhone: '(303) 555-0142' },
			at(0),
			'vm-1-created'
		);
		const event: NotifyEvent = { key: 'k', kind: 'emergency', recipient: 'x.y', at: ms(0), ticket: 'K7M-4QY', priority: 1, entryId: 'vm-1-created', by: 'system' };
		expect(emailFor(event, vm, CTX)).toEqual({
			subject: '[K7M-4QY] Emergency voicemail: Voicemail from Pat Lee',
			text: 'Pat Lee left a message on the emergency line and nobody on call answered. Call back: (303) 555-0142.\n\nPat Lee left a message.\n\nTicket K7M-4QY: Voicemail from Pat Lee\nBuilding: Lincoln Elementary · Priority: Emergency\n\nhttps://help.example.org/tickets/K7M-4QY\n'
		});
	});
});

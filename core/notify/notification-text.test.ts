import { describe, expect, it } from 'vitest';
import { OutageDoc } from '../outage/outage';
import type { Ticket } from '../schemas';
import { newTicket } from '../ticket';
import type { NotifyEvent } from './event';
import { type NotificationTextContext, notificationText } from './notification-text';

// Denver is UTC-7 in December; 2026-12-07 is a Monday, 16:00Z is 9:00 AM there.
const ms = (minute: number): number => Date.parse('2026-12-07T16:00:00.000Z') + minute * 60_000;
const CTX: NotificationTextContext = {
	personName: (u) => ({ 'tech.nina': 'Nina North', 'coord.dee': 'Dee Coordinator' })[u] ?? u,
	buildingName: (c) => ({ 'lincoln-es': 'Lincoln Elementary', 'park-ms': 'Park Middle' })[c] ?? c,
	timeZone: 'America/Denver'
};
const ticket: Ticket = newTicket(
	{ number: 'K7M-4QX', requester: 'pat.lee', requesterName: 'Pat Lee', createdBy: 'pat.lee', source: 'web', title: 'Projector dead in room 12', description: '.', building: 'lincoln-es', priority: 3 },
	new Date(ms(0)).toISOString(),
	'K7M-0-c'
);
const outage = OutageDoc.parse({
	_id: 'outage:lincoln-net',
	type: 'outage',
	services: ['the network', 'phones'],
	buildings: ['lincoln-es', 'park-ms'],
	description: 'The fiber link is cut.',
	declaredAt: new Date(ms(0)).toISOString(),
	declaredBy: 'coord.dee',
	progress: [{ at: new Date(ms(30)).toISOString(), by: 'coord.dee', text: 'Crew on site.' }],
	restoredAt: null,
	restoredBy: null
});

const onTicket = (kind: 'assigned' | 'escalated' | 'note', by: string): NotifyEvent => ({ key: 'k', kind, recipient: 'x.y', at: ms(5), ticket: 'K7M-4QX', priority: 3, entryId: 'e1', by });
const onClock = (kind: 'at-risk' | 'breached', target: 'firstResponse' | 'resolution', due: number | null): NotifyEvent => ({ key: 'k', kind, recipient: 'x.y', at: ms(120), ticket: 'K7M-4QX', priority: 3, target, due, as: 'owner' });
const onOutage = (kind: 'outage-posted' | 'outage-progress' | 'outage-restored', at: number): NotifyEvent => ({ key: 'k', kind, recipient: 'x.y', at, outage: outage._id, by: 'coord.dee' });

describe('notificationText', () => {
	it.each<[string, NotifyEvent, Ticket | OutageDoc, string]>([
		['assigned, by name', onTicket('assigned', 'tech.nina'), ticket, 'Nina North assigned ticket K7M-4QX to you: Projector dead in room 12'],
		['escalated', onTicket('escalated', 'coord.dee'), ticket, 'Dee Coordinator escalated ticket K7M-4QX to you: Projector dead in room 12'],
		['a note by someone unknown keeps the username', onTicket('note', 'sub.teacher'), ticket, 'sub.teacher wrote on your ticket K7M-4QX: Projector dead in room 12'],
		['assigned by the helpdesk itself on filing', onTicket('assigned', 'system'), ticket, 'The helpdesk assigned ticket K7M-4QX to you: Projector dead in room 12'],
		['at risk, with the due time in the district zone', onClock('at-risk', 'firstResponse', ms(150)), ticket, 'First response at risk on ticket K7M-4QX (due today 11:30 AM): Projector dead in room 12'],
		['breached', onClock('breached', 'resolution', ms(60)), ticket, 'Resolution overdue on ticket K7M-4QX (was due today 10:00 AM): Projector dead in room 12'],
		['breached without a due time', onClock('breached', 'resolution', null), ticket, 'Resolution overdue on ticket K7M-4QX: Projector dead in room 12'],
		['an outage posted', onOutage('outage-posted', ms(0)), outage, 'Outage: The network and phones are down at Lincoln Elementary, Park Middle: The fiber link is cut.'],
		['a progress note, quoted', onOutage('outage-progress', ms(30)), outage, 'Outage update from Dee Coordinator: Crew on site.'],
		['restored', onOutage('outage-restored', ms(90)), { ...outage, restoredAt: new Date(ms(90)).toISOString(), restoredBy: 'coord.dee' }, 'Service restored: The network and phones working again at Lincoln Elementary, Park Middle'],
		['a district-wide outage', onOutage('outage-posted', ms(0)), { ...outage, services: ['email'], buildings: [] }, 'Outage: Email is down across the district: The fiber link is cut.']
	])('%s', (_name, event, about, text) => {
		expect(notificationText(event, about, CTX)).toBe(text);
	});

	it('keeps a hostile title on one line and cuts a long one at 300 characters', () => {
		const long = { ...ticket, title: `Help\r\nnow ${'x'.repeat(400)}` };
		const text = notificationText(onTicket('assigned', 'tech.nina'), long, CTX);
		// "Nina North assigned ticket K7M-4QX to you: Help now " is 52 characters; 247 x's and the ellipsis make 300.
		expect(text).toBe(`Nina North assigned ticket K7M-4QX to you: Help now ${'x'.repeat(247)}…`);
	});

	it('refuses an event paired with the wrong document', () => {
		expect(() => notificationText(onTicket('assigned', 'tech.nina'), outage, CTX)).toThrow(/needs ticket K7M-4QX/);
		expect(() => notificationText(onOutage('outage-posted', ms(0)), ticket, CTX)).toThrow(/needs its outage/);
	});
});

describe('notificationText for an emergency voicemail', () => {
	it('says who called and the number to call back', () => {
		const vm: Ticket = newTicket(
			{ number: 'K7M-4QY', requester: 'unknown-caller', requesterName: 'Caller at (303) 555-0142', createdBy: 'system', source: 'voicemail', title: 'Voicemail from (303) 555-0142', description: '.', building: 'lincoln-es', priority: 1, contactPhone: '(303) 555-0142' },
			new Date(ms(0)).toISOString(),
			'vm-1-created'
		);
		const event: NotifyEvent = { key: 'k', kind: 'emergency', recipient: 'x.y', at: ms(0), ticket: 'K7M-4QY', priority: 1, entryId: 'vm-1-created', by: 'system' };
		expect(notificationText(event, vm, CTX)).toBe('Emergency: Caller at (303) 555-0142 left a message nobody on call answered (call back (303) 555-0142), ticket K7M-4QY');
	});
});

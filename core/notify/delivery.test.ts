import { describe, expect, it } from 'vitest';
import { denver, denverWithClosures } from '../sla/business-time.fixtures';
import type { BusinessCalendar } from '../sla/calendar';
import { deliveryTime } from './delivery';
import type { NotifyEvent } from './event';

const ticketEvent = (priority: 1 | 2 | 3 | 4 | null): NotifyEvent => ({ key: 'k', kind: 'assigned', recipient: 'tech.ana', at: 0, ticket: 'K7M-4QX', priority, entryId: 'K7M-1-d', by: 'coord.dee' });
const breach = (priority: 1 | 3): NotifyEvent => ({ key: 'k', kind: 'breached', recipient: 'tech.ana', at: 0, ticket: 'K7M-4QX', priority, target: 'resolution', due: 0, as: 'owner' });
const outage: NotifyEvent = { key: 'k', kind: 'outage-progress', recipient: 'pat.lee', at: 0, outage: 'outage:lincoln-network', by: 'coord.dee' };
const t = (iso: string) => Date.parse(iso);

// Denver is UTC-7 from November to March; the demo hours are Monday to Friday 07:00 to 15:30. 2026-12-07 is a Monday.
describe('deliveryTime', () => {
	it.each<[string, NotifyEvent, BusinessCalendar, string, string]>([
		['a routine event during business hours goes at once', ticketEvent(3), denver, '2026-12-07T17:00:00.000Z', '2026-12-07T17:00:00.000Z'],
		['at the opening instant it goes at once', ticketEvent(3), denver, '2026-12-07T14:00:00.000Z', '2026-12-07T14:00:00.000Z'],
		['at the close it waits for the next morning', ticketEvent(3), denver, '2026-12-07T22:30:00.000Z', '2026-12-08T14:00:00.000Z'],
		['in the evening it waits for the next morning at 7:00', ticketEvent(2), denver, '2026-12-07T23:00:00.000Z', '2026-12-08T14:00:00.000Z'],
		['before the opening it waits for 7:00 that day', ticketEvent(4), denver, '2026-12-08T13:59:00.000Z', '2026-12-08T14:00:00.000Z'],
		['on Friday evening it waits for Monday', ticketEvent(3), denver, '2026-12-12T01:00:00.000Z', '2026-12-14T14:00:00.000Z'],
		['a ticket without a priority waits too', ticketEvent(null), denver, '2026-12-12T20:00:00.000Z', '2026-12-14T14:00:00.000Z'],
		['the day before Thanksgiving it waits past the closure, for Monday', ticketEvent(3), denverWithClosures, '2026-11-25T23:00:00.000Z', '2026-11-30T14:00:00.000Z'],
		['a routine breach on Saturday waits for Monday', breach(3), denver, '2026-12-12T20:00:00.000Z', '2026-12-14T14:00:00.000Z'],
		['an emergency ticket’s assignment goes at once on Saturday', ticketEvent(1), denver, '2026-12-12T20:00:00.000Z', '2026-12-12T20:00:00.000Z'],
		['an emergency ticket’s breach goes at once at night', breach(1), denver, '2026-12-08T08:00:00.000Z', '2026-12-08T08:00:00.000Z'],
		['an outage notice goes at once on Thanksgiving', outage, denverWithClosures, '2026-11-26T18:00:00.000Z', '2026-11-26T18:00:00.000Z']
	])('%s', (_name, event, calendar, now, expected) => {
		expect(deliveryTime(event, calendar, t(now))).toBe(t(expected));
	});

	it('a calendar closed for more than 20 years sends at once rather than never', () => {
		const closures = Array.from({ length: 22 }, (_, i) => ({ id: `y${i}`, summary: 'closed', allDay: true, start: `${2026 + i}-01-01`, end: `${2027 + i}-01-01`, source: 'manual' as const }));
		expect(deliveryTime(ticketEvent(3), { ...denver, closures }, t('2026-12-07T17:00:00.000Z'))).toBe(t('2026-12-07T17:00:00.000Z'));
	});
});

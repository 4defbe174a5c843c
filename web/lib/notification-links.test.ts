import { describe, expect, it } from 'vitest';
import { notificationHref, notificationWhen } from './notification-links';

describe('notificationHref', () => {
	it('leads to the ticket a notification is about', () => {
		expect(notificationHref({ ticket: 'K7M-4QX', outage: null })).toBe('/tickets/K7M-4QX');
	});
	it('leads to the outage a notice is about', () => {
		expect(notificationHref({ ticket: null, outage: 'outage:network-lincoln' })).toBe('/outages/network-lincoln');
	});
	it('leads nowhere when it names neither', () => {
		expect(notificationHref({ ticket: null, outage: null })).toBeNull();
	});
});

describe('notificationWhen', () => {
	const now = Date.parse('2026-12-07T17:00:00.000Z');
	it('says how long ago within a day', () => {
		expect(notificationWhen('2026-12-07T16:55:00.000Z', now, 'America/Denver')).toBe('5 minutes ago');
		expect(notificationWhen('2026-12-06T18:00:00.000Z', now, 'America/Denver')).toBe('23 hours ago');
	});
	it('gives the date and time in the district’s zone after a day', () => {
		const when = notificationWhen('2026-12-05T15:30:00.000Z', now, 'America/Denver');
		expect(when).toContain('8:30');
		expect(when).toContain('Dec');
	});
});

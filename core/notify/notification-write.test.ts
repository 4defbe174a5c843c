import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { NotificationDoc, notificationId } from './notification-doc';
import { canReadNotification, canWriteNotification } from './notification-write';

const NOW = new Date('2026-12-07T17:00:00.000Z');
const ann: Actor = { username: 'ann', role: 'requester', buildings: ['north'], kind: 'staff' };
const bob: Actor = { username: 'bob', role: 'requester', buildings: ['north'], kind: 'staff' };
const eve: Actor = { username: 'eve', role: 'admin', buildings: [], kind: 'staff' };
const unread = NotificationDoc.parse({
	_id: 'notification:ann:00000000000000aa',
	type: 'notification',
	recipient: 'ann',
	kind: 'note',
	key: 'ticket:K7M-4QX:entry:e1:note:ann',
	at: '2026-12-07T16:00:00.000Z',
	text: 'Nina North added a note to ticket K7M-4QX.',
	ticket: 'K7M-4QX',
	outage: null,
	readAt: null
});
const read = { ...unread, readAt: '2026-12-07T16:59:00.000Z' };

describe('canWriteNotification', () => {
	const cases: [string, Actor, NotificationDoc | null, NotificationDoc | null, string | null][] = [
		['the recipient marks it read', ann, unread, read, null],
		['the recipient deletes their own', ann, read, null, null],
		['a device cannot create one', ann, null, unread, 'not-allowed'],
		['an administrator cannot create one either', eve, null, unread, 'not-allowed'],
		['someone else cannot mark it read', bob, unread, { ...read }, 'not-allowed'],
		['someone else cannot delete it', bob, unread, null, 'not-allowed'],
		['the text is fixed', ann, unread, { ...read, text: 'Changed.' }, 'fixed-field'],
		['read is not undone', ann, read, unread, 'fixed-field'],
		['read tomorrow is refused', ann, unread, { ...unread, readAt: '2026-12-08T16:59:00.000Z' }, 'bad-time'],
		['saving it unchanged is allowed', ann, read, read, null]
	];
	it.each(cases)('%s', (_name, actor, old, next, code) => {
		expect(canWriteNotification(actor, old, next, NOW)?.code ?? null).toBe(code);
	});
	it('only the recipient reads it', () => {
		expect([canReadNotification(ann, unread), canReadNotification(bob, unread), canReadNotification(eve, unread)]).toEqual([true, false, false]);
	});
});

describe('notificationId', () => {
	it('is the FNV-1a 64-bit digest of the key, under the recipient', () => {
		// FNV-1a 64 of the empty string is its offset basis; of "a" it is af63dc4c8601ec8c (published test vectors).
		expect(notificationId('ann', '')).toBe('notification:ann:cbf29ce484222325');
		expect(notificationId('ann', 'a')).toBe('notification:ann:af63dc4c8601ec8c');
	});
	it('fits the document id pattern for a long key', () => {
		expect(NotificationDoc.shape._id.safeParse(notificationId('ann.lee', 'x'.repeat(300))).success).toBe(true);
	});
});

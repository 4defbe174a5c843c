import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { NotificationDoc } from './notification-doc';
import { markedRead, newestFirst, unreadCount } from './notification-list';
import { canWriteNotification } from './notification-write';

const NOW = new Date('2026-12-07T17:00:00.000Z');
const ana: Actor = { username: 'tech.ana', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };

const note = (id: string, at: string, readAt: string | null) =>
	NotificationDoc.parse({
		_id: `notification:tech.ana:${id}`,
		type: 'notification',
		recipient: 'tech.ana',
		kind: 'assigned',
		key: `ticket:K7M-4QX:entry:${id}:assigned:tech.ana`,
		at,
		text: 'Ticket K7M-4QX was assigned to you by Ana Ruiz.',
		ticket: 'K7M-4QX',
		outage: null,
		readAt
	});

const older = note('000000000000000a', '2026-12-07T09:00:00.000Z', null);
const newer = note('000000000000000b', '2026-12-07T16:30:00.000Z', '2026-12-07T16:40:00.000Z');
const sameTime = note('0000000000000001', '2026-12-07T09:00:00.000Z', null);

describe('newestFirst', () => {
	it('puts the newest first, and breaks a tie by id', () => {
		expect(newestFirst([older, newer, sameTime]).map((n) => n._id)).toEqual([newer._id, sameTime._id, older._id]);
	});

	it('reads times with any offset as the same instant', () => {
		const offset = { ...older, _id: 'notification:tech.ana:000000000000000c', at: '2026-12-07T12:00:00.000-05:00' };
		expect(newestFirst([newer, offset]).map((n) => n._id)).toEqual([offset._id, newer._id]);
	});
});

describe('unreadCount', () => {
	it('counts the notifications with no read time', () => {
		expect(unreadCount([older, newer, sameTime])).toBe(2);
		expect(unreadCount([])).toBe(0);
	});
});

describe('markedRead', () => {
	it('stamps an unread notification with now, a change its recipient may make', () => {
		const read = markedRead(older, NOW);
		expect(read).toEqual({ ...older, readAt: '2026-12-07T17:00:00.000Z' });
		expect(canWriteNotification(ana, older, read, NOW)).toBeNull();
	});

	it('leaves one already read as it was', () => {
		expect(markedRead(newer, NOW)).toBe(newer);
		expect(canWriteNotification(ana, newer, markedRead(newer, NOW), NOW)).toBeNull();
	});
});

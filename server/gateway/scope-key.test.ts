import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, REMOVAL_GRACE_DAYS } from '../../core/access';
import type { Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { scopeKey, type Viewer, viewOf } from './scope';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const WINDOW_DAYS = 30;
const START = Date.parse('2026-11-02T00:00:00Z');

const viewer = (username: string, now: number): Viewer => ({
	actor: { username, role: 'requester', kind: 'staff', buildings: ['north'] } satisfies Actor,
	formerBuildings: [],
	now: new Date(now),
	closedWindowDays: WINDOW_DAYS
});

/** The hours (since START) at which the person's checkpoint scope changed, looked at hour by hour. */
function rollovers(username: string, weeks: number): number[] {
	const hours: number[] = [];
	let before = scopeKey(viewer(username, START));
	for (let hour = 1; hour <= weeks * 168; hour++) {
		const key = scopeKey(viewer(username, START + hour * HOUR));
		if (key !== before) hours.push(hour);
		before = key;
	}
	return hours;
}

function closedTicket(closedAt: number): Ticket {
	const iso = (t: number) => new Date(t).toISOString();
	const created = newTicket(
		{ number: 'QRS-222', requester: 'ann', requesterName: 'Ann', createdBy: 'tech-n', source: 'phone', title: 'Toner', description: 'Replaced the toner.', building: 'north', assignee: 'tech-n' },
		iso(closedAt - 2 * DAY),
		'QRS-222-c'
	);
	return appendEntries(created, [
		{ id: 'QRS-222-r', at: iso(closedAt - DAY), by: 'tech-n', kind: 'status', from: 'assigned', to: 'resolved' },
		{ id: 'QRS-222-x', at: iso(closedAt), by: 'tech-n', kind: 'status', from: 'resolved', to: 'closed' }
	]);
}

describe('scopeKey', () => {
	it('changes a person’s checkpoint scope exactly once a week, a week apart', () => {
		for (const username of ['ann', 'bob', 'tech-n', 'coord']) {
			const hours = rollovers(username, 3);
			expect(hours).toHaveLength(3);
			expect(hours[1] - hours[0]).toBe(168);
			expect(hours[2] - hours[1]).toBe(168);
		}
	});

	it('rolls different people over at different moments of the week, not all at once', () => {
		const people = Array.from({ length: 300 }, (_, i) => `person-${i}`);
		const hourOfWeek = people.map((username) => rollovers(username, 1)[0] % 168);
		expect(rollovers('ann', 1)[0]).not.toBe(rollovers('bob', 1)[0]);
		const perDay = Array.from({ length: 7 }, (_, day) => hourOfWeek.filter((h) => Math.floor(h / 24) === day).length);
		// 300 people over 7 days: about 43 a day; a stampede would put all 300 on one day.
		for (const count of perDay) expect(count).toBeLessThan(80);
		const perHour = new Map<number, number>();
		for (const h of hourOfWeek) perHour.set(h, (perHour.get(h) ?? 0) + 1);
		expect(Math.max(...perHour.values())).toBeLessThan(10);
	});

	it('rolls every person over while a ticket that aged out of the closed window is still sent as a removal', () => {
		expect(WEEK).toBeLessThan(REMOVAL_GRACE_DAYS * DAY);
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 52 * WEEK }), fc.integer({ min: 1, max: WEEK }), (username, offset, delay) => {
				const closedAt = START + offset;
				const agedOut = closedAt + WINDOW_DAYS * DAY;
				const ticket = closedTicket(closedAt);
				expect(viewOf(viewer('ann', agedOut - HOUR), ticket)).toBe('send');
				// Within a week of aging out, the person's scope has rolled over, so their devices re-read and get the removal.
				expect(scopeKey(viewer(username, agedOut + WEEK))).not.toBe(scopeKey(viewer(username, agedOut)));
				expect(viewOf(viewer('ann', agedOut + delay), ticket)).toBe('remove');
			}),
			{ numRuns: 200 }
		);
	});
});

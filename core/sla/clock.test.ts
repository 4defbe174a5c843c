import { describe, expect, it } from 'vitest';
import type { Priority } from '../schemas';
import { type TargetClock, previewDue, ticketClocks } from './clock';
import { HOUR, MIN, filed, ms, note, set, setupFor, status } from './clock.fixtures';

// Every expected value was worked out by hand: the demo hours are Mon-Fri 07:00-15:30 (8.5 h a day) in Denver,
// -07:00 in December 2026; Fri 4, Mon 7 ... Fri 11 Dec; Mon 14 Dec closed; Wed 16 Dec closes at 12:00.

const due = (clock: TargetClock) => (clock.due === null ? null : new Date(clock.due).toISOString());
const utc = (iso: string) => new Date(ms(iso)).toISOString();
const clocksAt = (policy: string, ticket: ReturnType<typeof filed>, now: string) => ticketClocks(ticket, setupFor(policy), ms(now));

describe('targets of ts-pe-004 (all business time)', () => {
	const cases: [string, string, Priority | null, string, string, number][] = [
		['break-fix P1 4 h, filed Friday 14:00: 1.5 h Friday, 2.5 h Monday', 'break-fix', 1, '2026-12-04T14:00:00-07:00', '2026-12-07T09:30:00-07:00', 4 * HOUR],
		['break-fix P1 4 h, filed Friday 15:00: 0.5 h Friday, 3.5 h Monday', 'break-fix', 1, '2026-12-04T15:00:00-07:00', '2026-12-07T10:30:00-07:00', 4 * HOUR],
		['break-fix P2 1 day: the same time the next business day', 'break-fix', 2, '2026-12-08T10:00:00-07:00', '2026-12-09T10:00:00-07:00', 8.5 * HOUR],
		['break-fix P3 3 days', 'break-fix', 3, '2026-12-08T10:00:00-07:00', '2026-12-11T10:00:00-07:00', 25.5 * HOUR],
		['break-fix P4 4 days skips the closed Monday', 'break-fix', 4, '2026-12-08T10:00:00-07:00', '2026-12-15T10:00:00-07:00', 34 * HOUR],
		['no priority is timed as the default P3', 'break-fix', null, '2026-12-08T10:00:00-07:00', '2026-12-11T10:00:00-07:00', 25.5 * HOUR],
		['security-access P1 is break-fix P1', 'security-access', 1, '2026-12-08T10:00:00-07:00', '2026-12-08T14:00:00-07:00', 4 * HOUR],
		['a category without a row uses the general row', 'network', 1, '2026-12-08T10:00:00-07:00', '2026-12-08T14:00:00-07:00', 4 * HOUR],
		['acquisition P2 2 days lands on an early close: the close of that day', 'acquisition', 2, '2026-12-11T14:00:00-07:00', '2026-12-16T12:00:00-07:00', 15 * HOUR],
		['inventory 5 days over the closed Monday and the early close', 'inventory', 1, '2026-12-09T09:00:00-07:00', '2026-12-17T09:00:00-07:00', 39 * HOUR]
	];
	it.each(cases)('%s', (_name, category, priority, at, expected, length) => {
		const clocks = clocksAt('ts-pe-004', filed(at, priority, category), at);
		expect(due(clocks.resolution)).toBe(utc(expected));
		expect(clocks.resolution).toMatchObject({ state: 'on-track', targetMs: length, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null });
		expect(clocks.categorization.state).toBe('not-applicable');
	});

	it('first response is 1 business day: Friday 14:00 is due Monday 14:00 (8.5 h of business time)', () => {
		const clocks = clocksAt('ts-pe-004', filed('2026-12-04T14:00:00-07:00', 1, 'break-fix'), '2026-12-04T14:00:00-07:00');
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-07T14:00:00-07:00'));
		expect(clocks.firstResponse.targetMs).toBe(8.5 * HOUR);
	});

	it('training, scheduled maintenance and process-related have no resolution target', () => {
		for (const category of ['training', 'scheduled-maintenance', 'process-related']) {
			const clocks = clocksAt('ts-pe-004', filed('2026-12-08T10:00:00-07:00', 1, category), '2026-12-08T11:00:00-07:00');
			expect(clocks.resolution).toEqual({ state: 'not-applicable', due: null, targetMs: 0, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null });
			expect(clocks.firstResponse.state).toBe('on-track');
		}
	});
});

describe('a clock that starts while the office is closed', () => {
	it('starts at Monday 07:00 for a ticket filed on Saturday, and 1 business day is then due Tuesday 07:00', () => {
		const clocks = clocksAt('ts-pe-004', filed('2026-12-05T10:00:00-07:00', 1, 'break-fix'), '2026-12-06T12:00:00-07:00');
		expect(due(clocks.resolution)).toBe(utc('2026-12-07T11:00:00-07:00'));
		expect(clocks.resolution).toMatchObject({ state: 'on-track', elapsedMs: 0, pausedMs: 0 });
		// 1 day from Mon 07:00 is the same time on the next business day, Tue 07:00: a length of 8.5 h.
		expect(clocks.firstResponse.targetMs).toBe(8.5 * HOUR);
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-08T07:00:00-07:00'));
	});

	it('is not breached on the evening its business time ran out, only once more of it runs', () => {
		const ticket = filed('2026-12-05T10:00:00-07:00', 1, 'break-fix');
		// Monday 20:00: all 8.5 h have run, none beyond: at risk with nothing left, due Tuesday 07:00.
		expect(clocksAt('ts-pe-004', ticket, '2026-12-07T20:00:00-07:00').firstResponse).toMatchObject({ state: 'at-risk', elapsedMs: 8.5 * HOUR, overdueMs: 0 });
		// Tuesday 07:10: 10 minutes past it.
		const late = clocksAt('ts-pe-004', ticket, '2026-12-08T07:10:00-07:00').firstResponse;
		expect(late).toMatchObject({ state: 'breached', overdueMs: 10 * MIN });
		expect(due(late)).toBe(utc('2026-12-08T07:00:00-07:00'));
	});

	it('starts at the opening for a ticket filed before 07:00', () => {
		const clocks = clocksAt('ts-pe-004', filed('2026-12-07T06:00:00-07:00', 1, 'break-fix'), '2026-12-07T08:00:00-07:00');
		expect(due(clocks.resolution)).toBe(utc('2026-12-07T11:00:00-07:00'));
		expect(clocks.resolution).toMatchObject({ state: 'on-track', elapsedMs: HOUR });
	});
});

describe('the other presets', () => {
	it('wilson-001 P1 runs around the clock: filed Saturday 22:00, response due 22:30, resolution at midnight', () => {
		const ticket = filed('2026-12-05T22:00:00-07:00', 1, 'break-fix');
		const early = clocksAt('wilson-001', ticket, '2026-12-05T22:15:00-07:00');
		expect(due(early.firstResponse)).toBe(utc('2026-12-05T22:30:00-07:00'));
		expect(due(early.resolution)).toBe(utc('2026-12-06T00:00:00-07:00'));
		expect(early.resolution).toMatchObject({ state: 'on-track', targetMs: 2 * HOUR, elapsedMs: 15 * MIN });
		expect(early.categorization.state).toBe('not-applicable');
		const late = clocksAt('wilson-001', ticket, '2026-12-06T01:00:00-07:00');
		expect(late.resolution).toMatchObject({ state: 'breached', elapsedMs: 3 * HOUR, overdueMs: HOUR, metAt: null });
		expect(due(late.resolution)).toBe(utc('2026-12-06T00:00:00-07:00'));
		expect(late.firstResponse).toMatchObject({ state: 'breached', overdueMs: 2.5 * HOUR });
	});

	it('wilson-001 P1 counts real hours across the fall DST change (00:30 MDT + 2 h = 01:30 MST)', () => {
		const clocks = clocksAt('wilson-001', filed('2026-11-01T00:30:00-06:00', 1, null), '2026-11-01T00:30:00-06:00');
		expect(due(clocks.resolution)).toBe(utc('2026-11-01T01:30:00-07:00'));
	});

	it('wilson-001 P2 runs on business hours: filed Saturday 22:00, response Monday 08:00, resolution Monday 11:00', () => {
		const clocks = clocksAt('wilson-001', filed('2026-12-05T22:00:00-07:00', 2, null), '2026-12-06T12:00:00-07:00');
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-07T08:00:00-07:00'));
		expect(due(clocks.resolution)).toBe(utc('2026-12-07T11:00:00-07:00'));
		expect(clocks.resolution.elapsedMs).toBe(0);
	});

	it('wilson-001 P3 and P4: 4 h, 2 days, next business day, 3 days', () => {
		const p3 = clocksAt('wilson-001', filed('2026-12-08T10:00:00-07:00', 3, null), '2026-12-08T10:00:00-07:00');
		expect(due(p3.firstResponse)).toBe(utc('2026-12-08T14:00:00-07:00'));
		expect(due(p3.resolution)).toBe(utc('2026-12-10T10:00:00-07:00'));
		const p4 = clocksAt('wilson-001', filed('2026-12-08T10:00:00-07:00', 4, null), '2026-12-08T10:00:00-07:00');
		expect(due(p4.firstResponse)).toBe(utc('2026-12-09T15:30:00-07:00'));
		expect(p4.firstResponse.targetMs).toBe(14 * HOUR);
		expect(due(p4.resolution)).toBe(utc('2026-12-11T10:00:00-07:00'));
	});

	it('milford-000: 3 business hours to respond, P1 resolved by the close of the next business day, nothing for P2', () => {
		const p1 = clocksAt('milford-000', filed('2026-12-11T10:00:00-07:00', 1, null), '2026-12-11T10:00:00-07:00');
		expect(due(p1.firstResponse)).toBe(utc('2026-12-11T13:00:00-07:00'));
		// Monday 14 is closed: the next business day is Tuesday 15.
		expect(due(p1.resolution)).toBe(utc('2026-12-15T15:30:00-07:00'));
		expect(p1.resolution.targetMs).toBe(14 * HOUR);
		const p2 = clocksAt('milford-000', filed('2026-12-08T14:00:00-07:00', 2, null), '2026-12-08T14:00:00-07:00');
		expect(due(p2.firstResponse)).toBe(utc('2026-12-09T08:30:00-07:00'));
		expect(p2.resolution.state).toBe('not-applicable');
	});

	it('park-city-003: 2 business days to respond, no resolution target', () => {
		const clocks = clocksAt('park-city-003', filed('2026-12-11T10:00:00-07:00', 1, 'break-fix'), '2026-12-11T10:00:00-07:00');
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-16T10:00:00-07:00'));
		expect(clocks.firstResponse.targetMs).toBe(17 * HOUR);
		expect(clocks.resolution.state).toBe('not-applicable');
		expect(clocks.categorization.state).toBe('not-applicable');
	});
});

describe('first response', () => {
	// ts-pe-004 break-fix P1 filed Monday 08:00: first response is due Tuesday 08:00 (8.5 business hours).
	const FILED = '2026-12-07T08:00:00-07:00';
	const noise = [
		note('2026-12-07T08:30:00-07:00', 'ann'),
		status('2026-12-07T08:31:00-07:00', 'assigned', 'system'),
		set('2026-12-07T08:40:00-07:00', { assignee: 'tech' }),
		note('2026-12-07T08:45:00-07:00', 'bob'),
		note('2026-12-07T08:55:00-07:00', 'system'),
		status('2026-12-07T08:58:00-07:00', 'in-progress', 'ann')
	];

	it("is not met by the requester's own note or status change, the system (automatic assignment), a change of fields, or a non-staff note", () => {
		const clocks = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', noise), '2026-12-07T09:30:00-07:00');
		expect(clocks.firstResponse).toMatchObject({ state: 'on-track', metAt: null, elapsedMs: 1.5 * HOUR });
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-08T08:00:00-07:00'));
	});

	it('is met by a staff note', () => {
		const clocks = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', [...noise, note('2026-12-07T09:00:00-07:00', 'tech')]), '2026-12-07T11:00:00-07:00');
		expect(clocks.firstResponse).toMatchObject({ state: 'met', metAt: ms('2026-12-07T09:00:00-07:00'), elapsedMs: HOUR, overdueMs: 0 });
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-08T08:00:00-07:00'));
	});

	it('is met by the status change of an assignment a staff member made (only automatic assignment is left out)', () => {
		const assigned = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', [...noise, status('2026-12-07T09:05:00-07:00', 'assigned', 'coord')]), '2026-12-07T11:00:00-07:00');
		expect(assigned.firstResponse).toMatchObject({ state: 'met', metAt: ms('2026-12-07T09:05:00-07:00') });
	});

	it('is met by a recorded interaction or a status change a staff member chose', () => {
		const call = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', [note('2026-12-07T09:10:00-07:00', 'coord', true)]), '2026-12-07T11:00:00-07:00');
		expect(call.firstResponse.metAt).toBe(ms('2026-12-07T09:10:00-07:00'));
		const working = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', [status('2026-12-07T09:20:00-07:00', 'in-progress', 'tech')]), '2026-12-07T11:00:00-07:00');
		expect(working.firstResponse.metAt).toBe(ms('2026-12-07T09:20:00-07:00'));
	});

	it('met a business hour late is breached with the lateness as overdue', () => {
		const clocks = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', [note('2026-12-08T09:00:00-07:00', 'tech')]), '2026-12-08T12:00:00-07:00');
		expect(clocks.firstResponse).toMatchObject({ state: 'breached', metAt: ms('2026-12-08T09:00:00-07:00'), overdueMs: HOUR, elapsedMs: 9.5 * HOUR });
		expect(due(clocks.firstResponse)).toBe(utc('2026-12-08T08:00:00-07:00'));
	});

	it('ignores entries after now', () => {
		const clocks = clocksAt('ts-pe-004', filed(FILED, 1, 'break-fix', [note('2026-12-07T09:00:00-07:00', 'tech')]), '2026-12-07T08:30:00-07:00');
		expect(clocks.firstResponse).toMatchObject({ state: 'on-track', metAt: null, elapsedMs: 30 * MIN });
	});
});

describe('categorization (ts-pe-004: 2 business hours for tickets filed without a category)', () => {
	it('is met when the ticket first has a category, and resolution then counts from the filing', () => {
		const ticket = filed('2026-12-07T08:00:00-07:00', 2, null, [set('2026-12-07T09:00:00-07:00', { priority: 1 }), set('2026-12-07T09:30:00-07:00', { category: 'break-fix' })]);
		const before = clocksAt('ts-pe-004', ticket, '2026-12-07T09:15:00-07:00');
		expect(before.categorization).toMatchObject({ state: 'on-track', metAt: null, elapsedMs: 75 * MIN });
		expect(before.resolution.state).toBe('not-applicable');
		const after = clocksAt('ts-pe-004', ticket, '2026-12-07T10:00:00-07:00');
		expect(after.categorization).toMatchObject({ state: 'met', metAt: ms('2026-12-07T09:30:00-07:00'), elapsedMs: 90 * MIN });
		expect(due(after.categorization)).toBe(utc('2026-12-07T10:00:00-07:00'));
		expect(after.resolution).toMatchObject({ state: 'on-track', elapsedMs: 2 * HOUR, targetMs: 4 * HOUR });
		expect(due(after.resolution)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});

	it('runs over the weekend in business time: at risk, then breached', () => {
		const ticket = filed('2026-12-04T15:00:00-07:00', 3, null);
		const monday = clocksAt('ts-pe-004', ticket, '2026-12-07T08:00:00-07:00');
		expect(monday.categorization).toMatchObject({ state: 'at-risk', elapsedMs: 1.5 * HOUR });
		expect(due(monday.categorization)).toBe(utc('2026-12-07T08:30:00-07:00'));
		const later = clocksAt('ts-pe-004', ticket, '2026-12-07T09:00:00-07:00');
		expect(later.categorization).toMatchObject({ state: 'breached', overdueMs: 30 * MIN, metAt: null });
		expect(due(later.categorization)).toBe(utc('2026-12-07T08:30:00-07:00'));
	});

	it('does not apply under a policy without a categorization target', () => {
		expect(clocksAt('wilson-001', filed('2026-12-07T08:00:00-07:00', 2, null), '2026-12-07T09:00:00-07:00').categorization.state).toBe('not-applicable');
	});

	it('a ticket resolved while uncategorized leaves the clock not applicable (or breached if it had run out)', () => {
		const quick = filed('2026-12-07T08:00:00-07:00', 2, null, [status('2026-12-07T09:00:00-07:00', 'resolved')]);
		expect(clocksAt('ts-pe-004', quick, '2026-12-08T09:00:00-07:00').categorization).toMatchObject({ state: 'not-applicable', due: null, elapsedMs: HOUR });
		const slow = filed('2026-12-07T08:00:00-07:00', 2, null, [status('2026-12-07T11:00:00-07:00', 'resolved')]);
		expect(clocksAt('ts-pe-004', slow, '2026-12-08T09:00:00-07:00').categorization).toMatchObject({ state: 'breached', overdueMs: HOUR, metAt: null });
	});
});

describe('previewDue', () => {
	it('with a category: categorization null, response and resolution due', () => {
		const preview = previewDue(setupFor('ts-pe-004'), 1, 'break-fix', ms('2026-12-04T14:00:00-07:00'));
		expect(preview).toEqual({ categorization: null, firstResponse: ms('2026-12-07T14:00:00-07:00'), resolution: ms('2026-12-07T09:30:00-07:00') });
	});

	it('without a category: categorization due, resolution null while the policy has category rows', () => {
		const preview = previewDue(setupFor('ts-pe-004'), 1, null, ms('2026-12-04T14:00:00-07:00'));
		expect(preview).toEqual({ categorization: ms('2026-12-07T07:30:00-07:00'), firstResponse: ms('2026-12-07T14:00:00-07:00'), resolution: null });
	});

	it('without category rows the resolution is due without a category; around the clock for wilson-001 P1', () => {
		const preview = previewDue(setupFor('wilson-001'), 1, null, ms('2026-12-05T22:00:00-07:00'));
		expect(preview).toEqual({ categorization: null, firstResponse: ms('2026-12-05T22:30:00-07:00'), resolution: ms('2026-12-06T00:00:00-07:00') });
	});

	it('a category with no SLA previews null', () => {
		expect(previewDue(setupFor('ts-pe-004'), 2, 'training', ms('2026-12-08T10:00:00-07:00')).resolution).toBeNull();
	});
});

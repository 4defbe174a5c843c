import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './calendar';
import { type TargetClock, ticketClocks } from './clock';
import { HOUR, MIN, demoCalendar, filed, ms, preset, set, setupFor, status } from './clock.fixtures';
import type { SlaPolicyFields } from './policy';

// By hand, on the demo hours (Mon-Fri 07:00-15:30 in Denver, -07:00 in December 2026; Mon 7 to Fri 11 Dec).
// ts-pe-004 break-fix P1 is 4 business hours; P2 is 1 business day (8.5 h from a start inside the day).

const due = (clock: TargetClock) => (clock.due === null ? null : new Date(clock.due).toISOString());
const utc = (iso: string) => new Date(ms(iso)).toISOString();
const resolutionAt = (ticket: ReturnType<typeof filed>, now: string, policy: string | SlaPolicyFields = 'ts-pe-004', calendar?: BusinessCalendar) =>
	ticketClocks(ticket, setupFor(policy, calendar), ms(now)).resolution;

describe('one pause', () => {
	const ticket = filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', [status('2026-12-07T09:00:00-07:00', 'waiting-requester'), status('2026-12-07T10:00:00-07:00', 'in-progress')]);

	it('stands still while waiting: no due time, elapsed frozen', () => {
		const clock = resolutionAt(ticket, '2026-12-07T09:30:00-07:00');
		expect(clock).toMatchObject({ state: 'paused', due: null, elapsedMs: HOUR, pausedMs: 30 * MIN, overdueMs: 0 });
	});

	it('moves the due time by the hour paused (12:00 to 13:00)', () => {
		const clock = resolutionAt(ticket, '2026-12-07T11:00:00-07:00');
		expect(clock).toMatchObject({ state: 'on-track', elapsedMs: 2 * HOUR, pausedMs: HOUR });
		expect(due(clock)).toBe(utc('2026-12-07T13:00:00-07:00'));
	});

	it('is at risk once 75% of the target has run', () => {
		expect(resolutionAt(ticket, '2026-12-07T11:59:00-07:00').state).toBe('on-track');
		expect(resolutionAt(ticket, '2026-12-07T12:00:00-07:00').state).toBe('at-risk');
	});
});

describe('several pauses', () => {
	// P2 filed Monday 08:00: due Tuesday 08:00 without pauses (8.5 h).
	const entries = [
		status('2026-12-07T14:00:00-07:00', 'waiting-vendor'),
		status('2026-12-08T09:00:00-07:00', 'in-progress'),
		status('2026-12-08T10:00:00-07:00', 'scheduled'),
		status('2026-12-08T10:30:00-07:00', 'in-progress')
	];
	const ticket = filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', entries);

	it('an overnight wait moves the due time by its business time (1.5 h Monday + 2 h Tuesday = 3.5 h); 6.5 h of 8.5 h is at risk', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', entries.slice(0, 2)), '2026-12-08T09:30:00-07:00');
		expect(clock).toMatchObject({ state: 'at-risk', elapsedMs: 6.5 * HOUR, pausedMs: 3.5 * HOUR, targetMs: 8.5 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-08T11:30:00-07:00'));
	});

	it('two waits add up (3.5 h + 0.5 h): due Tuesday 12:00, at risk at 7.5 h of 8.5 h', () => {
		const clock = resolutionAt(ticket, '2026-12-08T11:00:00-07:00');
		expect(clock).toMatchObject({ state: 'at-risk', elapsedMs: 7.5 * HOUR, pausedMs: 4 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-08T12:00:00-07:00'));
	});
});

describe('a reopen', () => {
	const resolved = [status('2026-12-07T10:00:00-07:00', 'resolved')];
	const reopened = [...resolved, status('2026-12-08T09:00:00-07:00', 'in-progress')];

	it('is met at resolution, with the due time it had then', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', resolved), '2026-12-07T11:00:00-07:00');
		expect(clock).toMatchObject({ state: 'met', metAt: ms('2026-12-07T10:00:00-07:00'), elapsedMs: 2 * HOUR, pausedMs: 0 });
		expect(due(clock)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});

	it('resumes where it stopped; the time spent resolved counts as paused (5.5 h Monday + 2 h Tuesday)', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', reopened), '2026-12-08T10:00:00-07:00');
		expect(clock).toMatchObject({ state: 'at-risk', metAt: null, elapsedMs: 3 * HOUR, pausedMs: 7.5 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-08T11:00:00-07:00'));
	});

	it('is met again at the second resolution; closing afterwards does not move it', () => {
		const again = [...reopened, status('2026-12-08T10:30:00-07:00', 'resolved'), status('2026-12-08T12:00:00-07:00', 'closed')];
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', again), '2026-12-09T08:00:00-07:00');
		expect(clock).toMatchObject({ state: 'met', metAt: ms('2026-12-08T10:30:00-07:00'), elapsedMs: 3.5 * HOUR, pausedMs: 7.5 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-08T11:00:00-07:00'));
	});
});

describe('breaches', () => {
	it('a ticket met 75 minutes late is breached with metAt and the lateness', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', [status('2026-12-07T13:15:00-07:00', 'resolved')]), '2026-12-08T08:00:00-07:00');
		expect(clock).toMatchObject({ state: 'breached', metAt: ms('2026-12-07T13:15:00-07:00'), overdueMs: 75 * MIN, elapsedMs: 5.25 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});

	it('a breached clock stays breached while paused; its overdue does not grow while waiting', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', [status('2026-12-07T13:00:00-07:00', 'waiting-vendor')]), '2026-12-08T10:00:00-07:00');
		expect(clock).toMatchObject({ state: 'breached', elapsedMs: 5 * HOUR, overdueMs: HOUR, pausedMs: 5.5 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});
});

describe('a policy or calendar change during a pause', () => {
	// P2 filed Monday 08:00, waiting on a vendor from Monday 14:00 (6 h run); work resumes Tuesday 11:00.
	const waiting = [status('2026-12-07T14:00:00-07:00', 'waiting-vendor')];
	const resumed = [...waiting, status('2026-12-08T11:00:00-07:00', 'in-progress')];
	const base = preset('ts-pe-004');
	const eightHours: SlaPolicyFields = {
		...base,
		resolutionByCategory: { ...base.resolutionByCategory, 'break-fix': { ...base.resolutionByCategory['break-fix'], '2': { unit: 'hours', amount: 8, clock: 'business' } } }
	};

	it('keeps the paused time exactly under the new policy', () => {
		const ticket = filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', waiting);
		const before = resolutionAt(ticket, '2026-12-08T10:00:00-07:00');
		const after = resolutionAt(ticket, '2026-12-08T10:00:00-07:00', eightHours);
		for (const clock of [before, after]) expect(clock).toMatchObject({ state: 'paused', due: null, elapsedMs: 6 * HOUR, pausedMs: 4.5 * HOUR });
		expect([before.targetMs, after.targetMs]).toEqual([8.5 * HOUR, 8 * HOUR]);
	});

	it('on resuming, the new target decides the due time (2.5 h or 2 h left from Tuesday 11:00)', () => {
		const ticket = filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', resumed);
		const before = resolutionAt(ticket, '2026-12-08T11:00:00-07:00');
		const after = resolutionAt(ticket, '2026-12-08T11:00:00-07:00', eightHours);
		expect([due(before), due(after)]).toEqual([utc('2026-12-08T13:30:00-07:00'), utc('2026-12-08T13:00:00-07:00')]);
		expect([before.pausedMs, after.pausedMs]).toEqual([5.5 * HOUR, 5.5 * HOUR]);
	});

	it('a shorter target already used up is breached even while paused (wilson-001 P2: 4 h, due Monday 12:00)', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', waiting), '2026-12-08T10:00:00-07:00', 'wilson-001');
		expect(clock).toMatchObject({ state: 'breached', overdueMs: 2 * HOUR, pausedMs: 4.5 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});

	it('a policy with no target for it makes the clock not applicable', () => {
		expect(resolutionAt(filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', waiting), '2026-12-08T10:00:00-07:00', 'milford-000').state).toBe('not-applicable');
	});

	it('a calendar that closes Tuesday recomputes: 1.5 h paused, 1 day is Monday 08:00 to Wednesday 08:00, due Wednesday 09:30', () => {
		const closedTuesday: BusinessCalendar = {
			...demoCalendar,
			closures: [...demoCalendar.closures, { id: 'tue', summary: 'Snow day', allDay: true, start: '2026-12-08', end: '2026-12-09', source: 'manual' }]
		};
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 2, 'break-fix', resumed), '2026-12-08T12:00:00-07:00', 'ts-pe-004', closedTuesday);
		expect(clock).toMatchObject({ state: 'on-track', elapsedMs: 6 * HOUR, pausedMs: 1.5 * HOUR, targetMs: 8.5 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-09T09:30:00-07:00'));
	});
});

describe('a change of priority', () => {
	it('recomputes the target from the clock start: P3 (3 days) raised to P1 (4 h) at 09:00 is due Monday 12:00', () => {
		const ticket = filed('2026-12-07T08:00:00-07:00', 3, 'break-fix', [set('2026-12-07T09:00:00-07:00', { priority: 1 })]);
		expect(due(resolutionAt(ticket, '2026-12-07T08:30:00-07:00'))).toBe(utc('2026-12-10T08:00:00-07:00'));
		const clock = resolutionAt(ticket, '2026-12-07T10:00:00-07:00');
		expect(clock).toMatchObject({ state: 'on-track', elapsedMs: 2 * HOUR, targetMs: 4 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});

	it('to a priority that runs around the clock switches to real time (wilson-001 P2 to P1 on a Saturday)', () => {
		const ticket = filed('2026-12-04T15:00:00-07:00', 2, null, [set('2026-12-05T09:00:00-07:00', { priority: 1 })]);
		// Around the clock from Friday 15:00: 2 h run out at 17:00 Friday; at Saturday 10:00 that is 17 h late.
		const clock = resolutionAt(ticket, '2026-12-05T10:00:00-07:00', 'wilson-001');
		expect(clock).toMatchObject({ state: 'breached', elapsedMs: 19 * HOUR, overdueMs: 17 * HOUR });
		expect(due(clock)).toBe(utc('2026-12-04T17:00:00-07:00'));
	});
});

describe('unusual histories', () => {
	it('a history out of order (an unmerged copy) gives the same clocks as the same history in order', () => {
		const ticket = filed('2026-12-07T08:00:00-07:00', 1, 'break-fix', [status('2026-12-07T09:00:00-07:00', 'waiting-requester'), status('2026-12-07T10:00:00-07:00', 'in-progress')]);
		const shuffled = { ...ticket, history: [ticket.history[2], ticket.history[0], ticket.history[1]] };
		const clock = resolutionAt(shuffled, '2026-12-07T11:00:00-07:00');
		expect(clock).toMatchObject({ state: 'on-track', elapsedMs: 2 * HOUR, pausedMs: HOUR });
		expect(due(clock)).toBe(utc('2026-12-07T13:00:00-07:00'));
	});

	it('asked about a time before the filing, the clock has not started: due 4 business hours after the filing', () => {
		const clock = resolutionAt(filed('2026-12-07T08:00:00-07:00', 1, 'break-fix'), '2026-12-04T08:00:00-07:00');
		expect(clock).toMatchObject({ state: 'on-track', elapsedMs: 0, pausedMs: 0 });
		expect(due(clock)).toBe(utc('2026-12-07T12:00:00-07:00'));
	});
});

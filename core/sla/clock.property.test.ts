import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessTimeBetween, compileCalendar, nextOpening } from './business-time';
import { lunchBreak } from './business-time.fixtures';
import type { BusinessCalendar } from './calendar';
import { ticketClocks } from './clock';
import { demoCalendar, filed, setupFor, status } from './clock.fixtures';
import type { SlaPolicyFields, SlaTarget } from './policy';

const MIN = 60_000;
const DAY = 86_400_000;
const FROM = Date.parse('2026-10-20T00:00:00Z'); // spans both DST changes, Thanksgiving-free demo closures, the new year
const SPAN = 170 * DAY;

const targetArb: fc.Arbitrary<SlaTarget> = fc.oneof(
	fc.record({ unit: fc.constant('minutes' as const), amount: fc.integer({ min: 1, max: 2000 }), clock: fc.constantFrom('business' as const, 'around-the-clock' as const) }),
	fc.record({ unit: fc.constant('hours' as const), amount: fc.integer({ min: 1, max: 60 }), clock: fc.constantFrom('business' as const, 'around-the-clock' as const) }),
	fc.record({ unit: fc.constant('days' as const), amount: fc.integer({ min: 1, max: 10 }), clock: fc.constantFrom('business' as const, 'around-the-clock' as const) }),
	fc.constant<SlaTarget>({ unit: 'next-business-day', clock: 'business' })
);
const calendarArb = fc.constantFrom<BusinessCalendar>(demoCalendar, lunchBreak);

/** A policy whose only target is resolution `target` at every priority. */
const only = (target: SlaTarget): SlaPolicyFields => ({
	id: 'prop',
	name: 'Property',
	source: '',
	atRiskShare: 0.75,
	defaultPriority: 3,
	categorization: null,
	firstResponse: { '1': null, '2': null, '3': null, '4': null },
	resolution: { '1': target, '2': target, '3': target, '4': target },
	resolutionByCategory: {},
	outageRule: { mode: 'none' },
	notify: { atRisk: [], breached: [] }
});
const iso = (t: number) => new Date(t).toISOString();
const around = (target: SlaTarget) => target.clock === 'around-the-clock';

describe('clock properties', () => {
	it('with no pause, the time from the clock start to the due time is the target length', () => {
		fc.assert(
			fc.property(targetArb, calendarArb, fc.integer({ min: 0, max: SPAN }), (target, calendar, offset) => {
				const filedAt = FROM + offset;
				const clock = ticketClocks(filed(iso(filedAt), 2, null), setupFor(only(target), calendar), filedAt).resolution;
				const cal = compileCalendar(calendar);
				expect(clock.due).not.toBeNull();
				if (around(target)) expect(clock.due! - filedAt).toBe(clock.targetMs);
				else expect(businessTimeBetween(cal, nextOpening(cal, filedAt), clock.due!)).toBe(clock.targetMs);
				if (target.unit === 'minutes') expect(clock.targetMs).toBe(target.amount! * MIN);
				if (target.unit === 'hours') expect(clock.targetMs).toBe(target.amount! * 60 * MIN);
				if (target.unit === 'days' && around(target)) expect(clock.targetMs).toBe(target.amount! * DAY);
			}),
			{ numRuns: 300 }
		);
	});

	it("a linked outage under 'pause' stops the resolution clock exactly as waiting on a vendor over the same span does", () => {
		fc.assert(
			fc.property(
				targetArb,
				calendarArb,
				fc.integer({ min: 0, max: SPAN }),
				fc.integer({ min: 0, max: 5 * DAY }),
				fc.integer({ min: 1, max: 6 * DAY }),
				fc.integer({ min: 0, max: 6 * DAY }),
				(target, calendar, offset, before, length, after) => {
					const filedAt = FROM + offset;
					const p = filedAt + before;
					const q = p + length;
					const policy = { ...only(target), outageRule: { mode: 'pause' as const } };
					const base = filed(iso(filedAt), 2, null);
					const waiting = { ...base, history: [...base.history, status(iso(p), 'waiting-vendor'), status(iso(q), 'in-progress')] };
					const outages = [{ id: 'outage:prop', start: p, end: q, tickets: [base.number] }];
					const byOutage = ticketClocks(base, { ...setupFor(policy, calendar), outages }, q + after).resolution;
					expect(byOutage).toEqual(ticketClocks(waiting, setupFor(policy, calendar), q + after).resolution);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('a pause of P business ms moves the due time by exactly P business ms, and is reported as paused', () => {
		fc.assert(
			fc.property(
				targetArb,
				calendarArb,
				fc.integer({ min: 0, max: SPAN }),
				fc.integer({ min: 0, max: 5 * DAY }),
				fc.integer({ min: 1, max: 6 * DAY }),
				(target, calendar, offset, before, length) => {
					const filedAt = FROM + offset;
					const p = filedAt + before;
					const q = p + length;
					const setup = setupFor(only(target), calendar);
					const due0 = ticketClocks(filed(iso(filedAt), 2, null), setup, filedAt).resolution.due!;
					fc.pre(p < due0);
					const paused = filed(iso(filedAt), 2, null, [status(iso(p), 'waiting-vendor'), status(iso(q), 'in-progress')]);
					const clock = ticketClocks(paused, setup, q).resolution;
					const cal = compileCalendar(calendar);
					const pauseMs = around(target) ? q - p : businessTimeBetween(cal, p, q);
					expect(clock.pausedMs).toBe(pauseMs);
					expect(clock.due).not.toBeNull();
					expect(clock.due!).toBeGreaterThanOrEqual(due0);
					if (around(target)) expect(clock.due! - due0).toBe(pauseMs);
					else expect(businessTimeBetween(cal, due0, clock.due!)).toBe(pauseMs);
				}
			),
			{ numRuns: 300 }
		);
	});
});

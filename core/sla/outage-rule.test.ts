import { describe, expect, it } from 'vitest';
import type { OutageDoc } from '../outage/outage';
import { type TargetClock, type TicketClocks, ticketClocks } from './clock';
import { HOUR, MIN, demoCalendar, filed, ms, status } from './clock.fixtures';
import { clocksAt } from './clocks-at';
import { type OutageSpan, outageHolds, outageSpans } from './outage-rule';
import { OutageRule, type SlaPolicyFields, SlaPolicyFields as PolicySchema, type SlaTarget } from './policy';

// Every expected value is worked out by hand on the demo hours: Mon-Fri 07:00-15:30 in Denver (-07:00 in December 2026),
// Tue 8 and Wed 9 Dec open all day. The policy: first response 2 business hours, resolution 8 business hours, no
// categorization (tickets are filed with a category).

const hours = (amount: number, clock: SlaTarget['clock'] = 'business'): SlaTarget => ({ unit: 'hours', amount, clock });
const every = (t: SlaTarget) => ({ '1': t, '2': t, '3': t, '4': t });
const policyWith = (outageRule: OutageRule, around = false): SlaPolicyFields => ({
	id: 'outage-test',
	name: 'Outage test',
	source: '',
	atRiskShare: 0.75,
	defaultPriority: 3,
	categorization: null,
	firstResponse: every(hours(2, around ? 'around-the-clock' : 'business')),
	resolution: every(hours(8, around ? 'around-the-clock' : 'business')),
	resolutionByCategory: {},
	outageRule,
	notify: { atRisk: ['owner'], breached: ['owner', 'coordinators'] }
});
const PAUSE: OutageRule = { mode: 'pause' };
const EXTEND_50: OutageRule = { mode: 'extend', extendPercent: 50 };
const NUMBER = 'K7M-AAA';
const at = (time: string) => `2026-12-${time}:00-07:00`;
const span = (from: string, to: string | null, tickets: string[] = [NUMBER]): OutageSpan => ({ id: `outage:${from}`, start: ms(at(from)), end: to === null ? null : ms(at(to)), tickets });
const ticket = (filedAt: string, entries: ReturnType<typeof status>[] = []) => ({ ...filed(at(filedAt), 3, 'network', entries), number: NUMBER });
const clocks = (t: ReturnType<typeof ticket>, rule: OutageRule, outages: OutageSpan[], now: string, around = false): TicketClocks =>
	ticketClocks(t, { policy: policyWith(rule, around), calendar: demoCalendar, isStaff: (u) => u === 'tech', outages }, ms(at(now)));
const due = (clock: TargetClock) => (clock.due === null ? null : new Date(clock.due).toISOString());
const utc = (time: string) => new Date(ms(at(time))).toISOString();

type Expect = { state: TargetClock['state']; elapsedMs: number; pausedMs: number; overdueMs: number; targetMs: number; due: string | null };
const RESOLUTION = 8 * HOUR;
const RESPONSE = 2 * HOUR;

describe("the outage rule 'pause'", () => {
	const cases: [string, ReturnType<typeof ticket>, OutageSpan[], string, Expect, Expect][] = [
		[
			'an outage 09:00-10:30 (restored) stops both clocks for 1.5 h; first response still runs out at 11:30',
			ticket('08T08:00'),
			[span('08T09:00', '08T10:30')],
			'08T12:00',
			{ state: 'breached', elapsedMs: 2.5 * HOUR, pausedMs: 1.5 * HOUR, overdueMs: 30 * MIN, targetMs: RESPONSE, due: '08T11:30' },
			// 8 h + 1.5 h paused from Tue 08:00: 7.5 h on Tuesday, 2 h on Wednesday.
			{ state: 'on-track', elapsedMs: 2.5 * HOUR, pausedMs: 1.5 * HOUR, overdueMs: 0, targetMs: RESOLUTION, due: '09T09:00' }
		],
		[
			'an ongoing outage since 09:00 holds both clocks paused at 12:00, with no due time',
			ticket('08T08:00'),
			[span('08T09:00', null)],
			'08T12:00',
			{ state: 'paused', elapsedMs: HOUR, pausedMs: 3 * HOUR, overdueMs: 0, targetMs: RESPONSE, due: null },
			{ state: 'paused', elapsedMs: HOUR, pausedMs: 3 * HOUR, overdueMs: 0, targetMs: RESOLUTION, due: null }
		],
		[
			'a ticket filed at 08:00 into an outage declared at 07:30 pauses from its filing to 09:30',
			ticket('08T08:00'),
			[span('08T07:30', '08T09:30')],
			'08T10:00',
			{ state: 'on-track', elapsedMs: 30 * MIN, pausedMs: 1.5 * HOUR, overdueMs: 0, targetMs: RESPONSE, due: '08T11:30' },
			{ state: 'on-track', elapsedMs: 30 * MIN, pausedMs: 1.5 * HOUR, overdueMs: 0, targetMs: RESOLUTION, due: '09T09:00' }
		],
		[
			'an outage over the night counts only its business time: Tue 15:00-15:30 and Wed 07:00-08:00',
			ticket('08T14:00'),
			[span('08T15:00', '09T08:00')],
			'09T10:00',
			// First response: 1 h Tuesday, then Wed 08:00 + 1 h = 09:00, breached by 1 h at 10:00.
			{ state: 'breached', elapsedMs: 3 * HOUR, pausedMs: 1.5 * HOUR, overdueMs: HOUR, targetMs: RESPONSE, due: '09T09:00' },
			// 9.5 h from Tue 14:00: 1.5 h Tuesday, then 8 h of Wednesday's 8.5.
			{ state: 'on-track', elapsedMs: 3 * HOUR, pausedMs: 1.5 * HOUR, overdueMs: 0, targetMs: RESOLUTION, due: '09T15:00' }
		],
		[
			'two overlapping outages (09:00-10:00 and 09:30-10:30) pause 1.5 h, counted once',
			ticket('08T08:00'),
			[span('08T09:00', '08T10:00'), span('08T09:30', '08T10:30')],
			'08T11:00',
			{ state: 'at-risk', elapsedMs: 1.5 * HOUR, pausedMs: 1.5 * HOUR, overdueMs: 0, targetMs: RESPONSE, due: '08T11:30' },
			{ state: 'on-track', elapsedMs: 1.5 * HOUR, pausedMs: 1.5 * HOUR, overdueMs: 0, targetMs: RESOLUTION, due: '09T09:00' }
		],
		[
			'an outage the ticket is not linked to changes nothing',
			ticket('08T08:00'),
			[span('08T09:00', '08T10:30', ['ZZZ-ZZZ'])],
			'08T09:30',
			{ state: 'at-risk', elapsedMs: 1.5 * HOUR, pausedMs: 0, overdueMs: 0, targetMs: RESPONSE, due: '08T10:00' },
			// 8 h from Tue 08:00: 7.5 h Tuesday, 0.5 h Wednesday.
			{ state: 'on-track', elapsedMs: 1.5 * HOUR, pausedMs: 0, overdueMs: 0, targetMs: RESOLUTION, due: '09T07:30' }
		]
	];
	it.each(cases)('%s', (_name, t, outages, now, response, resolution) => {
		const c = clocks(t, PAUSE, outages, now);
		for (const [clock, want] of [[c.firstResponse, response], [c.resolution, resolution]] as const) {
			expect({ ...clock, due: due(clock) }).toEqual({ ...want, due: want.due === null ? null : utc(want.due), metAt: null });
		}
	});

	it('overlaps a waiting-on-customer pause once: 08:30-10:00 waiting and 09:00-10:30 outage pause 2 h, not 2.5 h', () => {
		// The technician's change to waiting at 08:30 is the first response: met before the outage, and it stays met.
		const t = ticket('08T08:00', [status(at('08T08:30'), 'waiting-requester'), status(at('08T10:00'), 'in-progress')]);
		const c = clocks(t, PAUSE, [span('08T09:00', '08T10:30')], '08T12:00');
		expect(c.firstResponse).toMatchObject({ state: 'met', metAt: ms(at('08T08:30')), elapsedMs: 30 * MIN, pausedMs: 0 });
		// Resolution ran 08:00-08:30 and 10:30-12:00; due after 8 h + 2 h from Tue 08:00: 7.5 h Tuesday, 2.5 h Wednesday.
		expect(c.resolution).toMatchObject({ state: 'on-track', elapsedMs: 2 * HOUR, pausedMs: 2 * HOUR });
		expect(due(c.resolution)).toBe(utc('09T09:30'));
	});

	it('stops an around-the-clock target in real minutes: 22:00 + 2 h + 1 h paused is due at 01:00', () => {
		const t = ticket('05T22:00');
		const c = clocks(t, PAUSE, [span('05T22:30', '05T23:30')], '06T01:00', true);
		expect(c.firstResponse).toMatchObject({ state: 'at-risk', elapsedMs: 2 * HOUR, pausedMs: HOUR, overdueMs: 0 });
		expect(due(c.firstResponse)).toBe(utc('06T01:00'));
	});
});

describe("the outage rules 'extend' and 'none'", () => {
	it('extend 50%: 2 h becomes 3 h and 8 h becomes 12 h, from the ticket filed before an outage that is still open', () => {
		const c = clocks(ticket('08T08:00'), EXTEND_50, [span('08T09:00', null)], '08T12:00');
		expect(c.firstResponse).toMatchObject({ state: 'breached', targetMs: 3 * HOUR, elapsedMs: 4 * HOUR, pausedMs: 0, overdueMs: HOUR });
		expect(due(c.firstResponse)).toBe(utc('08T11:00'));
		// 12 h from Tue 08:00: 7.5 h Tuesday, 4.5 h Wednesday.
		expect(c.resolution).toMatchObject({ state: 'on-track', targetMs: 12 * HOUR, elapsedMs: 4 * HOUR });
		expect(due(c.resolution)).toBe(utc('09T11:30'));
	});

	it('extend keeps the longer targets after the outage is restored, while the ticket stays linked', () => {
		const c = clocks(ticket('08T08:00'), EXTEND_50, [span('08T09:00', '08T09:30')], '08T10:00');
		expect(c.firstResponse).toMatchObject({ state: 'on-track', targetMs: 3 * HOUR, elapsedMs: 2 * HOUR });
		expect(due(c.firstResponse)).toBe(utc('08T11:00'));
	});

	it('extend leaves a clock that ran out before the outage began breached, on its own target', () => {
		// First response ran out at 10:00; the outage starts at 10:30.
		const c = clocks(ticket('08T08:00'), EXTEND_50, [span('08T10:30', null)], '08T12:00');
		expect(c.firstResponse).toMatchObject({ state: 'breached', targetMs: 2 * HOUR, overdueMs: 2 * HOUR });
		expect(due(c.firstResponse)).toBe(utc('08T10:00'));
		expect(c.resolution.targetMs).toBe(12 * HOUR);
	});

	it('extend leaves a clock met before the outage met on its own target', () => {
		const t = ticket('08T08:00', [status(at('08T08:30'), 'in-progress')]);
		const c = clocks(t, EXTEND_50, [span('08T09:00', null)], '08T12:00');
		expect(c.firstResponse).toMatchObject({ state: 'met', targetMs: 2 * HOUR, elapsedMs: 30 * MIN });
	});

	it('extend lengthens an around-the-clock target in real time: 22:00 + 3 h is due at 01:00', () => {
		const c = clocks(ticket('05T22:00'), EXTEND_50, [span('05T22:30', null)], '05T23:00', true);
		expect(c.firstResponse).toMatchObject({ state: 'on-track', targetMs: 3 * HOUR, elapsedMs: HOUR });
		expect(due(c.firstResponse)).toBe(utc('06T01:00'));
	});

	it("'none' leaves a linked ticket's clocks as if there were no outage", () => {
		const c = clocks(ticket('08T08:00'), { mode: 'none' }, [span('08T08:30', null)], '08T09:00');
		expect(c.firstResponse).toMatchObject({ state: 'on-track', elapsedMs: HOUR, pausedMs: 0, targetMs: 2 * HOUR });
		expect(due(c.firstResponse)).toBe(utc('08T10:00'));
	});

	it('an outage declared after now changes nothing yet', () => {
		const c = clocks(ticket('08T08:00'), PAUSE, [span('08T11:00', null)], '08T10:00');
		expect(c.resolution).toMatchObject({ state: 'on-track', elapsedMs: 2 * HOUR, pausedMs: 0 });
	});
});

describe('clocksAt with outages', () => {
	it('computes again when the outages change, in a new setup or the same one', () => {
		const t = ticket('08T08:00');
		const now = ms(at('08T12:00'));
		const setup = { policy: policyWith(PAUSE), calendar: demoCalendar, isStaff: () => false, outages: [] as OutageSpan[] };
		expect(clocksAt(setup, now)(t).resolution.state).toBe('on-track');
		expect(clocksAt({ ...setup, outages: [span('08T09:00', null)] }, now)(t).resolution.state).toBe('paused');
		setup.outages = [span('08T09:00', null)];
		expect(clocksAt(setup, now)(t).resolution.state).toBe('paused');
	});
});

describe('outageHolds', () => {
	const created = ms(at('08T08:00'));
	it.each([
		['an ongoing outage under pause', PAUSE, [span('08T09:00', null)], true],
		['a restored outage', PAUSE, [span('08T09:00', '08T10:30')], false],
		['an ongoing outage under extend', EXTEND_50, [span('08T09:00', null)], false],
		['an outage the ticket is not linked to', PAUSE, [span('08T09:00', null, ['ZZZ-ZZZ'])], false]
	] as const)('at 12:00, %s holds the clocks: %s', (_name, rule, outages, holds) => {
		expect(outageHolds(rule, outages, NUMBER, created, ms(at('08T12:00')))).toBe(holds);
	});
});

describe('outageSpans', () => {
	it('reads declared and restored times and the linked tickets of outage documents', () => {
		const doc = (id: string, restoredAt: string | null): OutageDoc => ({
			_id: id,
			type: 'outage',
			services: ['the network'],
			buildings: [],
			description: 'Down',
			declaredAt: '2026-12-08T16:00:00.000Z',
			declaredBy: 'mrivera',
			progress: [],
			restoredAt,
			restoredBy: restoredAt === null ? null : 'mrivera',
			tickets: ['K7M-AAA']
		});
		expect(outageSpans([doc('outage:a', null), doc('outage:b', '2026-12-08T17:30:00.000Z')])).toEqual([
			{ id: 'outage:a', start: ms('2026-12-08T09:00:00-07:00'), end: null, tickets: ['K7M-AAA'] },
			{ id: 'outage:b', start: ms('2026-12-08T09:00:00-07:00'), end: ms('2026-12-08T10:30:00-07:00'), tickets: ['K7M-AAA'] }
		]);
	});
});

describe('the policy schema', () => {
	const { outageRule: _o, notify: _n, ...older } = policyWith(PAUSE);

	it('reads a policy written before the rules existed with pause and "the owner, then the coordinators"', () => {
		const parsed = PolicySchema.parse(older);
		expect(parsed.outageRule).toEqual({ mode: 'pause' });
		expect(parsed.notify).toEqual({ atRisk: ['owner'], breached: ['owner', 'coordinators'] });
	});

	it('refuses extend without a percentage, and a percentage out of 1 to 1000', () => {
		expect(OutageRule.safeParse({ mode: 'extend' }).error?.issues[0].message).toBe('extending the targets needs a percentage, 1 to 1000');
		expect(OutageRule.safeParse({ mode: 'extend', extendPercent: 0 }).success).toBe(false);
		expect(OutageRule.safeParse({ mode: 'extend', extendPercent: 1001 }).success).toBe(false);
		expect(OutageRule.safeParse({ mode: 'extend', extendPercent: 1000 }).success).toBe(true);
	});

	it('refuses an unknown audience in the notify rule', () => {
		expect(PolicySchema.safeParse({ ...older, notify: { atRisk: ['principal'], breached: [] } }).success).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import type { TicketClocks } from '../sla/clock';
import { HOUR, MIN, clock, clocks, clocksFrom, ticket } from './dashboard.fixtures';
import { slaOverview, worstRunningClock } from './sla-counts';

const breachedBy = (overdueMs: number, metAt: number | null = null) => clock('breached', { overdueMs, metAt });

describe('worstRunningClock', () => {
	const cases: [string, TicketClocks, ReturnType<typeof worstRunningClock>][] = [
		['no clock runs: none', clocks(), { state: 'none', target: null, overdueMs: 0 }],
		['paused and met clocks do not run', clocks({ firstResponse: clock('met'), resolution: clock('paused') }), { state: 'none', target: null, overdueMs: 0 }],
		['one on-track clock', clocks({ resolution: clock('on-track') }), { state: 'on-track', target: 'resolution', overdueMs: 0 }],
		['at risk beats on track', clocks({ firstResponse: clock('on-track'), resolution: clock('at-risk') }), { state: 'at-risk', target: 'resolution', overdueMs: 0 }],
		['breached beats at risk', clocks({ categorization: clock('at-risk'), resolution: breachedBy(5 * MIN) }), { state: 'breached', target: 'resolution', overdueMs: 5 * MIN }],
		['of two breaches, the one furthest over', clocks({ firstResponse: breachedBy(2 * HOUR), resolution: breachedBy(30 * MIN) }), { state: 'breached', target: 'firstResponse', overdueMs: 2 * HOUR }],
		['a target met late is not a running breach', clocks({ firstResponse: breachedBy(HOUR, 123), resolution: clock('on-track') }), { state: 'on-track', target: 'resolution', overdueMs: 0 }],
		['a breached clock stays breached while its ticket waits (metAt null)', clocks({ resolution: breachedBy(10 * MIN) }), { state: 'breached', target: 'resolution', overdueMs: 10 * MIN }]
	];
	it.each(cases)('%s', (_name, given, expected) => {
		expect(worstRunningClock(given)).toEqual(expected);
	});
});

describe('slaOverview', () => {
	const a = ticket({ number: 'AAA-AAA', building: 'north', assignee: 'spatel', category: 'network', createdAt: '2026-12-01T08:00:00-07:00' });
	const b = ticket({ number: 'AAA-BBB', building: 'north', assignee: null, category: null, createdAt: '2026-12-02T08:00:00-07:00' });
	const c = ticket({ number: 'AAA-CCC', building: 'south', assignee: 'spatel', category: 'network', createdAt: '2026-12-03T08:00:00-07:00' });
	const d = ticket({ number: 'AAA-DDD', building: 'south', assignee: 'pshah', category: null, createdAt: '2026-11-30T08:00:00-07:00' });
	const e = ticket({ number: 'AAA-EEE', building: 'south', assignee: 'pshah', category: 'printing', createdAt: '2026-12-04T08:00:00-07:00' });
	const closed = ticket({ number: 'AAA-FFF', status: 'resolved', building: 'west' });
	const waiting = ticket({ number: 'AAA-GGG', status: 'waiting-vendor', building: 'west', assignee: 'pshah', category: 'printing' });
	const clocksOf = clocksFrom([
		[a, clocks({ resolution: breachedBy(30 * MIN) })],
		[b, clocks({ categorization: breachedBy(2 * HOUR), resolution: clock('on-track') })],
		[c, clocks({ resolution: clock('at-risk') })],
		[d, clocks({ firstResponse: breachedBy(2 * HOUR) })],
		[e, clocks({ resolution: clock('on-track') })],
		[closed, clocks({ resolution: breachedBy(9 * HOUR) })],
		[waiting, clocks({ resolution: clock('paused') })]
	]);
	const overview = slaOverview([a, b, c, d, e, closed, waiting], clocksOf);

	it('counts open tickets by their worst running clock, skipping resolved ones', () => {
		expect(overview.counts).toEqual({ breached: 3, atRisk: 1, onTrack: 1, none: 1, total: 6 });
	});

	it('lists breaches most overdue first, a tie going to the older ticket', () => {
		expect(overview.breaches.map((x) => [x.ticket.number, x.target, x.overdueMinutes])).toEqual([
			['AAA-DDD', 'firstResponse', 120],
			['AAA-BBB', 'categorization', 120],
			['AAA-AAA', 'resolution', 30]
		]);
	});

	it('counts per building, worst first', () => {
		expect(overview.byBuilding).toEqual([
			{ key: 'north', counts: { breached: 2, atRisk: 0, onTrack: 0, none: 0, total: 2 } },
			{ key: 'south', counts: { breached: 1, atRisk: 1, onTrack: 1, none: 0, total: 3 } },
			{ key: 'west', counts: { breached: 0, atRisk: 0, onTrack: 0, none: 1, total: 1 } }
		]);
	});

	it('counts per technician with the unassigned as their own row', () => {
		expect(overview.byTechnician).toEqual([
			{ key: 'spatel', counts: { breached: 1, atRisk: 1, onTrack: 0, none: 0, total: 2 } },
			{ key: 'pshah', counts: { breached: 1, atRisk: 0, onTrack: 1, none: 1, total: 3 } },
			{ key: null, counts: { breached: 1, atRisk: 0, onTrack: 0, none: 0, total: 1 } }
		]);
	});

	it('counts per category with the uncategorized as their own row, last among equals', () => {
		expect(overview.byCategory).toEqual([
			{ key: null, counts: { breached: 2, atRisk: 0, onTrack: 0, none: 0, total: 2 } },
			{ key: 'network', counts: { breached: 1, atRisk: 1, onTrack: 0, none: 0, total: 2 } },
			{ key: 'printing', counts: { breached: 0, atRisk: 0, onTrack: 1, none: 1, total: 2 } }
		]);
	});

	it('asks for each ticket\'s clocks once', () => {
		const asked: string[] = [];
		slaOverview([a, b, closed], (t) => (asked.push(t.number), clocksOf(t)));
		expect(asked).toEqual(['AAA-AAA', 'AAA-BBB']);
	});

	it('gives empty counts and rows for no tickets', () => {
		expect(slaOverview([], clocksOf)).toEqual({ counts: { breached: 0, atRisk: 0, onTrack: 0, none: 0, total: 0 }, breaches: [], byBuilding: [], byTechnician: [], byCategory: [] });
	});
});

import { describe, expect, it } from 'vitest';
import type { TicketClocks } from '../sla/clock';
import { HOUR, MIN, clock, clocks, clocksFrom, ticket } from './dashboard.fixtures';
import { responseTimes, timeFigures } from './response-times';

const met = (elapsedMs: number) => clock('met', { elapsedMs, metAt: 1 });
const late = (elapsedMs: number) => clock('breached', { elapsedMs, metAt: 1, overdueMs: 1 });

describe('timeFigures', () => {
	const cases: [string, number[], number | null, number | null][] = [
		['no values', [], null, null],
		['one value', [30 * MIN], 30, 30],
		['an odd count: the middle value', [50 * MIN, 10 * MIN, 30 * MIN], 30, 30],
		['an even count: the mean of the two middle values', [40 * MIN, 10 * MIN, 20 * MIN, 90 * MIN], 40, 30],
		['a long tail moves the average, not the median', [10 * MIN, 20 * MIN, 30 * MIN, 20 * HOUR], 315, 25]
	];
	it.each(cases)('%s', (_name, values, average, median) => {
		expect(timeFigures(Float64Array.from(values), values.length)).toEqual({ count: values.length, averageMinutes: average, medianMinutes: median });
	});
});

describe('responseTimes', () => {
	const from = Date.parse('2026-12-01T00:00:00-07:00');
	const to = Date.parse('2026-12-08T00:00:00-07:00');
	const rows: [string, string, TicketClocks][] = [
		['first day of the period, both met', '2026-12-01T00:00:00-07:00', clocks({ firstResponse: met(20 * MIN), resolution: met(3 * HOUR) })],
		['first response late still counts, with its full time', '2026-12-03T10:00:00-07:00', clocks({ firstResponse: late(9 * HOUR), resolution: late(40 * HOUR) })],
		['still open: first response met, resolution running', '2026-12-04T10:00:00-07:00', clocks({ firstResponse: met(40 * MIN), resolution: clock('on-track', { elapsedMs: HOUR }) })],
		['breached and not yet met: left out', '2026-12-07T23:59:00-07:00', clocks({ firstResponse: clock('breached', { elapsedMs: 20 * HOUR, overdueMs: HOUR }) })],
		['filed at the end of the period: outside', '2026-12-08T00:00:00-07:00', clocks({ firstResponse: met(MIN), resolution: met(MIN) })],
		['filed before the period: outside', '2026-11-30T23:59:59-07:00', clocks({ firstResponse: met(MIN), resolution: met(MIN) })]
	];
	const tickets = rows.map(([title, createdAt]) => ticket({ title, createdAt }));
	const clocksOf = clocksFrom(tickets.map((t, i) => [t, rows[i][2]]));

	it('covers the tickets filed in [from, to) whose target was reached, on time or late', () => {
		expect(responseTimes(tickets, clocksOf, from, to)).toEqual({
			filed: 4,
			// 20 min, 540 min, 40 min: average 200, median 40.
			firstResponse: { count: 3, averageMinutes: 200, medianMinutes: 40 },
			// 180 min and 2400 min.
			resolution: { count: 2, averageMinutes: 1290, medianMinutes: 1290 }
		});
	});

	it('says it covers nothing for an empty period', () => {
		expect(responseTimes(tickets, clocksOf, to, to)).toEqual({
			filed: 0,
			firstResponse: { count: 0, averageMinutes: null, medianMinutes: null },
			resolution: { count: 0, averageMinutes: null, medianMinutes: null }
		});
	});

	it('reads offsets, not the text, to place a filing in the period', () => {
		// 06:30 UTC on 1 December is 23:30 on 30 November in Denver: outside.
		const early = ticket({ createdAt: '2026-12-01T06:30:00Z' });
		const inside = ticket({ createdAt: '2026-11-30T23:30:00-08:00' });
		const result = responseTimes([early, inside], () => clocks({ firstResponse: met(MIN) }), from, to);
		expect(result.filed).toBe(1);
	});
});

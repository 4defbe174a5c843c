import { describe, expect, it } from 'vitest';
import type { TicketClocks } from '../sla/clock';
import { clock, clocks } from './dashboard.fixtures';
import { weeklyAttainment } from './weekly-attainment';

const at = (iso: string) => Date.parse(iso);
const met = (metAt: string) => clock('met', { metAt: at(metAt), due: at(metAt) + 1 });
const breached = (due: string, metAt: string | null = null) => clock('breached', { due: at(due), metAt: metAt === null ? null : at(metAt), overdueMs: 1 });
const shares = (rows: ReturnType<typeof weeklyAttainment>) =>
	rows.map((r) => [r.week, r.monday, r.categorization.met, r.categorization.decided, r.firstResponse.met, r.firstResponse.decided, r.resolution.met, r.resolution.decided]);

describe('weeklyAttainment', () => {
	it('shares per ISO week in the zone, per target, over the whole weeks the period touches', () => {
		// Wed 25 Nov to Tue 8 Dec 2026 touches W48 (Mon 23 Nov), W49 (Mon 30 Nov) and W50 (Mon 7 Dec).
		const given: TicketClocks[] = [
			clocks({ firstResponse: met('2026-11-23T08:00:00-07:00'), resolution: met('2026-11-24T09:00:00-07:00') }),
			clocks({ firstResponse: breached('2026-11-27T15:30:00-07:00', '2026-11-30T08:00:00-07:00'), resolution: met('2026-12-01T09:00:00-07:00') }),
			// Due Friday's close, breached at Monday's opening: decided in Friday's week.
			clocks({ categorization: breached('2026-12-04T15:30:00-07:00'), resolution: clock('on-track', { due: at('2026-12-09T10:00:00-07:00') }) }),
			clocks({ categorization: met('2026-12-13T23:59:00-07:00'), firstResponse: met('2026-12-07T00:00:00-07:00'), resolution: clock('paused') }),
			// Outside the weeks: before Monday 23 Nov, and from Monday 14 Dec.
			clocks({ firstResponse: met('2026-11-22T23:59:00-07:00'), resolution: met('2026-12-14T00:00:00-07:00') })
		];
		const tickets = given.map((_, i) => i);
		const rows = weeklyAttainment(tickets, (i) => given[i], 'America/Denver', at('2026-11-25T00:00:00-07:00'), at('2026-12-08T12:00:00-07:00'));
		expect(shares(rows)).toEqual([
			['2026-W48', '2026-11-23', 0, 0, 1, 2, 1, 1],
			['2026-W49', '2026-11-30', 0, 1, 0, 0, 1, 1],
			['2026-W50', '2026-12-07', 1, 1, 1, 1, 0, 0]
		]);
		expect(rows[0].firstResponse).toEqual({ met: 1, decided: 2, share: 0.5 });
		expect(rows[1].firstResponse).toEqual({ met: 0, decided: 0, share: null });
		expect([rows[0].startMs, rows[0].endMs]).toEqual([at('2026-11-23T00:00:00-07:00'), at('2026-11-30T00:00:00-07:00')]);
	});

	it('starts weeks at local midnight across the end of DST (Monday 26 Oct is -06:00, Monday 2 Nov is -07:00)', () => {
		const given = [clocks({ resolution: met('2026-11-01T23:30:00-07:00') }), clocks({ resolution: met('2026-11-02T00:00:00-07:00') })];
		const rows = weeklyAttainment([0, 1], (i) => given[i], 'America/Denver', at('2026-10-27T12:00:00-06:00'), at('2026-11-03T12:00:00-07:00'));
		expect(rows.map((r) => [r.week, new Date(r.startMs).toISOString(), r.resolution.decided])).toEqual([
			['2026-W44', '2026-10-26T06:00:00.000Z', 1],
			['2026-W45', '2026-11-02T07:00:00.000Z', 1]
		]);
	});

	it('names ISO weeks across a new year: 2026 has a week 53', () => {
		const rows = weeklyAttainment([], () => clocks(), 'America/Denver', at('2026-12-30T00:00:00-07:00'), at('2027-01-05T00:00:00-07:00'));
		expect(rows.map((r) => [r.week, r.monday])).toEqual([
			['2026-W53', '2026-12-28'],
			['2027-W01', '2027-01-04']
		]);
	});

	it('has no weeks for an empty period, and one for a period within a week', () => {
		expect(weeklyAttainment([], () => clocks(), 'America/Denver', at('2026-12-02T00:00:00-07:00'), at('2026-12-02T00:00:00-07:00'))).toEqual([]);
		expect(weeklyAttainment([], () => clocks(), 'America/Denver', at('2026-12-02T00:00:00-07:00'), at('2026-12-03T00:00:00-07:00')).map((r) => r.week)).toEqual(['2026-W49']);
	});
});

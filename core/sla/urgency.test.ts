import { describe, expect, it } from 'vitest';
import type { Ticket } from '../schemas';
import { bySlaUrgency, ticketClocks } from './clock';
import { filed, ms, note, setupFor, status } from './clock.fixtures';

// ts-pe-004 on the demo hours, at Monday 7 December 2026 12:00 (-07:00). Break-fix P1 is 4 business hours.
const NOW = ms('2026-12-07T12:00:00-07:00');
const answered = (at: string, priority: 1 | 2, category: string | null, more: ReturnType<typeof status>[] = []) =>
	filed(at, priority, category, [note(at.replace(':00-07:00', ':05-07:00'), 'tech'), ...more]);

const tickets: Record<string, Ticket> = {
	overdueAnHour: answered('2026-12-07T07:00:00-07:00', 1, 'break-fix'), // due 11:00
	overdueHalfAnHour: answered('2026-12-07T07:30:00-07:00', 1, 'break-fix'), // due 11:30
	dueInAnHour: answered('2026-12-07T09:00:00-07:00', 1, 'break-fix'), // due 13:00
	toCategorize: filed('2026-12-07T11:30:00-07:00', 1, null), // categorization due 13:30; response Tuesday
	dueInThreeHours: filed('2026-12-07T11:00:00-07:00', 1, 'break-fix'), // resolution 15:00; response Tuesday 11:00
	noSlaOlder: answered('2026-12-04T08:00:00-07:00', 1, 'training'), // nothing runs
	paused: answered('2026-12-07T07:00:00-07:00', 2, 'break-fix', [status('2026-12-07T08:00:00-07:00', 'waiting-vendor')])
};
const EXPECTED = ['overdueAnHour', 'overdueHalfAnHour', 'dueInAnHour', 'toCategorize', 'dueInThreeHours', 'noSlaOlder', 'paused'];

describe('bySlaUrgency', () => {
	it('orders breached (most overdue first), then the nearest due time, then nothing running (oldest first)', () => {
		const setup = setupFor('ts-pe-004');
		const names = new Map(Object.entries(tickets).map(([name, t]) => [t, name]));
		for (const order of [EXPECTED, [...EXPECTED].reverse(), [EXPECTED[3], EXPECTED[6], EXPECTED[0], EXPECTED[5], EXPECTED[1], EXPECTED[4], EXPECTED[2]]]) {
			const sorted = order.map((n) => tickets[n]).sort(bySlaUrgency(NOW, (t) => ticketClocks(t, setup, NOW)));
			expect(sorted.map((t) => names.get(t))).toEqual(EXPECTED);
		}
	});

	it("computes each ticket's clocks once, however many comparisons the sort makes", () => {
		const setup = setupFor('ts-pe-004');
		const many = Array.from({ length: 50 }, (_, i) => Object.values(tickets)[i % 7]).map((t) => ({ ...t }));
		let calls = 0;
		many.sort(
			bySlaUrgency(NOW, (t) => {
				calls++;
				return ticketClocks(t, setup, NOW);
			})
		);
		expect(calls).toBe(50);
	});
});

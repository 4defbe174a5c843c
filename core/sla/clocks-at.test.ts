import { describe, expect, it } from 'vitest';
import { newTicket } from '../ticket';
import { denver } from './business-time.fixtures';
import type { SlaSetup } from './clock';
import { aroundTheClockTargets, clocksAt } from './clocks-at';
import { SLA_PRESETS } from './presets';

const preset = (id: string) => SLA_PRESETS.find((p) => p.id === id)!;
const setup = (id: string): SlaSetup => ({ policy: preset(id), calendar: denver, isStaff: () => true });
const ticket = newTicket(
	{ number: 'AAA-AAA', requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'lgarcia', source: 'web', title: 't', description: 'd', building: 'lincoln-es' },
	'2026-12-07T14:00:00.000Z',
	'e1'
);

describe('clocksAt', () => {
	it('computes a ticket once per setup and time, and again for a new time or setup', () => {
		const s = setup('ts-pe-004');
		const now = Date.parse('2026-12-07T17:00:00Z');
		const first = clocksAt(s, now)(ticket);
		expect(clocksAt(s, now)(ticket)).toBe(first);
		expect(clocksAt(s, now + 60_000)(ticket)).not.toBe(first);
		expect(clocksAt(setup('ts-pe-004'), now + 60_000)(ticket)).not.toBe(first);
	});

	it('gives no clocks, rather than throwing, for a calendar that never opens (a queue still draws)', () => {
		const closedForDecades = { ...denver, closures: [{ id: 'x', summary: 'Closed', allDay: true, start: '2020-01-01', end: '2099-01-01', source: 'manual' as const }] };
		const clocks = clocksAt({ ...setup('ts-pe-004'), calendar: closedForDecades }, Date.parse('2026-12-07T17:00:00Z'))(ticket);
		expect([clocks.categorization.state, clocks.firstResponse.state, clocks.resolution.state]).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
	});
});

describe('aroundTheClockTargets', () => {
	it('names the targets procedure 001 runs around the clock for priority 1, and none for priority 2', () => {
		expect([...aroundTheClockTargets(setup('wilson-001'), { priority: 1, category: null })].sort()).toEqual(['firstResponse', 'resolution']);
		expect([...aroundTheClockTargets(setup('wilson-001'), { priority: 2, category: null })]).toEqual([]);
		expect([...aroundTheClockTargets(setup('ts-pe-004'), { priority: 1, category: 'break-fix' })]).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import type { Status } from '../schemas';
import type { SlaState, TargetClock, TicketClocks } from '../sla/clock';
import { ClockNotifyRule, eventsFromClocks } from './clock-events';

const NOW = Date.parse('2026-12-07T18:00:00.000Z');
const DUE = Date.parse('2026-12-07T17:30:00.000Z');
const clock = (state: SlaState, metAt: number | null = null): TargetClock => ({ state, due: DUE, targetMs: 3_600_000, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt });
const clocks = (firstResponse: TargetClock, resolution: TargetClock = clock('on-track')): TicketClocks => ({ categorization: clock('not-applicable'), firstResponse, resolution });
const ticket = (assignee: string | null, status: Status = 'assigned') => ({ number: 'K7M-4QX', status, assignee, priority: 3 as const });
const COORDS = ['coord.dee', 'admin.eve'];

type Row = [string, ReturnType<typeof ticket>, TicketClocks, string[]];
describe('eventsFromClocks', () => {
	const cases: Row[] = [
		['an on-track ticket tells nobody', ticket('tech.ana'), clocks(clock('on-track')), []],
		['at risk tells the owner only', ticket('tech.ana'), clocks(clock('at-risk')), ['ticket:K7M-4QX:clock:firstResponse:at-risk:tech.ana']],
		[
			'a breach tells the owner and the coordinators',
			ticket('tech.ana'),
			clocks(clock('breached')),
			['ticket:K7M-4QX:clock:firstResponse:breached:tech.ana', 'ticket:K7M-4QX:clock:firstResponse:breached:coord.dee', 'ticket:K7M-4QX:clock:firstResponse:breached:admin.eve']
		],
		[
			'at risk on a ticket nobody owns tells the coordinators',
			ticket(null, 'new'),
			clocks(clock('at-risk')),
			['ticket:K7M-4QX:clock:firstResponse:at-risk:coord.dee', 'ticket:K7M-4QX:clock:firstResponse:at-risk:admin.eve']
		],
		['an owner who coordinates is told once, as the owner', ticket('coord.dee'), clocks(clock('breached')), ['ticket:K7M-4QX:clock:firstResponse:breached:coord.dee', 'ticket:K7M-4QX:clock:firstResponse:breached:admin.eve']],
		[
			'each target is keyed on its own',
			ticket('tech.ana'),
			clocks(clock('met', DUE - 1), clock('at-risk')),
			['ticket:K7M-4QX:clock:resolution:at-risk:tech.ana']
		],
		['a target met late tells nobody', ticket('tech.ana'), clocks(clock('breached', DUE + 60_000)), []],
		['a paused clock tells nobody', ticket('tech.ana', 'waiting-vendor'), clocks(clock('paused')), []],
		['a resolved ticket whose first response breached tells nobody', ticket('tech.ana', 'resolved'), clocks(clock('breached')), []]
	];
	it.each(cases)('%s', (_name, t, c, keys) => {
		expect(eventsFromClocks(t, c, NOW, COORDS).map((e) => e.key)).toEqual(keys);
	});

	it('a clock that stays breached gives the same keys at every look, so it is sent once', () => {
		const first = eventsFromClocks(ticket('tech.ana'), clocks(clock('breached')), NOW, COORDS).map((e) => e.key);
		const later = eventsFromClocks(ticket('tech.ana'), clocks(clock('breached')), NOW + 3_600_000, COORDS).map((e) => e.key);
		expect(later).toEqual(first);
	});

	it('an event says who hears it as what, the target and when it was due', () => {
		expect(eventsFromClocks(ticket('tech.ana'), clocks(clock('at-risk')), NOW, COORDS)).toEqual([
			{ key: 'ticket:K7M-4QX:clock:firstResponse:at-risk:tech.ana', kind: 'at-risk', recipient: 'tech.ana', at: NOW, ticket: 'K7M-4QX', priority: 3, target: 'firstResponse', due: DUE, as: 'owner' }
		]);
	});

	it.each([
		['coordinators hear of at risk too', { atRisk: ['owner', 'coordinators'] }, 'at-risk', ['tech.ana', 'coord.dee', 'admin.eve']],
		['coordinators only, for a breach', { breached: ['coordinators'] }, 'breached', ['coord.dee', 'admin.eve']],
		['nobody hears of at risk', { atRisk: [] }, 'at-risk', []]
	] as const)('a policy’s rule decides: %s', (_name, rule, state, recipients) => {
		const parsed = ClockNotifyRule.parse(rule);
		expect(eventsFromClocks(ticket('tech.ana'), clocks(clock(state)), NOW, COORDS, parsed).map((e) => e.recipient)).toEqual(recipients);
	});
});

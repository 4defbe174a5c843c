import type { Ticket } from '../schemas';
import type { TicketClocks } from './clock';

type Urgent = Pick<Ticket, 'createdAt' | 'number'>;

interface UrgencyKey {
	/** 0 breached, 1 running, 2 nothing running (paused, met, not applicable). */
	rank: number;
	/** Within a rank, smaller is more urgent: breached, minus the largest overdue; running, the time left to the nearest due. */
	value: number;
	createdAt: number;
}

function urgencyKey(clocks: TicketClocks, createdAt: string, now: number): UrgencyKey {
	let overdue = -1;
	let nearestDue = Infinity;
	for (const clock of [clocks.categorization, clocks.firstResponse, clocks.resolution]) {
		if (clock.state === 'breached' && clock.metAt === null) overdue = Math.max(overdue, clock.overdueMs);
		else if ((clock.state === 'on-track' || clock.state === 'at-risk') && clock.due !== null) nearestDue = Math.min(nearestDue, clock.due);
	}
	const rank = overdue >= 0 ? 0 : nearestDue < Infinity ? 1 : 2;
	return { rank, value: rank === 0 ? -overdue : rank === 1 ? nearestDue - now : 0, createdAt: Date.parse(createdAt) };
}

/**
 * The order of a work queue, most urgent first: breached tickets (most overdue first), then those whose nearest due
 * time among their running clocks comes soonest, then the rest (paused, met, no SLA); ties go to the oldest ticket.
 * Each ticket's clocks are computed once per comparator, not once per comparison.
 */
export function bySlaUrgency<T extends Urgent>(now: number, clocksOf: (t: T) => TicketClocks): (a: T, b: T) => number {
	const keys = new WeakMap<T, UrgencyKey>();
	const keyOf = (t: T): UrgencyKey => {
		let key = keys.get(t);
		if (key === undefined) {
			key = urgencyKey(clocksOf(t), t.createdAt, now);
			keys.set(t, key);
		}
		return key;
	};
	return (a, b) => {
		const ka = keyOf(a);
		const kb = keyOf(b);
		return ka.rank - kb.rank || ka.value - kb.value || ka.createdAt - kb.createdAt || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
	};
}

import type { Ticket } from '../schemas';
import type { TicketClocks } from '../sla/clock';
import { SLA_TARGET_NAMES } from '../sla/policy';
import { isOpen } from '../workflow';
import { type ClockNotifyRule, DEFAULT_CLOCK_NOTIFY_RULE } from './clock-notify-rule';
import type { ClockEvent } from './event';

export { ClockNotifyRule, DEFAULT_CLOCK_NOTIFY_RULE } from './clock-notify-rule';

/** The key of a clock event: one per ticket, target, state and person, so a clock that stays breached tells nobody twice. */
export function clockEventKey(number: string, target: string, state: ClockEvent['kind'], recipient: string): string {
	return `ticket:${number}:clock:${target}:${state}:${recipient}`;
}

/**
 * Who hears now of the ticket's clocks at `now`: every target at risk or breached, to the people the rule names
 * (`coordinators`: the usernames of the active coordinators). Resolved and closed tickets, and targets already met
 * (late or not), tell nobody: the news would come after the fact.
 */
export function eventsFromClocks(
	ticket: Pick<Ticket, 'number' | 'status' | 'assignee' | 'priority'>,
	clocks: TicketClocks,
	now: number,
	coordinators: readonly string[],
	rule: ClockNotifyRule = DEFAULT_CLOCK_NOTIFY_RULE
): ClockEvent[] {
	if (!isOpen(ticket.status)) return [];
	const events: ClockEvent[] = [];
	for (const target of SLA_TARGET_NAMES) {
		const clock = clocks[target];
		if ((clock.state !== 'at-risk' && clock.state !== 'breached') || clock.metAt !== null) continue;
		const kind = clock.state;
		const audience = kind === 'at-risk' ? rule.atRisk : rule.breached;
		const recipients = new Map<string, ClockEvent['as']>();
		const tellsOwner = audience.includes('owner') && ticket.assignee !== null;
		if (tellsOwner) recipients.set(ticket.assignee as string, 'owner');
		if (audience.includes('coordinators') || (audience.includes('owner') && !tellsOwner))
			for (const c of coordinators) if (!recipients.has(c)) recipients.set(c, 'coordinator');
		for (const [recipient, as] of recipients)
			events.push({ key: clockEventKey(ticket.number, target, kind, recipient), kind, recipient, at: now, ticket: ticket.number, priority: ticket.priority, target, due: clock.due, as });
	}
	return events;
}

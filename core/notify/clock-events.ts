import { z } from 'zod';
import type { Ticket } from '../schemas';
import type { TicketClocks } from '../sla/clock';
import { SLA_TARGET_NAMES } from '../sla/policy';
import { isOpen } from '../workflow';
import type { ClockEvent } from './event';

const Audience = z.array(z.enum(['owner', 'coordinators'])).max(2);

/**
 * Who hears of a clock at risk and of a breach. The default models "the owner, then the coordinator": at risk tells
 * the owner only; a breach tells the owner and the coordinators. A ticket without an owner tells the coordinators
 * instead. Shaped to sit in a policy (a `notify` field of SlaPolicyFields) so administrators can edit it.
 */
export const ClockNotifyRule = z
	.object({
		atRisk: Audience.default(['owner']),
		breached: Audience.default(['owner', 'coordinators'])
	})
	.strict();
export type ClockNotifyRule = z.infer<typeof ClockNotifyRule>;

export const DEFAULT_CLOCK_NOTIFY_RULE: ClockNotifyRule = { atRisk: ['owner'], breached: ['owner', 'coordinators'] };

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

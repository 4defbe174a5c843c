import { z } from 'zod';

const Audience = z.array(z.enum(['owner', 'coordinators'])).max(2);

/**
 * Who hears of a clock at risk and of a breach. The default models "the owner, then the coordinator": at risk tells
 * the owner only; a breach tells the owner and the coordinators. A ticket without an owner tells the coordinators
 * instead. It sits in a policy (the `notify` field of SlaPolicyFields) so administrators can edit it; it is a module of
 * its own so the policy schema can import it without importing the notification events.
 */
export const ClockNotifyRule = z
	.object({
		atRisk: Audience.default(['owner']),
		breached: Audience.default(['owner', 'coordinators'])
	})
	.strict();
export type ClockNotifyRule = z.infer<typeof ClockNotifyRule>;

export const DEFAULT_CLOCK_NOTIFY_RULE: ClockNotifyRule = { atRisk: ['owner'], breached: ['owner', 'coordinators'] };

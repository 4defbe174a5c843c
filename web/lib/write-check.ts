import { type Actor, canWrite } from '$core/access';
import { secretRefusal } from '$core/doc-secrets';
import type { ReplicatedDoc } from '$core/schemas';
import { data } from './data-manager.svelte';
import { outages } from './outage-manager.svelte';
import { PlainError } from './errors';

/**
 * Refuses on the device, in the server's words, what the gateway would refuse (the write rules, then the password guard):
 * a refused change would stay stuck here.
 */
export function assertWritable(self: Actor, old: ReplicatedDoc | null, next: ReplicatedDoc | null): void {
	const refusal = canWrite(self, old, next, {
		now: new Date(),
		person: (username) => data.person(username),
		outage: outages.outage,
		ticket: (number) => data.ticket(number)
	});
	if (refusal) throw new PlainError(refusal.reason);
	const secret = next ? secretRefusal(old, next) : null;
	if (secret) throw new PlainError(secret);
}

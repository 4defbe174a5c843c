import { newOutage, type OutageForm } from '$core/outage/declare';
import { OutageAffectedDoc, OutageDoc, outageAffectedId } from '$core/outage/outage';
import type { UserProfile } from '$core/schemas';
import { isOpen } from '$core/workflow';
import { data } from './data-manager.svelte';
import { PlainError, userMessage } from './errors';
import { outages } from './outage-manager.svelte';
import { sync } from './sync-manager.svelte';
import { setStatus } from './ticket-actions';
import { assertWritable } from './write-check';

/** Declares an outage on this device; it syncs when the network allows. */
export async function declareOutage(form: OutageForm, self: UserProfile): Promise<OutageDoc> {
	const made = newOutage(form, self.username, new Date().toISOString(), crypto.randomUUID().slice(0, 6));
	if (!made.ok) throw new PlainError(made.problem);
	assertWritable(self, null, made.outage);
	const rev = await sync.put(made.outage);
	const saved = { ...made.outage, _rev: rev };
	outages.remember(saved);
	return saved;
}

/** Changes a stored outage, checked with the same rule the server applies. */
async function changeOutage(id: string, self: UserProfile, change: (outage: OutageDoc, at: string) => OutageDoc): Promise<OutageDoc> {
	const saved = await sync.update<OutageDoc>(id, (stored) => {
		const old = OutageDoc.parse(stored);
		const next = OutageDoc.safeParse(change(old, new Date().toISOString()));
		if (!next.success) throw new PlainError(`This change could not be saved: ${next.error.issues[0]?.message ?? 'it is not valid'}.`);
		assertWritable(self, old, next.data);
		return next.data;
	});
	outages.remember(saved);
	return saved;
}

/** Adds a progress note to an outage. */
export function addProgress(id: string, self: UserProfile, text: string): Promise<OutageDoc> {
	return changeOutage(id, self, (o, at) => ({ ...o, progress: [...o.progress, { at, by: self.username, text: text.trim() }] }));
}

/** Marks service restored: the banner goes on every device. */
export function markRestored(id: string, self: UserProfile): Promise<OutageDoc> {
	return changeOutage(id, self, (o, at) => ({ ...o, restoredAt: at, restoredBy: self.username }));
}

/** Links tickets to an outage (the policy's outage rule then applies to them); numbers already linked stay once. */
export function linkTickets(id: string, self: UserProfile, numbers: readonly string[]): Promise<OutageDoc> {
	return changeOutage(id, self, (o) => ({ ...o, tickets: [...new Set([...o.tickets, ...numbers])].sort() }));
}

/** Unlinks one ticket from an outage. */
export function unlinkTicket(id: string, self: UserProfile, number: string): Promise<OutageDoc> {
	return changeOutage(id, self, (o) => ({ ...o, tickets: o.tickets.filter((t) => t !== number) }));
}

/** Says an outage affects the signed-in person too ("me too"), instead of filing a duplicate ticket. */
export async function addAffected(outageId: string, self: UserProfile): Promise<OutageAffectedDoc> {
	const doc = OutageAffectedDoc.parse({
		_id: outageAffectedId(outageId, self.username),
		type: 'outage-affected',
		outage: outageId,
		username: self.username,
		at: new Date().toISOString()
	});
	assertWritable(self, null, doc);
	const rev = await sync.put(doc);
	const saved = { ...doc, _rev: rev };
	outages.remember(saved);
	return saved;
}

/** Takes back a "me too". */
export async function removeAffected(doc: OutageAffectedDoc, self: UserProfile): Promise<void> {
	assertWritable(self, doc, null);
	await sync.put({ _id: doc._id, _rev: doc._rev, _deleted: true });
	outages.remember({ _id: doc._id, _deleted: true });
}

/** The result of resolving one linked ticket. */
export type ResolveOutcome = { number: string; ok: true } | { number: string; ok: false; reason: string };

/** The linked tickets still open on this device, by number. */
export function openLinked(outage: Pick<OutageDoc, 'tickets'>): string[] {
	return outage.tickets.filter((n) => {
		const ticket = data.ticket(n);
		return ticket && isOpen(ticket.status);
	});
}

/**
 * Resolves each open linked ticket with one note, one after the other, each write checked like any other status change;
 * `onOutcome` hears of each as it is done, so a long run shows its progress. A ticket that cannot be resolved is reported
 * with its reason and the others go on.
 */
export async function resolveLinked(numbers: readonly string[], self: UserProfile, note: string, onOutcome: (o: ResolveOutcome) => void): Promise<ResolveOutcome[]> {
	const outcomes: ResolveOutcome[] = [];
	for (const number of numbers) {
		let outcome: ResolveOutcome;
		try {
			await setStatus(number, self, 'resolved', note);
			outcome = { number, ok: true };
		} catch (error) {
			outcome = { number, ok: false, reason: userMessage(error) };
		}
		outcomes.push(outcome);
		onOutcome(outcome);
	}
	return outcomes;
}

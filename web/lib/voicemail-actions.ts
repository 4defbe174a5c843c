import { attachmentsProblem } from '$core/attachments';
import { Ticket } from '$core/schemas';
import { VoicemailDoc } from '$core/telephony/docs';
import { markDuplicate, markSpam } from '$core/telephony/queue-actions';
import type { ChangeStamp } from '$core/ticket-changes';
import type { UserProfile } from '$core/schemas';
import { data } from './data-manager.svelte';
import { deviceCode } from './device';
import { entryId } from './entries';
import { PlainError } from './errors';
import type { LocalDb } from './local-db';
import { sync } from './sync-manager.svelte';
import { assertWritable } from './write-check';

function stampNow(self: UserProfile): ChangeStamp {
	const now = new Date();
	return { by: self.username, at: now.toISOString(), id: entryId(deviceCode() ?? 'dev', now.getTime()) };
}

async function fresh<T>(db: LocalDb, id: string, parse: { parse(value: unknown): T }, missing: string): Promise<T> {
	const doc = await db.get(id).catch(() => null);
	if (!doc) throw new PlainError(missing);
	return parse.parse(doc);
}

/** Refuses on the device what the gateway would refuse of this change (its rules, and for a voicemail its recording). */
function check(self: UserProfile, old: Ticket | VoicemailDoc, next: Ticket | VoicemailDoc): void {
	assertWritable(self, old, next);
	if (next.type === 'voicemail') {
		// The gateway's file rule: the recording goes back exactly as the phone line stored it.
		const files = attachmentsProblem(next, old, { writer: 'person' });
		if (files) throw new PlainError(files);
	}
}

/** Saves a changed document and shows it at once. */
async function put(next: Ticket | VoicemailDoc): Promise<void> {
	const rev = await sync.put(next);
	data.remember({ ...next, _rev: rev });
}

/** Saves a changed document after the device's pre-check (the gateway's rules), and shows it at once. */
async function save(self: UserProfile, old: Ticket | VoicemailDoc, next: Ticket | VoicemailDoc): Promise<void> {
	check(self, old, next);
	await put(next);
}

/**
 * Marks a voicemail's ticket a duplicate of another ticket on this device: the voicemail moves there (its recording with
 * it), the transcript becomes a note there, and this ticket closes with a note. All three writes are pre-checked before
 * any is saved; the voicemail moves last, so one the gateway still refuses (the target closed meanwhile) never leaves it
 * moved while its own ticket stays open.
 */
export async function duplicateVoicemail(self: UserProfile, number: string, voicemailId: string | null, targetNumber: string, callerWords: string): Promise<Ticket> {
	const db = sync.db;
	if (!db) throw new PlainError('Sign in first: there is no local database open.');
	const wanted = targetNumber.trim().toUpperCase();
	const ticket = await fresh(db, `ticket:${number}`, Ticket, `Ticket ${number} is not on this device any more.`);
	const target = await fresh(db, `ticket:${wanted}`, Ticket, `There is no ticket ${wanted || '(no number)'} on this device: check the number.`);
	const voicemail = voicemailId ? await fresh(db, voicemailId, VoicemailDoc, 'This voicemail is not on this device any more.') : null;
	const result = markDuplicate({ ticket, voicemail, target, callerWords, stamp: stampNow(self) });
	if (!result.ok) throw new PlainError(result.reason);
	const moved = voicemail && result.value.voicemail ? ([voicemail, result.value.voicemail] as const) : null;
	check(self, target, result.value.target);
	check(self, ticket, result.value.ticket);
	if (moved) check(self, ...moved);
	await put(result.value.target);
	await put(result.value.ticket);
	if (moved) await put(moved[1]);
	return result.value.target;
}

/** Closes a voicemail's ticket as spam, with a note. */
export async function spamVoicemail(self: UserProfile, number: string, reason: string): Promise<void> {
	const db = sync.db;
	if (!db) throw new PlainError('Sign in first: there is no local database open.');
	const ticket = await fresh(db, `ticket:${number}`, Ticket, `Ticket ${number} is not on this device any more.`);
	const result = markSpam(ticket, stampNow(self), reason);
	if (!result.ok) throw new PlainError(result.reason);
	await save(self, ticket, result.value);
}

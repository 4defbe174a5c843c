import { defaultPhoneLine } from '../../core/telephony/defaults';
import type { PhoneLineDoc } from '../../core/telephony/docs';
import type { Db } from '../../server/store';

/** Twilio ids for the tests: the prefix and 32 hex digits made from a label and a number. */
export function twilioSid(prefix: 'CA' | 'RE' | 'TR', n: number): string {
	return `${prefix}${n.toString(16).padStart(32, '0')}`;
}

/** The numbers the tests' people answer at (their `phone` in the directory), and the line's own number. */
export const PHONES = { ann: '(303) 555-0142', 'tech-n': '720-555-0110', coord: '+1 970 555 0120', spec: '719.555.0130' } as const;
export const LINE_NUMBER = '+13035550100';

/** The phone line the tests use: the help desk is the coordinator; on call, the coordinator, the specialist and Sam (no mobile). */
export function testPhoneLine(over: Partial<PhoneLineDoc> = {}): PhoneLineDoc {
	return { ...defaultPhoneLine(new Date('2026-11-30T12:00:00Z'), { helpdesk: ['coord'], onCall: ['coord', 'spec', 'tech-s'], defaultBuilding: 'north' }), ...over };
}

/**
 * Resolves once `check` answers a value, checked now and after each change of `db` (a store in this process, or the
 * gateway as one person) from before the first check, so a change made meanwhile is never missed; rejects after `ms`.
 */
export async function eventually<T>(db: Db, what: string, check: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
	const { update_seq: since } = await db.info();
	const first = await check();
	if (first) return first;
	return new Promise<T>((done, fail) => {
		const feed = db.changes({ since, live: true });
		let busy = Promise.resolve();
		const timer = setTimeout(() => {
			feed.cancel();
			fail(new Error(`${what}: not so after ${ms} ms`));
		}, ms);
		feed.on('change', () => {
			busy = busy.then(async () => {
				const value = await check();
				if (!value) return;
				clearTimeout(timer);
				feed.cancel();
				done(value);
			});
		});
	});
}

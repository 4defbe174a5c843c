import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { UserProfile } from '../schemas';

/** The district's country: numbers written without a country code are read as North American. */
export const DEFAULT_COUNTRY = 'US';

/** A phone number in E.164 (+13035550142), or null when it is not a valid number (withheld, "anonymous", a SIP address). */
export function toE164(raw: string | null | undefined): string | null {
	if (!raw) return null;
	const parsed = parsePhoneNumberFromString(raw.trim(), DEFAULT_COUNTRY);
	return parsed?.isValid() ? parsed.number : null;
}

/** A number as people write it: "(303) 555-0142" at home, "+44 20 7946 0958" abroad, the text as sent when unreadable. */
export function displayNumber(raw: string | null | undefined): string {
	const e164 = toE164(raw);
	if (!e164) return raw?.trim() || 'a withheld number';
	const parsed = parsePhoneNumberFromString(e164)!;
	return parsed.country === DEFAULT_COUNTRY ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * The active person of the directory whose phone is the caller's number (both read as E.164), or null: for an unknown
 * or withheld number, and for a number several people share (a front office): guessing would file it under the wrong name.
 */
export function matchCaller(from: string, people: readonly UserProfile[]): UserProfile | null {
	const caller = toE164(from);
	if (!caller) return null;
	const matches = people.filter((p) => p.active && p.phone !== undefined && toE164(p.phone) === caller);
	return matches.length === 1 ? matches[0] : null;
}

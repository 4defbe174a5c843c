import { DEVICE_CODE_RE, READABLE_ALPHABET, TICKET_NUMBER_RE } from './schemas';

const BASE = READABLE_ALPHABET.length;
const SHORT_CODES = BASE ** 3;
const LONG_CODES = BASE ** 4;
/** How many devices the server can register: every three-character code first, then every four-character one. */
export const DEVICE_CODE_COUNT = SHORT_CODES + LONG_CODES;
// A multiplier coprime with 31 spreads consecutive device indexes across each code space.
const SPREAD = 7919;

function encode(value: number, minLength: number): string {
	let out = '';
	let rest = value;
	do {
		out = READABLE_ALPHABET[rest % BASE] + out;
		rest = Math.floor(rest / BASE);
	} while (rest > 0);
	return out.padStart(minLength, READABLE_ALPHABET[0]);
}

/** The device code for the n-th device the server registers: three readable characters, four after the 29,791st. */
export function deviceCode(index: number): string {
	if (!Number.isInteger(index) || index < 0 || index >= DEVICE_CODE_COUNT) throw new RangeError('device index out of range');
	if (index < SHORT_CODES) return encode((index * SPREAD + 1234) % SHORT_CODES, 3);
	return encode(((index - SHORT_CODES) * SPREAD + 1234) % LONG_CODES, 4);
}

/** The ticket number a device gives its n-th ticket: unique across the district because device codes are. */
export function ticketNumber(device: string, sequence: number): string {
	if (!DEVICE_CODE_RE.test(device)) throw new RangeError('bad device code');
	if (!Number.isInteger(sequence) || sequence < 0 || sequence >= BASE ** 5) throw new RangeError('sequence out of range');
	return `${device}-${encode(sequence, device.length === 3 ? 3 : 5)}`;
}

/** The sequence a ticket number carries (what ticketNumber was given), or null for a malformed number. */
export function ticketSequence(number: string): number | null {
	if (!TICKET_NUMBER_RE.test(number)) return null;
	let value = 0;
	for (const char of number.slice(number.indexOf('-') + 1)) value = value * BASE + READABLE_ALPHABET.indexOf(char);
	return value;
}

/** Reads a number as a person typed or said it: case, spaces and a missing dash are forgiven. */
export function normalizeTicketNumber(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s_.-]/g, '');
	if (compact.length < 6 || compact.length > 9) return null;
	// 6 to 8 characters: a three-character device code; 9: a four-character one (its sequences are always five long).
	const split = compact.length === 9 ? 4 : 3;
	const candidate = `${compact.slice(0, split)}-${compact.slice(split)}`;
	return TICKET_NUMBER_RE.test(candidate) ? candidate : null;
}

import { READABLE_ALPHABET, TICKET_NUMBER_RE } from './schemas';

const BASE = READABLE_ALPHABET.length;
const DEVICE_SPACE = BASE ** 3;
// A multiplier coprime with 31^3 spreads consecutive device indexes across the code space.
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

/** The device code for the n-th device the server registers: three readable characters, unique per n. */
export function deviceCode(index: number): string {
	if (!Number.isInteger(index) || index < 0 || index >= DEVICE_SPACE) throw new RangeError('device index out of range');
	return encode((index * SPREAD + 1234) % DEVICE_SPACE, 3);
}

/** The ticket number a device gives its n-th ticket: unique across the district because device codes are. */
export function ticketNumber(device: string, sequence: number): string {
	if (!/^[2-9A-HJKMNP-Z]{3}$/.test(device)) throw new RangeError('bad device code');
	if (!Number.isInteger(sequence) || sequence < 0 || sequence >= BASE ** 5) throw new RangeError('sequence out of range');
	return `${device}-${encode(sequence, 3)}`;
}

/** Reads a number as a person typed or said it: case, spaces and a missing dash are forgiven. */
export function normalizeTicketNumber(input: string): string | null {
	const compact = input.toUpperCase().replace(/[\s_.-]/g, '');
	if (compact.length < 6 || compact.length > 8) return null;
	const candidate = `${compact.slice(0, 3)}-${compact.slice(3)}`;
	return TICKET_NUMBER_RE.test(candidate) ? candidate : null;
}

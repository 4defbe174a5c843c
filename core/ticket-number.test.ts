import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { READABLE_ALPHABET, TICKET_NUMBER_RE, TicketNumber } from './schemas';
import { DEVICE_CODE_COUNT, deviceCode, normalizeTicketNumber, ticketNumber, ticketSequence } from './ticket-number';

const DEVICES = 31 ** 3;
const LONG_DEVICES = 31 ** 4;
const SEQUENCES = 31 ** 5;

describe('the readable alphabet', () => {
	it('has 31 distinct characters and none that read alike', () => {
		expect(new Set(READABLE_ALPHABET).size).toBe(31);
		expect(READABLE_ALPHABET).not.toMatch(/[01OIL]/);
		expect(READABLE_ALPHABET).toMatch(/^[0-9A-Z]+$/);
	});
});

describe('deviceCode', () => {
	it('gives each of the 29,791 device indexes its own three readable characters', () => {
		const codes = new Set<string>();
		for (let index = 0; index < DEVICES; index++) {
			const code = deviceCode(index);
			expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}$/);
			codes.add(code);
		}
		expect(codes.size).toBe(DEVICES);
		expect([...codes].join('')).not.toMatch(/[01OIL]/);
	});

	it('spreads consecutive devices apart rather than counting up', () => {
		expect(deviceCode(1).slice(0, 2)).not.toBe(deviceCode(0).slice(0, 2));
	});

	it('keeps the codes already handed out: the first devices get the same three characters as before', () => {
		expect([0, 1, 2, 29_790].map(deviceCode)).toEqual(['3AU', 'BJA', 'KSR', 'T3D']);
	});

	it('goes on with four readable characters after the last three-character code, each index its own', () => {
		expect(DEVICE_CODE_COUNT).toBe(DEVICES + LONG_DEVICES);
		// A bitmap over the decoded codes: a Set of 923,521 strings is too slow for a unit test.
		const seen = new Uint8Array(LONG_DEVICES);
		let distinct = 0;
		let malformed = 0;
		for (let index = DEVICES; index < DEVICE_CODE_COUNT; index++) {
			const code = deviceCode(index);
			let value = 0;
			for (const char of code) value = value * 31 + READABLE_ALPHABET.indexOf(char);
			if (code.length !== 4 || value < 0 || code.includes('-')) malformed++;
			else if (!seen[value]) {
				seen[value] = 1;
				distinct++;
			}
		}
		expect(malformed).toBe(0);
		expect(distinct).toBe(LONG_DEVICES);
		expect(deviceCode(DEVICES)).toMatch(/^[2-9A-HJKMNP-Z]{4}$/);
	}, 30_000);

	it('refuses indexes outside the code space', () => {
		for (const index of [-1, DEVICE_CODE_COUNT, 1.5, Number.NaN]) expect(() => deviceCode(index)).toThrow(RangeError);
	});
});

describe('ticketNumber', () => {
	it('makes numbers that match the ticket number format, from three- and four-character devices', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: DEVICE_CODE_COUNT - 1 }), fc.integer({ min: 0, max: SEQUENCES - 1 }), (d, n) => {
				const number = ticketNumber(deviceCode(d), n);
				expect(number).toMatch(TICKET_NUMBER_RE);
				expect(TicketNumber.safeParse(number).success).toBe(true);
			}),
			{ numRuns: 1000 }
		);
	});

	it('gives distinct sequences distinct numbers on one device', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: SEQUENCES - 1 }), fc.integer({ min: 0, max: SEQUENCES - 1 }), (a, b) => {
				fc.pre(a !== b);
				expect(ticketNumber('K7M', a)).not.toBe(ticketNumber('K7M', b));
			}),
			{ numRuns: 1000 }
		);
	});

	it('pads short sequences to three characters and grows to five', () => {
		expect(ticketNumber('K7M', 0)).toBe('K7M-222');
		expect(ticketNumber('K7M', 31)).toBe('K7M-232');
		expect(ticketNumber('K7M', 31 ** 3)).toBe('K7M-3222');
		expect(ticketNumber('K7M', SEQUENCES - 1)).toBe('K7M-ZZZZZ');
	});

	it('gives a four-character device five-character sequences, so its numbers never read as a three-character device’s', () => {
		expect(ticketNumber('K7MA', 0)).toBe('K7MA-22222');
		expect(ticketNumber('K7MA', 31 ** 3)).toBe('K7MA-23222');
		expect(ticketNumber('K7MA', SEQUENCES - 1)).toBe('K7MA-ZZZZZ');
	});

	it('refuses a bad device code or a sequence out of range', () => {
		for (const device of ['K0M', 'k7m', 'K7', 'K7MMM', 'KIM', 'K7ML']) expect(() => ticketNumber(device, 1)).toThrow(RangeError);
		for (const sequence of [-1, SEQUENCES, 2.5]) expect(() => ticketNumber('K7M', sequence)).toThrow(RangeError);
	});
});

describe('normalizeTicketNumber', () => {
	it.each([
		['K7M-4QX', 'K7M-4QX'],
		['k7m-4qx', 'K7M-4QX'],
		['K7M4QX', 'K7M-4QX'],
		[' k7m 4qx ', 'K7M-4QX'],
		['K 7 M - 4 Q X', 'K7M-4QX'],
		['k7m-4qx9z', 'K7M-4QX9Z'],
		['K7M.4QX', 'K7M-4QX']
	])('reads %j as %s', (input, expected) => {
		expect(normalizeTicketNumber(input)).toBe(expected);
	});

	it.each([
		['k7ma-4qx9z', 'K7MA-4QX9Z'],
		['K7MA4QX9Z', 'K7MA-4QX9Z']
	])('reads the four-character device number %j as %s', (input, expected) => {
		expect(normalizeTicketNumber(input)).toBe(expected);
	});

	it.each(['', 'K7M', 'K7M-4Q', 'K7M-4QX9ZZ2', 'K0M-4QX', 'KIM-4QX', 'K7M-4QL', 'ticket K7M-4QX', 'hello world', 'K7M/4QX', '4QX-K7M!'])(
		'refuses %j',
		(input) => {
			expect(normalizeTicketNumber(input)).toBeNull();
		}
	);

	it('reads back every ticket number however it is typed', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: DEVICE_CODE_COUNT - 1 }),
				fc.integer({ min: 0, max: SEQUENCES - 1 }),
				fc.boolean(),
				fc.constantFrom('-', '', ' ', ' - '),
				(d, n, lower, dash) => {
					const number = ticketNumber(deviceCode(d), n);
					const typed = number.replace('-', dash);
					expect(normalizeTicketNumber(lower ? typed.toLowerCase() : typed)).toBe(number);
				}
			),
			{ numRuns: 1000 }
		);
	});
});

describe('ticketSequence', () => {
	it('reads back the sequence of every number', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: DEVICE_CODE_COUNT - 1 }), fc.integer({ min: 0, max: SEQUENCES - 1 }), (d, n) => {
				expect(ticketSequence(ticketNumber(deviceCode(d), n))).toBe(n);
			}),
			{ numRuns: 1000 }
		);
	});

	it('refuses what is not a ticket number', () => {
		for (const input of ['', 'K7M', 'K7MA-4QX', 'K7M-4QL']) expect(ticketSequence(input)).toBeNull();
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { READABLE_ALPHABET, TICKET_NUMBER_RE, TicketNumber } from './schemas';
import { deviceCode, normalizeTicketNumber, ticketNumber } from './ticket-number';

const DEVICES = 31 ** 3;
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

	it('refuses indexes outside the code space', () => {
		for (const index of [-1, DEVICES, 1.5, Number.NaN]) expect(() => deviceCode(index)).toThrow(RangeError);
	});
});

describe('ticketNumber', () => {
	it('makes numbers that match the ticket number format', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: DEVICES - 1 }), fc.integer({ min: 0, max: SEQUENCES - 1 }), (d, n) => {
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

	it('refuses a bad device code or a sequence out of range', () => {
		for (const device of ['K0M', 'k7m', 'K7', 'K7MM', 'KIM']) expect(() => ticketNumber(device, 1)).toThrow(RangeError);
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

	it.each(['', 'K7M', 'K7M-4Q', 'K7M-4QX9ZZ', 'K0M-4QX', 'KIM-4QX', 'K7M-4QL', 'ticket K7M-4QX', 'hello world', 'K7M/4QX', '4QX-K7M!'])(
		'refuses %j',
		(input) => {
			expect(normalizeTicketNumber(input)).toBeNull();
		}
	);

	it('reads back every ticket number however it is typed', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: DEVICES - 1 }),
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

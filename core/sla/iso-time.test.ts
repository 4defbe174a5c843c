import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTime } from './iso-time';

describe('parseIsoTime', () => {
	it.each([
		['2026-12-07T15:00:00.000Z', Date.UTC(2026, 11, 7, 15)],
		['2026-12-07T08:00:00-07:00', Date.UTC(2026, 11, 7, 15)],
		['2024-02-29T23:59:59.5+05:30', Date.UTC(2024, 1, 29, 18, 29, 59, 500)],
		['1969-12-31T23:59:59Z', -1000]
	])('reads %s', (text, expected) => {
		expect(parseIsoTime(text)).toBe(expected);
	});

	it('agrees with Date.parse on ISO times with offsets, and on what it does not read itself', () => {
		const time = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
		const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });
		fc.assert(
			fc.property(time, offset, fc.integer({ min: 0, max: 3 }), (t, minutes, style) => {
				const local = new Date(t + minutes * 60_000).toISOString().slice(0, 23);
				const sign = minutes < 0 ? '-' : '+';
				const abs = Math.abs(minutes);
				const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
				const text = [local + 'Z', local + zone, local.slice(0, 19) + zone, local + '1234' + zone][style];
				expect(parseIsoTime(text)).toBe(Date.parse(text));
			}),
			{ numRuns: 2000 }
		);
		for (const odd of ['2026-02-30T10:00:00Z', '2026-12-07T10:00Z', '2026-13-07T10:00:00Z', 'not a time', '2026-12-07T10:00:00+0700']) {
			expect(parseIsoTime(odd)).toEqual(Date.parse(odd));
		}
	});
});

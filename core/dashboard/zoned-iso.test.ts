import { describe, expect, it } from 'vitest';
import { zonedIsoFormatter } from './zoned-iso';

describe('zonedIsoFormatter', () => {
	const cases: [string, string, string[], string[]][] = [
		['Denver in winter and summer', 'America/Denver', ['2026-12-07T16:30:00Z', '2026-07-07T16:30:00Z'], ['2026-12-07T09:30:00-07:00', '2026-07-07T10:30:00-06:00']],
		// DST ends at 2026-11-01T08:00:00Z (02:00 MDT becomes 01:00 MST): asked after the transition, then just before it.
		['either side of the end of DST, asked in any order', 'America/Denver', ['2026-11-01T08:00:00Z', '2026-11-01T07:59:59Z', '2026-11-01T08:30:00Z', '2026-11-01T07:30:00Z'], ['2026-11-01T01:00:00-07:00', '2026-11-01T01:59:59-06:00', '2026-11-01T01:30:00-07:00', '2026-11-01T01:30:00-06:00']],
		['a half-hour offset', 'Asia/Kolkata', ['2026-12-07T03:30:00Z'], ['2026-12-07T09:00:00+05:30']],
		['UTC, which has no transitions', 'UTC', ['2026-12-07T03:30:00Z'], ['2026-12-07T03:30:00+00:00']],
		['seconds kept, milliseconds dropped', 'America/Denver', ['2026-12-07T16:30:15.999Z'], ['2026-12-07T09:30:15-07:00']]
	];
	it.each(cases)('%s', (_name, zone, instants, expected) => {
		const iso = zonedIsoFormatter(zone);
		expect(instants.map((t) => iso(Date.parse(t)))).toEqual(expected);
	});
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessDaysLater, compileCalendar } from './business-time';
import { denver } from './business-time.fixtures';
import { readIcs } from './ical';
import { withIcalClosures } from './ical-closures';

// The demo district's published calendar: summer Fridays closed (RRULE, weekly to July 30) except June 25 (EXDATE).
const ics = readFileSync(new URL('../../server/demo/lakeside-2026-27.ics', import.meta.url), 'utf8');
const read = readIcs(ics, { timeZone: 'America/Denver', now: Date.parse('2026-11-30T12:00:00Z') });
if ('error' in read) throw new Error(read.error);
const cal = compileCalendar(withIcalClosures(denver, read.events.filter((e) => e.closure)));
const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('business time on the closures an iCal import brings', () => {
	// Hand-computed: Thursday 14:00-15:30 is 1.5 h; the rest of 4 h (2.5 h) runs from the next opening at 07:00 (MDT, -06:00).
	it.each([
		['a summer Friday the RRULE closes: Thursday 14:00 + 4 h runs into Monday', '2027-06-17T14:00:00-06:00', '2027-06-21T09:30:00-06:00'],
		['June 25, which the EXDATE keeps open: Thursday 14:00 + 4 h ends Friday', '2027-06-24T14:00:00-06:00', '2027-06-25T09:30:00-06:00'],
		['the last Friday of the rule, July 30: into Monday August 2', '2027-07-29T14:00:00-06:00', '2027-08-02T09:30:00-06:00'],
		['after the rule ends: Friday August 6 is open', '2027-08-05T14:00:00-06:00', '2027-08-06T09:30:00-06:00'],
		['Wednesday before Thanksgiving (Thursday and Friday closed, MST -07:00)', '2026-11-25T14:00:00-07:00', '2026-11-30T09:30:00-07:00'],
		['the December 23 early close at noon: 11:00 + 4 h is 1 h that day, 3 h on January 4', '2026-12-23T11:00:00-07:00', '2027-01-04T10:00:00-07:00']
	])('%s', (_name, start, due) => {
		expect(addBusinessTime(cal, at(start), 4 * HOUR)).toBe(at(due));
	});

	it('counts business days over the closed summer Fridays but not over June 25', () => {
		// Thursday June 17 10:00 + 1 business day: Friday 18 is closed, so Monday 21 10:00; June 24 + 1 is Friday June 25.
		expect(businessDaysLater(cal, at('2027-06-17T10:00:00-06:00'), 1)).toBe(at('2027-06-21T10:00:00-06:00'));
		expect(businessDaysLater(cal, at('2027-06-24T10:00:00-06:00'), 1)).toBe(at('2027-06-25T10:00:00-06:00'));
	});
});

import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type Closure } from './calendar';
import { closureOf, withIcalClosures } from './ical-closures';
import type { IcsEvent } from './ical';

const nine = [{ start: '09:00', end: '17:00' }];
const manual: Closure = { id: 'manual-1', summary: 'Board retreat', allDay: true, start: '2026-10-02', end: '2026-10-03', source: 'manual' };
const lastImport: Closure = { id: 'ical:old@2026-09-07', summary: 'Labor Day', allDay: true, start: '2026-09-07', end: '2026-09-08', source: 'ical' };
const calendar = BusinessCalendar.parse({
	timeZone: 'America/Denver',
	hours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [], sun: [] },
	closures: [lastImport, manual]
});
const thanksgiving: IcsEvent = { uid: 'tg@x', summary: 'Thanksgiving - District Closed', start: '2026-11-26', end: '2026-11-28', allDay: true, closure: true };
const earlyClose: IcsEvent = { uid: 'ec@x', summary: 'Closes at noon', start: '2026-12-23T12:00:00-07:00', end: '2026-12-23T17:00:00-07:00', allDay: false, closure: true };

describe('applying imported events to the calendar', () => {
	it('replaces the closures the last import brought and keeps the manual ones', () => {
		const next = withIcalClosures(calendar, [thanksgiving, earlyClose]);
		expect(next.closures).toEqual([
			manual,
			{ id: 'ical:tg@x@2026-11-26', summary: 'Thanksgiving - District Closed', allDay: true, start: '2026-11-26', end: '2026-11-28', source: 'ical' },
			{ id: 'ical:ec@x@2026-12-23T12:00:00-07:00', summary: 'Closes at noon', allDay: false, start: '2026-12-23T12:00:00-07:00', end: '2026-12-23T17:00:00-07:00', source: 'ical' }
		]);
		expect(BusinessCalendar.parse(next)).toEqual(next);
		expect(calendar.closures).toEqual([lastImport, manual]);
	});

	it('gives an occurrence the same id on every import, once, and skips events that last no time', () => {
		expect(closureOf(thanksgiving)?.id).toBe(closureOf({ ...thanksgiving, summary: 'renamed' })?.id);
		expect(withIcalClosures(calendar, [thanksgiving, thanksgiving]).closures).toHaveLength(2);
		expect(closureOf({ ...earlyClose, end: earlyClose.start })).toBeNull();
	});

	it('clears every imported closure when nothing is chosen', () => {
		expect(withIcalClosures(calendar, []).closures).toEqual([manual]);
	});
});

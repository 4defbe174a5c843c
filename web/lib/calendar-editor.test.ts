import { describe, expect, it } from 'vitest';
import { blankCalendar, buildCalendarDoc, describeSpan, hoursSummary, manualClosure, orderedClosures } from './calendar-editor';

const input = { summary: 'Board retreat', kind: 'days' as const, first: '', last: '', date: '', from: '', to: '' };

describe('the calendar screen', () => {
	it('adds whole-day closures with the last day included, and part-day closures in the district zone', () => {
		expect(manualClosure({ ...input, first: '2026-11-26', last: '2026-11-27' }, 'America/Denver', 'm1')).toEqual({
			id: 'm1', summary: 'Board retreat', allDay: true, start: '2026-11-26', end: '2026-11-28', source: 'manual'
		});
		expect(manualClosure({ ...input, kind: 'hours', date: '2026-12-23', from: '12:00', to: '17:00' }, 'America/Denver', 'm2')).toEqual({
			id: 'm2', summary: 'Board retreat', allDay: false, start: '2026-12-23T12:00:00-07:00', end: '2026-12-23T17:00:00-07:00', source: 'manual'
		});
		expect(manualClosure({ ...input, kind: 'hours', date: '2027-07-02', from: '12:00', to: '15:30' }, 'America/Denver', 'm3')).toMatchObject({ start: '2027-07-02T12:00:00-06:00' });
		expect(manualClosure({ ...input, first: '2026-11-27', last: '2026-11-26' }, 'America/Denver', 'x')).toEqual({ problem: 'The last day is before the first day.' });
		expect(manualClosure({ ...input, kind: 'hours', date: '2026-12-23', from: '17:00', to: '12:00' }, 'America/Denver', 'x')).toEqual({ problem: 'The office must open again after it closes.' });
	});

	it('says what is wrong with a draft in words that name the day', () => {
		const draft = blankCalendar('America/Denver');
		draft.hours.tue = [{ start: '16:00', end: '08:00' }];
		expect(buildCalendarDoc(draft, null, 'admin', new Date('2026-12-01T00:00:00Z'))).toEqual({ problem: 'Tuesday, hours 1: an opening ends after it starts.' });
		expect(buildCalendarDoc({ ...blankCalendar('Mars/Base') }, null, 'admin', new Date())).toEqual({ problem: 'Time zone: not a time zone name such as America/Denver.' });
		const ok = buildCalendarDoc(blankCalendar('America/Denver'), null, 'admin', new Date('2026-12-01T00:00:00Z'));
		expect(ok).toMatchObject({ doc: { _id: 'calendar:district', type: 'calendar', updatedBy: 'admin', updatedAt: '2026-12-01T00:00:00.000Z' } });
	});

	it('describes closures in the district zone, ends of all-day closures excluded', () => {
		expect(describeSpan({ allDay: true, start: '2026-11-26', end: '2026-11-28' }, 'America/Denver')).toBe('Thu, Nov 26, 2026 to Fri, Nov 27, 2026');
		expect(describeSpan({ allDay: true, start: '2026-09-07', end: '2026-09-08' }, 'America/Denver')).toBe('Mon, Sep 7, 2026, all day');
		expect(describeSpan({ allDay: false, start: '2026-12-23T19:00:00Z', end: '2026-12-24T00:00:00Z' }, 'America/Denver')).toBe('Wed, Dec 23, 2026, 12:00 to 17:00');
	});

	it('orders closures by start and marks the ones that are over', () => {
		const a = { id: 'a', summary: 'A', allDay: true, start: '2026-12-24', end: '2027-01-02', source: 'ical' as const };
		const b = { id: 'b', summary: 'B', allDay: false, start: '2026-12-23T12:00:00-07:00', end: '2026-12-23T17:00:00-07:00', source: 'manual' as const };
		expect(orderedClosures([a, b], 'America/Denver', Date.parse('2026-12-24T00:00:00Z')).map((x) => [x.closure.id, x.past])).toEqual([['b', true], ['a', false]]);
	});
});

describe('the week in a line', () => {
	it('joins days with the same hours and leaves out closed days', () => {
		const week = blankCalendar('America/Denver').hours;
		expect(hoursSummary(week)).toBe('Mon–Fri 08:00–16:00');
		expect(hoursSummary({ ...week, wed: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:00' }], sat: [{ start: '09:00', end: '12:00' }] })).toBe(
			'Mon–Tue 08:00–16:00; Wed 08:00–12:00, 13:00–16:00; Thu–Fri 08:00–16:00; Sat 09:00–12:00'
		);
		expect(hoursSummary({ ...week, mon: [], tue: [], wed: [], thu: [], fri: [] })).toBe('closed all week');
	});
});

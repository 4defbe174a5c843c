import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '$core/sla/calendar';
import { SLA_PRESETS } from '$core/sla/presets';
import { calendarPreview } from './calendar-preview';

const policy = SLA_PRESETS.find((p) => p.id === 'ts-pe-004')!;
const weekdays = [{ start: '07:00', end: '15:30' }];
const open: BusinessCalendar = {
	timeZone: 'America/Denver',
	hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
	overrides: [],
	closures: []
};
const thanksgiving: BusinessCalendar = {
	...open,
	closures: [{ id: 'tg', summary: 'Thanksgiving', allDay: true, start: '2026-11-26', end: '2026-11-28', source: 'manual' }]
};
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('calendarPreview', () => {
	// Wednesday before Thanksgiving, 09:00 in Denver (UTC-7). P3 break-fix under TS-PE-004: response 1 business day, resolution 3.
	const now = at('2026-11-25T09:00:00-07:00');

	it('gives due dates filed now and the afternoon before the next closure, under the edited calendar and the saved one', () => {
		const result = calendarPreview(policy, thanksgiving, open, 3, now);
		if (!('examples' in result)) throw new Error(result.problem);
		expect(result.examples.map((e) => e.label)).toEqual(['Filed now', 'Filed the day before “Thanksgiving”, 2 PM']);
		const [filedNow, dayBefore] = result.examples;
		// Thursday and Friday are closed: the next business day is Monday the 30th, then Tuesday, Wednesday.
		expect(iso(filedNow.edited.firstResponse)).toBe('2026-11-30T16:00:00.000Z');
		expect(iso(filedNow.edited.resolution)).toBe('2026-12-02T16:00:00.000Z');
		// Without the closure (as saved): Thursday 26th, and Monday 30th.
		expect(iso(filedNow.saved?.firstResponse ?? null)).toBe('2026-11-26T16:00:00.000Z');
		expect(iso(filedNow.saved?.resolution ?? null)).toBe('2026-11-30T16:00:00.000Z');
		expect(iso(dayBefore.openedAt)).toBe('2026-11-25T21:00:00.000Z');
		expect(iso(dayBefore.edited.firstResponse)).toBe('2026-11-30T21:00:00.000Z');
	});

	it('asks for the hours to be fixed while the edited calendar is not valid', () => {
		const broken = { ...open, hours: { ...open.hours, mon: [{ start: '15:30', end: '07:00' }] } };
		expect(calendarPreview(policy, broken, open, 3, now)).toEqual({ problem: 'Fix the hours and closures marked above to see due dates.' });
	});

	it('has no saved times before the district saves a calendar', () => {
		const result = calendarPreview(policy, open, null, 1, now);
		if (!('examples' in result)) throw new Error(result.problem);
		expect(result.examples).toHaveLength(1);
		// P1 break-fix: resolution 4 business hours from 09:00 is 13:00 the same day.
		expect(result.examples[0].saved).toBeNull();
		expect(iso(result.examples[0].edited.resolution)).toBe('2026-11-25T20:00:00.000Z');
	});
});

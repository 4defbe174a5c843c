import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IcsEvent, readIcs, saysClosed } from './ical';

const DENVER = 'America/Denver';
const NOW = Date.parse('2026-12-01T12:00:00Z');
/** A calendar around the given lines: they start on line 4. */
const ics = (lines: string[], eol = '\r\n', head: string[] = []) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...head, ...lines, 'END:VCALENDAR', ''].join(eol);
const event = (...props: string[]) => ['BEGIN:VEVENT', 'UID:e1', 'SUMMARY:Event', ...props, 'END:VEVENT'];
const read = (text: string, more: { from?: string; to?: string; timeZone?: string } = {}) =>
	readIcs(text, { timeZone: more.timeZone ?? DENVER, now: NOW, from: more.from ? Date.parse(more.from) : undefined, to: more.to ? Date.parse(more.to) : undefined });
const events = (text: string, more?: Parameters<typeof read>[1]) => {
	const r = read(text, more);
	if ('error' in r) throw new Error(r.error);
	return r.events;
};
const spans = (text: string, more?: Parameters<typeof read>[1]) => events(text, more).map((e) => `${e.start}/${e.end}`);

describe('reading the Lakeside district calendar', () => {
	const fixture = readFileSync(new URL('../../server/demo/lakeside-2026-27.ics', import.meta.url), 'utf8');
	const all = events(fixture);

	it('chooses as closures exactly the District Closed events, the summer Fridays without June 25', () => {
		expect(all.filter((e) => e.closure).map((e) => `${e.start}/${e.end}`)).toEqual([
			'2026-09-07/2026-09-08',
			'2026-11-26/2026-11-28',
			'2026-12-23T12:00:00-07:00/2026-12-23T17:00:00-07:00',
			'2026-12-24/2027-01-02',
			'2027-01-18/2027-01-19',
			'2027-02-15/2027-02-16',
			'2027-05-31/2027-06-01',
			'2027-06-11/2027-06-12',
			'2027-06-18/2027-06-19',
			'2027-07-02/2027-07-03',
			'2027-07-05/2027-07-06',
			'2027-07-09/2027-07-10',
			'2027-07-16/2027-07-17',
			'2027-07-23/2027-07-24',
			'2027-07-30/2027-07-31'
		]);
	});

	it('lists the No School days and school events too, not chosen', () => {
		const others = all.filter((e) => !e.closure).map((e) => e.summary);
		expect(others).toEqual([
			'First Day of School',
			'No School - Professional Development Day',
			'Parent-Teacher Conferences (evening)',
			'Veterans Day - No School',
			'Thanksgiving Break - No School',
			'Winter Break - No School',
			'Spring Break - No School',
			'Last Day of School'
		]);
		expect(all.find((e) => e.uid === '2026-conferences@lakeside.example.org')).toEqual({
			uid: '2026-conferences@lakeside.example.org', summary: 'Parent-Teacher Conferences (evening)',
			start: '2026-10-29T16:00:00-06:00', end: '2026-10-29T20:00:00-06:00', allDay: false, closure: false
		});
	});
});

describe('expanding events', () => {
	it('repeats a weekly rule and drops its EXDATE', () => {
		const text = ics(event('DTSTART;VALUE=DATE:20270604', 'DTEND;VALUE=DATE:20270605', 'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;VALUE=DATE:20270611'));
		expect(spans(text)).toEqual(['2027-06-04/2027-06-05', '2027-06-18/2027-06-19', '2027-06-25/2027-06-26']);
	});

	it('drops EXDATEs given as times in a zone, and several on one line', () => {
		const text = ics(event('DTSTART;TZID=America/Denver:20270607T090000', 'DTEND;TZID=America/Denver:20270607T100000', 'RRULE:FREQ=DAILY;COUNT=4', 'EXDATE;TZID=America/Denver:20270608T090000,20270610T090000'));
		expect(spans(text)).toEqual(['2027-06-07T09:00:00-06:00/2027-06-07T10:00:00-06:00', '2027-06-09T09:00:00-06:00/2027-06-09T10:00:00-06:00']);
	});

	it('drops only the occurrence a timed EXDATE names when a rule repeats within a day', () => {
		const text = ics(event('DTSTART:20270607T150000Z', 'DURATION:PT30M', 'RRULE:FREQ=HOURLY;COUNT=3', 'EXDATE:20270607T160000Z'));
		expect(spans(text)).toEqual(['2027-06-07T09:00:00-06:00/2027-06-07T09:30:00-06:00', '2027-06-07T11:00:00-06:00/2027-06-07T11:30:00-06:00']);
	});

	it('reads a UTC UNTIL against times in a zone as that instant', () => {
		// 14:00Z is 08:00 in Denver in June: the 09:00 occurrence of June 9 is after it.
		const text = ics(event('DTSTART;TZID=America/Denver:20270607T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;UNTIL=20270609T140000Z'));
		expect(spans(text)).toEqual(['2027-06-07T09:00:00-06:00/2027-06-07T10:00:00-06:00', '2027-06-08T09:00:00-06:00/2027-06-08T10:00:00-06:00']);
	});

	it('keeps all-day ends exclusive, and makes an all-day event without an end one day long', () => {
		expect(spans(ics(event('DTSTART;VALUE=DATE:20270104', 'DTEND;VALUE=DATE:20270106')))).toEqual(['2027-01-04/2027-01-06']);
		expect(spans(ics(event('DTSTART;VALUE=DATE:20270104')))).toEqual(['2027-01-04/2027-01-05']);
	});

	it('reads DURATION as well as DTEND, for timed and all-day events', () => {
		expect(spans(ics(event('DTSTART;TZID=America/Denver:20270104T080000', 'DURATION:PT1H30M')))).toEqual(['2027-01-04T08:00:00-07:00/2027-01-04T09:30:00-07:00']);
		expect(spans(ics(event('DTSTART;VALUE=DATE:20270104', 'DURATION:P3D')))).toEqual(['2027-01-04/2027-01-07']);
	});

	it('reads TZID times as wall-clock times in that zone, across the March DST change', () => {
		const text = ics(event('DTSTART;TZID=America/Denver:20260305T090000', 'DTEND;TZID=America/Denver:20260305T100000', 'RRULE:FREQ=WEEKLY;COUNT=2'));
		expect(spans(text)).toEqual(['2026-03-05T09:00:00-07:00/2026-03-05T10:00:00-07:00', '2026-03-12T09:00:00-06:00/2026-03-12T10:00:00-06:00']);
	});

	it('reads a TZID without a VTIMEZONE in its own zone, and shows it in the district zone', () => {
		expect(spans(ics(event('DTSTART;TZID=America/New_York:20260710T090000', 'DTEND;TZID=America/New_York:20260710T100000')))).toEqual([
			'2026-07-10T07:00:00-06:00/2026-07-10T08:00:00-06:00'
		]);
	});

	it('reads UTC times', () => {
		expect(spans(ics(event('DTSTART:20260710T150000Z', 'DTEND:20260710T160000Z')))).toEqual(['2026-07-10T09:00:00-06:00/2026-07-10T10:00:00-06:00']);
	});

	it('reads floating times in X-WR-TIMEZONE, else in the district zone', () => {
		const lines = event('DTSTART:20260710T090000', 'DTEND:20260710T100000');
		expect(spans(ics(lines, '\r\n', ['X-WR-TIMEZONE:America/Chicago']))).toEqual(['2026-07-10T08:00:00-06:00/2026-07-10T09:00:00-06:00']);
		expect(spans(ics(lines))).toEqual(['2026-07-10T09:00:00-06:00/2026-07-10T10:00:00-06:00']);
		expect(spans(ics(lines), { timeZone: 'America/Phoenix' })).toEqual(['2026-07-10T09:00:00-07:00/2026-07-10T10:00:00-07:00']);
	});

	it('maps Windows zone names to their IANA zones', () => {
		const at = (zone: string) => spans(ics(event(`DTSTART;TZID="${zone}":20260710T090000`, `DTEND;TZID="${zone}":20260710T100000`)))[0].slice(0, 25);
		expect(at('Mountain Standard Time')).toBe('2026-07-10T09:00:00-06:00');
		expect(at('US Mountain Standard Time')).toBe('2026-07-10T10:00:00-06:00');
		expect(at('Pacific Standard Time')).toBe('2026-07-10T10:00:00-06:00');
		expect(at('Central Standard Time')).toBe('2026-07-10T08:00:00-06:00');
		expect(at('Eastern Standard Time')).toBe('2026-07-10T07:00:00-06:00');
	});

	it('accepts bare dates without VALUE=DATE, LF line endings, folded lines and lower-case names', () => {
		const text = ics(['BEGIN:VEVENT', 'uid:sloppy', 'SUMMARY:Winter Holiday - ', ' District Closed', 'DTSTART:20261224', 'DTEND:20270102', 'END:VEVENT'], '\n');
		expect(events(text)).toEqual([{ uid: 'sloppy', summary: 'Winter Holiday - District Closed', start: '2026-12-24', end: '2027-01-02', allDay: true, closure: true }]);
	});

	it('expands only the window from decades of events, and uses the given window', () => {
		const old = Array.from({ length: 60 }, (_, i) => event(`DTSTART:${1990 + i}0704`).map((l) => (l === 'UID:e1' ? `UID:y${1990 + i}` : l))).flat();
		const daily = ['BEGIN:VEVENT', 'UID:daily', 'DTSTART;VALUE=DATE:19900101', 'RRULE:FREQ=DAILY', 'END:VEVENT'];
		const all = events(ics([...old, ...daily]));
		expect(all.filter((e) => e.uid.startsWith('y')).map((e) => e.start)).toEqual(['2026-07-04', '2027-07-04', '2028-07-04']);
		// The window is 2025-12-01 05:00 to 2028-12-01 05:00 in Denver: days 2025-12-01 to 2028-12-01, both touched,
		// are 365 + 365 + 366 (Feb 29, 2028) + 1.
		expect(all.filter((e) => e.uid === 'daily')).toHaveLength(1097);
		expect(spans(ics(old), { from: '2027-01-01T07:00:00Z', to: '2028-01-01T07:00:00Z' })).toEqual(['2027-07-04/2027-07-05']);
	});

	it('lists an event that began before the window but ends inside it', () => {
		expect(spans(ics(event('DTSTART;VALUE=DATE:20261230', 'DTEND;VALUE=DATE:20270103')), { from: '2027-01-01T07:00:00Z', to: '2027-02-01T07:00:00Z' })).toEqual(['2026-12-30/2027-01-03']);
	});

	it('replaces an occurrence moved by RECURRENCE-ID and skips cancelled events', () => {
		const text = ics([
			...event('DTSTART;TZID=America/Denver:20270607T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3'),
			...event('RECURRENCE-ID;TZID=America/Denver:20270608T090000', 'DTSTART;TZID=America/Denver:20270608T140000', 'DURATION:PT1H'),
			'BEGIN:VEVENT', 'UID:gone', 'STATUS:CANCELLED', 'DTSTART;VALUE=DATE:20270609', 'END:VEVENT'
		]);
		expect(spans(text)).toEqual([
			'2027-06-07T09:00:00-06:00/2027-06-07T10:00:00-06:00',
			'2027-06-08T14:00:00-06:00/2027-06-08T15:00:00-06:00',
			'2027-06-09T09:00:00-06:00/2027-06-09T10:00:00-06:00'
		]);
	});
});

describe('refusing what a calendar app refuses, naming the line', () => {
	const refusal = (text: string, more?: Parameters<typeof read>[1]) => {
		const r = read(text, more);
		return 'error' in r ? r.error : 'accepted';
	};

	it('refuses a small file whose rules together repeat too often before the window', () => {
		const rules = Array.from({ length: 20 }, (_, i) => ['BEGIN:VEVENT', `UID:old-${i}`, 'SUMMARY:Old', 'DTSTART;VALUE=DATE:17600101', 'RRULE:FREQ=DAILY', 'END:VEVENT']).flat();
		// Each rule alone stays under the per-rule limit (about 97,000 days since 1760); together they pass the file's.
		expect(refusal(ics(rules), { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' })).toMatch(/^line \d+: the file's rules repeat more than 200,000 times in all/);
	});

	it('refuses a file that is not a calendar', () => {
		expect(refusal('Name,Date\nLabor Day,2026-09-07\n')).toMatch(/^line 1: this is not an iCalendar file/);
		expect(refusal('')).toMatch(/^line 1: /);
	});

	it('refuses an event without DTSTART', () => {
		expect(refusal(ics(['BEGIN:VEVENT', 'UID:x', 'SUMMARY:No start', 'END:VEVENT']))).toBe('line 4: this event has no DTSTART (every event needs a start).');
	});

	it('refuses an unknown time zone', () => {
		expect(refusal(ics(event('DTSTART;TZID=Mars/Olympus:20270104T080000')))).toMatch(/^line 7: the time zone "Mars\/Olympus" is unknown/);
		expect(refusal(ics(event('DTSTART:20270104T080000'), '\r\n', ['X-WR-TIMEZONE:Nowhere']))).toMatch(/^line 4: the time zone "Nowhere" is unknown/);
	});

	it('refuses DTEND before DTSTART', () => {
		expect(refusal(ics(event('DTSTART:20270104T080000Z', 'DTEND:20270104T070000Z')))).toBe('line 8: DTEND is before DTSTART.');
		expect(refusal(ics(event('DTSTART;VALUE=DATE:20270104', 'DTEND;VALUE=DATE:20270103')))).toBe('line 8: DTEND is before DTSTART.');
	});

	it('refuses garbage lines, impossible dates, unreadable rules and unclosed blocks', () => {
		expect(refusal(ics([...event('DTSTART:20270104'), 'this is not a property']))).toMatch(/^line 9: "this is not a property" is not an iCalendar line/);
		expect(refusal(ics(event('DTSTART:20270230')))).toMatch(/^line 7: DTSTART "20270230" is not a real date/);
		expect(refusal(ics(event('DTSTART:20270104', 'RRULE:FREQ=SOMETIMES')))).toMatch(/^line 8: RRULE is not a rule/);
		expect(refusal(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20270104', 'END:VCALENDAR'].join('\r\n'))).toBe('line 4: END:VCALENDAR ends BEGIN:VEVENT of line 2.');
		expect(refusal(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20270104'].join('\r\n'))).toMatch(/^line 2: BEGIN:VEVENT is never ended/);
	});

	it('bounds the work of a rule that repeats too often', () => {
		expect(refusal(ics(event('DTSTART:19700101T000000Z', 'RRULE:FREQ=MINUTELY')))).toMatch(/^line 8: this rule repeats more than 100,000 times/);
	});
});

describe('what an import answers', () => {
	it('cuts a very long summary and uid to what the answer schema allows', () => {
		const [e] = events(ics(['BEGIN:VEVENT', `UID:${'u'.repeat(400)}`, `SUMMARY:${'Closed '.repeat(200)}`, 'DTSTART;VALUE=DATE:20261225', 'END:VEVENT']));
		expect(IcsEvent.parse(e)).toEqual(e);
		expect([e.uid.length, e.summary.length]).toEqual([300, 1000]);
	});
});

describe('the default closure choice', () => {
	it.each([
		['Labor Day', ['District Closed'], true],
		['Winter Holiday', [], true],
		['District Office closes at noon', [], true],
		['Veterans Day - No School', ['No School'], false],
		['Holiday - No School', [], false],
		['First Day of School', ['School Event'], false],
		['Board meeting', ['Holidays', 'Meetings'], true],
		['Thanksgiving Break - No School', ['Holiday'], false],
		['Staff Holiday', ['No School'], false],
		['Annual disclosure forms due', [], false]
	])('%s %j is a closure: %s', (summary, categories, expected) => {
		expect(saysClosed(summary, categories)).toBe(expected);
	});
});

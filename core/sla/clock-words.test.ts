import { describe, expect, it } from 'vitest';
import type { TargetClock, TicketClocks } from './clock';
import { clockBadge, clockLines, durationWords, promiseWords, shortDurationWords, whenWords } from './clock-words';

const DENVER = 'America/Denver';
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
// Monday 7 December 2026, 10:00 in Denver (MST, UTC-7).
const NOW = at('2026-12-07T17:00:00Z');

describe('durationWords', () => {
	it.each([
		[0, 'under 1 min'],
		[59_999, 'under 1 min'],
		[MIN, '1 min'],
		[45 * MIN + 59_000, '45 min'],
		[3 * HOUR, '3 h'],
		[3 * HOUR + 59_999, '3 h'],
		[2 * HOUR + 15 * MIN, '2 h 15 min'],
		[42 * HOUR + 30 * MIN, '42 h 30 min']
	])('%i ms reads "%s" (whole minutes, rounded down)', (ms, words) => {
		expect(durationWords(ms)).toBe(words);
	});
});

describe('shortDurationWords', () => {
	it.each([
		[2 * HOUR + 15 * MIN, '2 h 15 min'],
		[9 * HOUR + 59 * MIN, '9 h 59 min'],
		[10 * HOUR + 5 * MIN, '10 h'],
		[105 * HOUR + 11 * MIN, '105 h']
	])('%i ms reads "%s" (whole hours from 10 h, for badges)', (ms, words) => {
		expect(shortDurationWords(ms)).toBe(words);
	});
});

describe('whenWords', () => {
	it.each([
		['later today', '2026-12-07T20:30:00Z', 'today 1:30 PM'],
		['the next morning', '2026-12-08T14:00:00Z', 'tomorrow 7:00 AM'],
		['later this week', '2026-12-10T16:15:00Z', 'Thu 9:15 AM'],
		['last Friday', '2026-12-04T22:00:00Z', 'Fri 3:00 PM'],
		['yesterday', '2026-12-06T19:00:00Z', 'yesterday 12:00 PM'],
		['two weeks on', '2026-12-21T17:30:00Z', 'Mon Dec 21 10:30 AM'],
		['next year', '2027-01-05T17:30:00Z', 'Tue Jan 5, 2027 10:30 AM']
	])('%s, in the district’s zone', (_, due, words) => {
		expect(whenWords(at(due), NOW, DENVER)).toBe(words);
	});

	it('takes the date in the district’s zone, not in UTC: 12:30 AM Tuesday in Denver is tomorrow at 11:30 PM Monday', () => {
		// Monday 23:30 MST = Tuesday 06:30 UTC; Tuesday 00:30 MST = Tuesday 07:30 UTC (the same UTC date).
		expect(whenWords(at('2026-12-08T07:30:00Z'), at('2026-12-08T06:30:00Z'), DENVER)).toBe('tomorrow 12:30 AM');
	});

	it('reads each side of a DST change with its own offset', () => {
		// Monday 15 March 2027 10:00 MDT (UTC-6); Friday 12 March 09:00 MST (UTC-7), before the change on the 14th.
		expect(whenWords(at('2027-03-12T16:00:00Z'), at('2027-03-15T16:00:00Z'), DENVER)).toBe('Fri 9:00 AM');
		// Phoenix keeps UTC-7 all year.
		expect(whenWords(at('2027-03-12T16:00:00Z'), at('2027-03-15T16:00:00Z'), 'America/Phoenix')).toBe('Fri 9:00 AM');
		expect(whenWords(at('2027-03-15T16:00:00Z'), at('2027-03-15T16:00:00Z'), 'America/Phoenix')).toBe('today 9:00 AM');
	});
});

const clock = (c: Partial<TargetClock>): TargetClock => ({
	state: 'on-track',
	due: null,
	targetMs: 0,
	elapsedMs: 0,
	pausedMs: 0,
	overdueMs: 0,
	metAt: null,
	...c
});
const NA = clock({ state: 'not-applicable' });
const clocks = (c: Partial<TicketClocks>): TicketClocks => ({ categorization: NA, firstResponse: NA, resolution: NA, ...c });

describe('clockLines', () => {
	it('puts a breach first, then the nearest due, then a pause, then what is met, and leaves out what does not apply', () => {
		const lines = clockLines(
			clocks({
				categorization: clock({ state: 'met', metAt: at('2026-12-07T15:10:00Z') }),
				firstResponse: clock({ state: 'breached', due: at('2026-12-07T15:40:00Z'), targetMs: HOUR, elapsedMs: 2 * HOUR + 20 * MIN, overdueMs: HOUR + 20 * MIN }),
				resolution: clock({ state: 'on-track', due: at('2026-12-08T17:30:00Z'), targetMs: 4 * HOUR, elapsedMs: HOUR + 45 * MIN })
			}),
			{ now: NOW, timeZone: DENVER, status: 'in-progress' }
		);
		expect(lines.map((l) => [l.target, l.tone, l.text])).toEqual([
			['firstResponse', 'bad', 'First response overdue by 1 h 20 min · was due today 8:40 AM'],
			['resolution', 'ok', 'Resolution due tomorrow 10:30 AM · 2 h 15 min of business time left'],
			['categorization', 'done', 'Categorization met today 8:10 AM']
		]);
	});

	it('orders running clocks by due time and warns of the one at risk', () => {
		const lines = clockLines(
			clocks({
				firstResponse: clock({ state: 'on-track', due: at('2026-12-08T17:00:00Z'), targetMs: 8 * HOUR, elapsedMs: HOUR }),
				categorization: clock({ state: 'at-risk', due: at('2026-12-07T17:30:00Z'), targetMs: 2 * HOUR, elapsedMs: 90 * MIN })
			}),
			{ now: NOW, timeZone: DENVER, status: 'new' }
		);
		expect(lines.map((l) => [l.target, l.tone, l.text])).toEqual([
			['categorization', 'warn', 'Categorization due today 10:30 AM · 30 min of business time left'],
			['firstResponse', 'ok', 'First response due tomorrow 10:00 AM · 7 h of business time left']
		]);
	});

	it('says why a clock is paused and what is left of it', () => {
		const [line] = clockLines(clocks({ resolution: clock({ state: 'paused', targetMs: 4 * HOUR, elapsedMs: 50 * MIN, pausedMs: 3 * HOUR }) }), {
			now: NOW,
			timeZone: DENVER,
			status: 'waiting-vendor'
		});
		expect(line).toMatchObject({ tone: 'paused', text: 'Resolution paused: waiting on vendor · 3 h 10 min of business time left' });
	});

	it('says a clock stands still for an outage when no waiting status explains it', () => {
		const c = clocks({ resolution: clock({ state: 'paused', targetMs: 4 * HOUR, elapsedMs: 50 * MIN, pausedMs: 3 * HOUR }) });
		expect(clockLines(c, { now: NOW, timeZone: DENVER, status: 'in-progress', outage: true })[0].text).toBe('Resolution paused: outage · 3 h 10 min of business time left');
		expect(clockLines(c, { now: NOW, timeZone: DENVER, status: 'waiting-vendor', outage: true })[0].text).toBe(
			'Resolution paused: waiting on vendor · 3 h 10 min of business time left'
		);
	});

	it('says "left" without "business time" for a target that runs around the clock', () => {
		const [line] = clockLines(clocks({ resolution: clock({ state: 'on-track', due: at('2026-12-07T18:30:00Z'), targetMs: 2 * HOUR, elapsedMs: 30 * MIN }) }), {
			now: NOW,
			timeZone: DENVER,
			status: 'in-progress',
			aroundTheClock: new Set(['resolution'])
		});
		expect(line.text).toBe('Resolution due today 11:30 AM · 1 h 30 min left');
	});

	it('tells a target met late from one still overdue', () => {
		const [line] = clockLines(
			clocks({ resolution: clock({ state: 'breached', due: at('2026-12-04T22:00:00Z'), metAt: at('2026-12-07T15:00:00Z'), targetMs: 4 * HOUR, overdueMs: 40 * MIN }) }),
			{ now: NOW, timeZone: DENVER, status: 'resolved' }
		);
		expect(line).toMatchObject({ tone: 'late', text: 'Resolution met 40 min late, today 8:00 AM' });
	});

	it('says an overdue resolution is paused now, since its overdue time stands still', () => {
		const [line] = clockLines(clocks({ resolution: clock({ state: 'breached', due: at('2026-12-04T22:00:00Z'), targetMs: 4 * HOUR, overdueMs: 2 * HOUR }) }), {
			now: NOW,
			timeZone: DENVER,
			status: 'waiting-vendor'
		});
		expect(line.text).toBe('Resolution overdue by 2 h · was due Fri 3:00 PM · paused: waiting on vendor');
	});

	it('shows nothing for a ticket no target applies to', () => {
		expect(clockLines(clocks({}), { now: NOW, timeZone: DENVER, status: 'new' })).toEqual([]);
	});
});

describe('clockBadge', () => {
	const ctx = { now: NOW, timeZone: DENVER, status: 'in-progress' as const };

	it('names the breach when there is one', () => {
		const badge = clockBadge(
			clocks({
				firstResponse: clock({ state: 'breached', due: at('2026-12-07T15:40:00Z'), overdueMs: HOUR + 20 * MIN }),
				resolution: clock({ state: 'at-risk', due: at('2026-12-07T17:30:00Z'), targetMs: 4 * HOUR, elapsedMs: 3 * HOUR + 30 * MIN })
			}),
			ctx
		);
		expect(badge).toEqual({ tone: 'bad', text: 'Response overdue 1 h 20 min' });
		expect(clockBadge(clocks({ resolution: clock({ state: 'breached', due: NOW - 200 * HOUR, overdueMs: 105 * HOUR + 11 * MIN }) }), ctx)).toEqual({
			tone: 'bad',
			text: 'Resolution overdue 105 h'
		});
	});

	it('otherwise names the nearest due', () => {
		const badge = clockBadge(
			clocks({
				firstResponse: clock({ state: 'on-track', due: at('2026-12-08T17:00:00Z'), targetMs: 8 * HOUR, elapsedMs: HOUR }),
				categorization: clock({ state: 'at-risk', due: at('2026-12-07T17:30:00Z'), targetMs: 2 * HOUR, elapsedMs: 90 * MIN })
			}),
			ctx
		);
		expect(badge).toEqual({ tone: 'warn', text: 'Categorize by today 10:30 AM' });
	});

	it('says "Paused" when every running clock is paused, and nothing when all are met or none applies', () => {
		expect(clockBadge(clocks({ firstResponse: clock({ state: 'met', metAt: NOW }), resolution: clock({ state: 'paused' }) }), ctx)).toEqual({
			tone: 'paused',
			text: 'Paused'
		});
		expect(clockBadge(clocks({ firstResponse: clock({ state: 'met', metAt: NOW }) }), ctx)).toBeNull();
		expect(clockBadge(clocks({}), ctx)).toBeNull();
	});
});

describe('promiseWords (what a requester sees)', () => {
	const ctx = { now: NOW, timeZone: DENVER };

	it('promises the resolution time while it runs', () => {
		const c = clocks({ resolution: clock({ state: 'at-risk', due: at('2026-12-08T17:30:00Z') }) });
		expect(promiseWords(c, { ...ctx, status: 'in-progress' })).toBe('We aim to resolve it by tomorrow 10:30 AM.');
	});

	it('owns up to a missed time without the internal words', () => {
		const c = clocks({ resolution: clock({ state: 'breached', due: at('2026-12-04T22:00:00Z'), overdueMs: HOUR }) });
		expect(promiseWords(c, { ...ctx, status: 'in-progress' })).toBe('We aimed to resolve it by Fri 3:00 PM; it is taking longer than that.');
		expect(promiseWords(c, { ...ctx, status: 'waiting-requester' })).toBe('We aimed to resolve it by Fri 3:00 PM; it is on hold until you answer.');
	});

	it('says the time is on hold until the requester answers', () => {
		const c = clocks({ resolution: clock({ state: 'paused' }) });
		expect(promiseWords(c, { ...ctx, status: 'waiting-requester' })).toBe('The time we aim for is on hold until you answer.');
		expect(promiseWords(c, { ...ctx, status: 'waiting-vendor' })).toBe('The time we aim for is on hold while the ticket is waiting on vendor.');
		expect(promiseWords(c, { ...ctx, status: 'in-progress', outage: true })).toBe('The time we aim for is on hold during the outage.');
	});

	it('falls back to the first answer before there is a resolution time, and says nothing once all is met', () => {
		const running = clocks({ firstResponse: clock({ state: 'on-track', due: at('2026-12-08T14:00:00Z') }) });
		expect(promiseWords(running, { ...ctx, status: 'new' })).toBe('A technician will answer by tomorrow 7:00 AM.');
		expect(promiseWords(clocks({ firstResponse: clock({ state: 'met', metAt: NOW }), resolution: clock({ state: 'met', metAt: NOW }) }), { ...ctx, status: 'resolved' })).toBeNull();
	});
});

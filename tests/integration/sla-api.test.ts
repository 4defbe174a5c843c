import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, Ticket } from '../../core/schemas';
import { appendEntries, newTicket } from '../../core/ticket';
import { SLA_PRESETS } from '../../core/sla/presets';
import { api, device, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

// The server's clock stands at Wednesday 9 December 2026, noon in Denver, so the history below (4 to 8 December) is believable.
const SERVER_NOW = Date.parse('2026-12-09T12:00:00-07:00');
const STAMP = { updatedAt: '2026-11-30T12:00:00-07:00', updatedBy: 'admin' };

// Monday to Friday 07:00 to 15:30 in Denver (a business day is 510 minutes); closed on Christmas Day (a Friday).
const weekday = [{ start: '07:00', end: '15:30' }];
const CALENDAR = {
	_id: 'calendar:district',
	type: 'calendar',
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: [{ id: 'christmas', summary: 'Christmas Day: district closed', allDay: true, start: '2026-12-25', end: '2026-12-26', source: 'manual' }],
	...STAMP
};
const CATEGORIES = ['break-fix', 'security-access', 'acquisition', 'inventory', 'training'];

describe('SLA APIs: preview and a ticket’s clocks through the real server', () => {
	let server: RunningServer;
	const preview = (query: string, as = 'coord') => api(server, `/api/sla/preview?${query}`, { as });
	const clocks = (number: string, query = '', as = 'coord') => api(server, `/api/sla/tickets/${number}${query}`, { as });

	beforeAll(async () => {
		server = await startServer({ CLOCK_OFFSET_MS: String(SERVER_NOW - Date.now()) });
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	async function seedSlaDocs() {
		const admin = device(server, 'admin');
		await admin.local.bulkDocs([
			CALENDAR,
			...SLA_PRESETS.map((p) => ({ _id: `sla-policy:${p.id}`, type: 'sla-policy', ...p, ...STAMP })),
			{ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004', ...STAMP },
			...CATEGORIES.map((code) => ({ _id: `category:${code}`, type: 'category', code, name: code, description: '', active: true }))
		]);
		const pushed = await admin.push();
		expect(pushed.doc_write_failures).toBe(0);
		return admin;
	}

	it('tells staff that nothing can be timed before the district has a calendar and a policy', async () => {
		const answer = await preview('priority=1&openedAt=2026-12-04T14:00:00-07:00');
		expect(answer.status).toBe(409);
		expect(answer.body.reason).toMatch(/calendar/);
		await seedSlaDocs();
	});

	it('answers a break-fix P1 filed on a Friday afternoon under the active policy ts-pe-004', async () => {
		const answer = await preview('priority=1&openedAt=2026-12-04T14:00:00-07:00&category=break-fix');
		expect(answer.status).toBe(200);
		// Resolution 4 business hours: 90 min on Friday (14:00-15:30), 150 min on Monday from 07:00 -> 09:30.
		// First response 1 business day: the same time of day on the next business day (Monday).
		expect(answer.body).toEqual({
			policy: 'ts-pe-004',
			timeZone: 'America/Denver',
			targets: {
				categorization: { due: null },
				firstResponse: { due: '2026-12-07T14:00:00-07:00' },
				resolution: { due: '2026-12-07T09:30:00-07:00' }
			}
		});
	});

	it('times a ticket filed without a category: categorization is due, resolution waits for a category', async () => {
		const answer = await preview('priority=1&openedAt=2026-12-04T14:00:00-07:00');
		expect(answer.status).toBe(200);
		// Categorization 2 business hours: 90 min on Friday, 30 min on Monday -> 07:30.
		expect(answer.body.targets).toEqual({
			categorization: { due: '2026-12-07T07:30:00-07:00' },
			firstResponse: { due: '2026-12-07T14:00:00-07:00' },
			resolution: { due: null }
		});
	});

	it('answers "no SLA" for a category whose cells say so', async () => {
		const answer = await preview('priority=2&openedAt=2026-12-04T14:00:00-07:00&category=training');
		expect(answer.body.targets).toEqual({ categorization: { due: null }, firstResponse: { due: '2026-12-07T14:00:00-07:00' }, resolution: { due: null } });
	});

	it('skips a closure: a P1 filed the day before Christmas is due on the Monday after', async () => {
		const answer = await preview('priority=1&openedAt=2026-12-24T14:00:00-07:00&category=break-fix');
		// Thursday 90 min; Friday 25 December closed; Monday 28 December 07:00 + 150 min -> 09:30.
		expect(answer.body.targets).toMatchObject({ firstResponse: { due: '2026-12-28T14:00:00-07:00' }, resolution: { due: '2026-12-28T09:30:00-07:00' } });
	});

	it('writes summer times with the summer offset', async () => {
		const answer = await preview('priority=1&openedAt=2026-07-01T14:00:00-06:00&category=break-fix');
		// Wednesday 1 July: 90 min; Thursday 2 July 07:00 + 150 min -> 09:30 MDT.
		expect(answer.body.targets).toMatchObject({ resolution: { due: '2026-07-02T09:30:00-06:00' } });
	});

	it('answers under a policy that is not active when asked with ?policy=', async () => {
		const p1 = await preview('priority=1&openedAt=2026-12-04T14:00:00-07:00&policy=wilson-001&category=break-fix');
		expect(p1.status).toBe(200);
		// Wilson P1 runs around the clock: response 30 min, resolution 2 h, whatever the calendar says.
		expect(p1.body).toEqual({
			policy: 'wilson-001',
			timeZone: 'America/Denver',
			targets: { categorization: { due: null }, firstResponse: { due: '2026-12-04T14:30:00-07:00' }, resolution: { due: '2026-12-04T16:00:00-07:00' } }
		});
		const p3 = await preview('priority=3&openedAt=2026-12-04T14:00:00-07:00&policy=wilson-001');
		// P3: response 4 business hours (90 min Friday + 150 min Monday -> 09:30); resolution 2 business days (Monday, Tuesday) -> Tuesday 14:00.
		expect(p3.body.targets).toEqual({ categorization: { due: null }, firstResponse: { due: '2026-12-07T09:30:00-07:00' }, resolution: { due: '2026-12-08T14:00:00-07:00' } });
		const p4 = await preview('priority=4&openedAt=2026-12-04T14:00:00-07:00&policy=wilson-001');
		// P4: response by the close of the next business day (Monday 15:30); resolution 3 business days -> Wednesday 14:00.
		expect(p4.body.targets).toEqual({ categorization: { due: null }, firstResponse: { due: '2026-12-07T15:30:00-07:00' }, resolution: { due: '2026-12-09T14:00:00-07:00' } });
	});

	it('refuses bad input with a reason a person can act on', async () => {
		const cases: [string, RegExp][] = [
			['priority=5&openedAt=2026-12-04T14:00:00-07:00', /priority is 1 \(emergency\), 2, 3 or 4/],
			['openedAt=2026-12-04T14:00:00-07:00', /priority is 1/],
			['priority=1&openedAt=2026-12-04T14:00:00', /openedAt is an ISO time with its offset/],
			['priority=1&openedAt=next%20friday', /openedAt is an ISO time with its offset/],
			['priority=1&openedAt=9999-12-31T23:59:59Z', /openedAt is a time between the years 2000 and 2099/],
			['priority=1&openedAt=2026-12-04T14:00:00-07:00&category=printers', /no category "printers".*break-fix/],
			['priority=1&openedAt=2026-12-04T14:00:00-07:00&policy=nope', /no SLA policy "nope".*milford-000.*ts-pe-004/],
			['priority=1&openedAt=2026-12-04T14:00:00-07:00&policy=Not%20An%20Id', /a policy id is lower-case/]
		];
		for (const [query, reason] of cases) {
			const answer = await preview(query);
			expect(answer.status, query).toBe(400);
			expect(answer.body.reason, query).toMatch(reason);
		}
		const badNumber = await clocks('not-a-number');
		expect(badNumber.status).toBe(400);
		expect(badNumber.body.reason).toMatch(/a ticket number looks like K7M-4QX/);
		const missing = await clocks('KMN-ZZZ');
		expect(missing.status).toBe(404);
		const badNow = await clocks('KMN-ZZZ', '?now=tomorrow');
		expect(badNow.status).toBe(400);
		expect(badNow.body.reason).toMatch(/now is an ISO time with its offset/);
	});

	it('answers technology staff only', async () => {
		const query = 'priority=1&openedAt=2026-12-04T14:00:00-07:00';
		expect((await preview(query, 'tech-n')).status).toBe(200);
		const requester = await preview(query, 'ann');
		expect(requester.status).toBe(403);
		expect(requester.body.reason).toMatch(/technology staff/);
		const signedOut = await fetch(`${server.url}/api/sla/preview?${query}`);
		expect(signedOut.status).toBe(401);
		expect((await clocks('KMN-ZZZ', '', 'ann')).status).toBe(403);
	});

	it('answers a ticket’s clocks through a pause, at the times asked', async () => {
		// Filed by the coordinator for Ann on Friday 14:00, break-fix P2 (resolution 1 business day = Monday 14:00, 510 min).
		const filed = newTicket(
			{ number: 'KMN-SPA2', requester: 'ann', requesterName: 'Ann Teacher', createdBy: 'coord', source: 'phone', title: 'Smartboard dead in room 12', description: 'No power light.', building: 'north', category: 'break-fix', priority: 2, assignee: 'tech-n' },
			'2026-12-04T14:00:00-07:00',
			'KMN-SPA2-created'
		);
		const coord = device(server, 'coord');
		await coord.local.put(filed);
		expect((await coord.push()).doc_write_failures).toBe(0);
		const tech = device(server, 'tech-n');
		await tech.pull();
		const entry = (id: string, at: string, rest: Partial<HistoryEntry>) => ({ id: `KMN-SPA2-${id}`, at, by: 'tech-n', ...rest }) as HistoryEntry;
		const worked = appendEntries((await tech.local.get(filed._id)) as unknown as Ticket, [
			// First response on Friday at 15:00: 60 business minutes after filing.
			entry('look', '2026-12-04T15:00:00-07:00', { kind: 'note', text: 'On my way.' }),
			// Waiting for Ann from Monday 08:00 to Tuesday 09:00: 450 + 120 = 570 business minutes paused.
			entry('ask', '2026-12-07T08:00:00-07:00', { kind: 'note', text: 'Which outlet is it plugged into?' }),
			entry('wait', '2026-12-07T08:00:00-07:00', { kind: 'status', from: 'assigned', to: 'waiting-requester' }),
			entry('back', '2026-12-08T09:00:00-07:00', { kind: 'status', from: 'waiting-requester', to: 'in-progress' })
		]);
		await tech.local.put(worked);
		expect((await tech.push()).doc_write_failures).toBe(0);

		const firstResponse = { state: 'met', due: '2026-12-07T14:00:00-07:00', elapsedMinutes: 60, pausedMinutes: 0, overdueMinutes: 0 };
		const notApplicable = { state: 'not-applicable', due: null, elapsedMinutes: 0, pausedMinutes: 0, overdueMinutes: 0 };

		// Monday 10:00, paused: 150 minutes ran before the pause (Friday 90, Monday 07:00-08:00 60), 120 paused so far.
		const paused = await clocks('KMN-SPA2', '?now=2026-12-07T10:00:00-07:00');
		expect(paused.status).toBe(200);
		expect(paused.body).toEqual({
			number: 'KMN-SPA2',
			policy: 'ts-pe-004',
			timeZone: 'America/Denver',
			now: '2026-12-07T10:00:00-07:00',
			targets: { categorization: notApplicable, firstResponse, resolution: { state: 'paused', due: null, elapsedMinutes: 150, pausedMinutes: 120, overdueMinutes: 0 } }
		});
		// Tuesday noon: 360 minutes were left at 09:00, so due 15:00; 330 ran, under 75% of 510 (382.5).
		const onTrack = await clocks('KMN-SPA2', '?now=2026-12-08T12:00:00-07:00');
		expect(onTrack.body.targets).toMatchObject({ resolution: { state: 'on-track', due: '2026-12-08T15:00:00-07:00', elapsedMinutes: 330, pausedMinutes: 570, overdueMinutes: 0 } });
		// Tuesday 14:00: 450 ran, past 75%.
		const atRisk = await clocks('KMN-SPA2', '?now=2026-12-08T14:00:00-07:00');
		expect(atRisk.body.targets).toMatchObject({ resolution: { state: 'at-risk', due: '2026-12-08T15:00:00-07:00', elapsedMinutes: 450, pausedMinutes: 570 } });
		// Wednesday 08:00: 30 minutes late on Tuesday and 60 on Wednesday morning.
		const breached = await clocks('KMN-SPA2', '?now=2026-12-09T08:00:00-07:00');
		expect(breached.body.targets).toMatchObject({ resolution: { state: 'breached', due: '2026-12-08T15:00:00-07:00', elapsedMinutes: 600, overdueMinutes: 90 } });
		// Without ?now= the server's clock (Wednesday noon, some seconds on) is used: 30 + 300 minutes late, give or take the test's run.
		const atServerTime = await clocks('KMN-SPA2');
		expect(String(atServerTime.body.now)).toMatch(/^2026-12-09T12:0\d:\d\d(?:\.\d+)?-07:00$/);
		const late = (atServerTime.body.targets as { resolution: { state: string; overdueMinutes: number } }).resolution;
		expect(late.state).toBe('breached');
		expect(late.overdueMinutes).toBeGreaterThanOrEqual(330);
		expect(late.overdueMinutes).toBeLessThan(340);
		// A building technician of another building does not see it.
		expect((await clocks('KMN-SPA2', '', 'tech-s')).status).toBe(404);
	});

	it('answers with a policy an administrator changed through sync, and with the policy made active', async () => {
		const admin = device(server, 'admin');
		await admin.pull();
		const policy = (await admin.local.get('sla-policy:ts-pe-004')) as Record<string, unknown> & { resolutionByCategory: Record<string, Record<string, unknown>> };
		const byCategory = policy.resolutionByCategory;
		await admin.local.put({
			...policy,
			resolutionByCategory: { ...byCategory, 'break-fix': { ...byCategory['break-fix'], '1': { unit: 'hours', amount: 2, clock: 'business' } } }
		});
		expect((await admin.push()).doc_write_failures).toBe(0);
		// 2 business hours from Friday 14:00: 90 min on Friday, 30 on Monday -> 07:30.
		const changed = await preview('priority=1&openedAt=2026-12-04T14:00:00-07:00&category=break-fix');
		expect(changed.body.targets).toMatchObject({ resolution: { due: '2026-12-07T07:30:00-07:00' } });

		const settings = await admin.local.get('sla-settings:district');
		await admin.local.put({ ...settings, activePolicy: 'wilson-001' });
		expect((await admin.push()).doc_write_failures).toBe(0);
		const switched = await preview('priority=1&openedAt=2026-12-04T14:00:00-07:00&category=break-fix');
		expect(switched.body).toMatchObject({ policy: 'wilson-001', targets: { resolution: { due: '2026-12-04T16:00:00-07:00' } } });
	});

	it('refuses in words, not with a server error, when the calendar has no opening for decades', async () => {
		const admin = device(server, 'admin');
		await admin.pull();
		const calendar = await admin.local.get('calendar:district');
		// One closure may last a year at most: a closure for decades is refused at the gateway with the reason.
		const decades = { id: 'closed', summary: 'Building closed for renovation', allDay: true, start: '2027-01-01', end: '2060-01-01', source: 'manual' };
		await admin.local.put({ ...calendar, closures: [decades] });
		const refused = await admin.push();
		expect(refused.doc_write_failures).toBe(1);
		expect(JSON.stringify(refused.errors)).toContain('a closure lasts at most a year');
		// Year after year of closures is still a valid document, and the clocks cannot be computed on it.
		const years = Array.from({ length: 33 }, (_, i) => ({ ...decades, id: `closed-${i}`, start: `${2027 + i}-01-01`, end: `${2028 + i}-01-01` }));
		await admin.local.put({ ...(await admin.local.get('calendar:district')), closures: years });
		expect((await admin.push()).doc_write_failures).toBe(0);
		const answer = await preview('priority=1&openedAt=2027-06-01T09:00:00-06:00&category=break-fix&policy=ts-pe-004');
		expect(answer.status).toBe(409);
		expect(answer.body.reason).toMatch(/cannot be computed on the district's calendar: .*no opening/);
	});
});

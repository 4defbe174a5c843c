import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDoc, Closure } from '../../core/sla/calendar';
import type { IcsEvent } from '../../core/sla/ical';
import { api, device, provision } from '../support/district';
import { type RunningServer, freePort, startServer } from '../support/server';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../server/demo/lakeside-2026-27.ics'), 'utf8');
const weekday = [{ start: '07:00', end: '15:30' }];
const ics = (body: string, as = 'admin') => ({ method: 'POST', body, as, headers: { 'content-type': 'text/calendar' } });
const spans = (events: IcsEvent[]) => events.map((e) => `${e.start}/${e.end}`);
const CLOSURES = [
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
];

describe('importing the district calendar from iCal', () => {
	let server: RunningServer;
	let admin: ReturnType<typeof device>;
	let published: Server;
	let publishedUrl: string;
	const calendarDoc = async () => (await admin.remote.get('calendar:district')) as unknown as CalendarDoc & Record<string, unknown>;

	beforeAll(async () => {
		// The server's clock reads Oct 1, 2026: the default window (12 months back, 24 ahead) holds the whole school year.
		server = await startServer({ CLOCK_OFFSET_MS: String(Date.parse('2026-10-01T16:00:00Z') - Date.now()) });
		await provision(server);
		admin = device(server, 'admin');
		published = createServer((req, res) => {
			if (req.url === '/lakeside.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(FIXTURE);
			else if (req.url === '/huge.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(FIXTURE + ' '.repeat(3 * 1024 * 1024));
			else res.writeHead(404).end('no such calendar');
		});
		await new Promise<void>((done) => published.listen(0, '127.0.0.1', done));
		publishedUrl = `http://127.0.0.1:${(published.address() as { port: number }).port}`;
	});
	afterAll(async () => {
		await new Promise((done) => published?.close(done));
		await server?.dispose();
	});

	it('asks for the time zone and hours first when the district has no calendar yet', async () => {
		const r = await api(server, '/api/admin/calendar/ics', ics(FIXTURE));
		expect(r.status).toBe(409);
		expect(r.body.reason).toMatch(/no business calendar yet/);
		// The administrator's device saves the calendar through sync, as the calendar screen does.
		await admin.remote.put({
			_id: 'calendar:district', type: 'calendar', timeZone: 'America/Denver',
			hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
			overrides: [], closures: [], updatedAt: '2026-10-01T16:00:00.000Z', updatedBy: 'admin'
		});
	});

	it('reads the district file: closures for Thanksgiving, the winter holiday, the Dec 23 early close and the summer Fridays but June 25', async () => {
		const r = await api(server, '/api/admin/calendar/ics', ics(FIXTURE));
		expect(r.status).toBe(200);
		const events = r.body.events as IcsEvent[];
		expect(spans(events.filter((e) => e.closure))).toEqual(CLOSURES);
		expect(events.find((e) => e.start === '2026-12-23T12:00:00-07:00')).toEqual({
			uid: '2026-early-close@lakeside.example.org', summary: 'District Office closes at noon',
			start: '2026-12-23T12:00:00-07:00', end: '2026-12-23T17:00:00-07:00', allDay: false, closure: true
		});
		expect(events.filter((e) => !e.closure).map((e) => e.summary)).toContain('Thanksgiving Break - No School');
		expect(events).toHaveLength(23);
		expect((await calendarDoc()).closures).toEqual([]);
	});

	it('reads only the window asked for', async () => {
		const r = await api(server, '/api/admin/calendar/ics?from=2027-06-01&to=2027-07-01', ics(FIXTURE));
		expect(r.status).toBe(200);
		expect(spans(r.body.events as IcsEvent[])).toEqual(['2027-06-11/2027-06-12', '2027-06-18/2027-06-19']);
		const bad = await api(server, '/api/admin/calendar/ics?from=2027-07-01&to=2027-06-01', ics(FIXTURE));
		expect(bad.status).toBe(400);
		expect((await api(server, '/api/admin/calendar/ics?from=June', ics(FIXTURE))).status).toBe(400);
	});

	it('accepts a sloppy file: LF endings, bare dates, a Windows zone name, folded lines', async () => {
		const sloppy = [
			'BEGIN:VCALENDAR', 'VERSION:2.0',
			'BEGIN:VEVENT', 'UID:storm', 'SUMMARY:Snow day - Distr', ' ict Closed', 'DTSTART:20270203', 'DTEND:20270204', 'END:VEVENT',
			'BEGIN:VEVENT', 'UID:board', 'SUMMARY:Board meeting', 'DTSTART;TZID=Mountain Standard Time:20270203T180000', 'DURATION:PT2H', 'END:VEVENT',
			'END:VCALENDAR'
		].join('\n');
		const r = await api(server, '/api/admin/calendar/ics', ics(sloppy));
		expect(r.status).toBe(200);
		expect(r.body.events).toEqual([
			{ uid: 'storm', summary: 'Snow day - District Closed', start: '2027-02-03', end: '2027-02-04', allDay: true, closure: true },
			{ uid: 'board', summary: 'Board meeting', start: '2027-02-03T18:00:00-07:00', end: '2027-02-03T20:00:00-07:00', allDay: false, closure: false }
		]);
	});

	it('refuses a file a calendar app would refuse, naming the line', async () => {
		const lines = FIXTURE.split('\r\n');
		const at = lines.indexOf('DTEND;TZID=America/Denver:20261029T200000');
		lines[at] = 'DTEND;TZID=America/Denver:20261029T150000';
		const r = await api(server, '/api/admin/calendar/ics', ics(lines.join('\r\n')));
		expect(r.status).toBe(400);
		expect(r.body.reason).toBe(`line ${at + 1}: DTEND is before DTSTART.`);
		const csv = await api(server, '/api/admin/calendar/ics', ics('Date,Event\n2026-11-26,Thanksgiving\n'));
		expect(csv.status).toBe(400);
		expect(csv.body.reason).toMatch(/^line 1: this is not an iCalendar file/);
	});

	it('refuses people who are not administrators, other body types and files over 2 MB', async () => {
		const coord = await api(server, '/api/admin/calendar/ics', ics(FIXTURE, 'coord'));
		expect(coord.status).toBe(403);
		expect(coord.body.reason).toBe('Only administrators change the business calendar.');
		expect((await api(server, '/api/admin/calendar/closures', { method: 'PUT', as: 'ann', body: JSON.stringify({ events: [] }) })).status).toBe(403);
		const plain = await api(server, '/api/admin/calendar/ics', { method: 'POST', body: FIXTURE, headers: { 'content-type': 'text/plain' } });
		expect(plain.status).toBe(415);
		const huge = await api(server, '/api/admin/calendar/ics', ics(FIXTURE + ' '.repeat(2 * 1024 * 1024)));
		expect(huge.status).toBe(413);
		expect(huge.body.reason).toMatch(/larger than 2 MB/);
	});

	it('saves the default closures with save=1 and, importing again, replaces them and keeps a closure added by hand', async () => {
		const manual: Closure = { id: 'manual-board-retreat', summary: 'Board retreat', allDay: false, start: '2027-03-05T12:00:00-07:00', end: '2027-03-05T15:30:00-07:00', source: 'manual' };
		await admin.remote.put({ ...(await calendarDoc()), closures: [manual] } as Record<string, unknown> & { _id: string });
		const first = await api(server, '/api/admin/calendar/ics?save=1', ics(FIXTURE));
		expect(first.status).toBe(200);
		expect(first.body.saved).toBe(15);
		const saved = await calendarDoc();
		expect(saved.closures[0]).toEqual(manual);
		expect(saved.closures.slice(1).map((c) => `${c.start}/${c.end}`)).toEqual(CLOSURES);
		expect(saved.updatedBy).toBe('admin');

		const nextYear = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:labor-2027', 'SUMMARY:Labor Day - District Closed', 'DTSTART;VALUE=DATE:20270906', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
		const again = await api(server, '/api/admin/calendar/ics?save=1', ics(nextYear));
		expect(again.status).toBe(200);
		expect((await calendarDoc()).closures).toEqual([
			manual,
			{ id: 'ical:labor-2027@2027-09-06', summary: 'Labor Day - District Closed', allDay: true, start: '2027-09-06', end: '2027-09-07', source: 'ical' }
		]);
	});

	it('saves a chosen set of events as the imported closures', async () => {
		const { body } = await api(server, '/api/admin/calendar/ics', ics(FIXTURE));
		const chosen = (body.events as IcsEvent[]).filter((e) => e.closure && e.start !== '2027-07-30');
		const r = await api(server, '/api/admin/calendar/closures', { method: 'PUT', body: JSON.stringify({ events: chosen }) });
		expect(r.status).toBe(200);
		const closures = (await calendarDoc()).closures;
		expect(closures.filter((c) => c.source === 'manual').map((c) => c.id)).toEqual(['manual-board-retreat']);
		expect(closures.filter((c) => c.source === 'ical').map((c) => `${c.start}/${c.end}`)).toEqual(CLOSURES.slice(0, -1));
		const wrong = await api(server, '/api/admin/calendar/closures', { method: 'PUT', body: JSON.stringify({ events: [{ ...chosen[0], end: 'soon' }] }) });
		expect(wrong.status).toBe(400);
	});

	it('imports a published calendar from its address, and says so clearly when it cannot be read', async () => {
		const r = await api(server, '/api/admin/calendar/ics', { method: 'POST', body: JSON.stringify({ url: `${publishedUrl}/lakeside.ics` }) });
		expect(r.status).toBe(200);
		expect(spans((r.body.events as IcsEvent[]).filter((e) => e.closure))).toEqual(CLOSURES);

		const missing = await api(server, '/api/admin/calendar/ics', { method: 'POST', body: JSON.stringify({ url: `${publishedUrl}/gone.ics` }) });
		expect(missing.status).toBe(400);
		expect(missing.body.reason).toMatch(/answered 404/);
		const closedPort = await freePort();
		const unreachable = await api(server, '/api/admin/calendar/ics', { method: 'POST', body: JSON.stringify({ url: `http://127.0.0.1:${closedPort}/x.ics` }) });
		expect(unreachable.status).toBe(400);
		expect(unreachable.body.reason).toBe(`Could not read the calendar at 127.0.0.1:${closedPort}: it could not be reached. Check the address, or download the file and upload it.`);
		const huge = await api(server, '/api/admin/calendar/ics', { method: 'POST', body: JSON.stringify({ url: `${publishedUrl}/huge.ics` }) });
		expect(huge.status).toBe(413);
		expect(huge.body.reason).toBe('The calendar at that address is larger than 2 MB; export a shorter period.');
		const ftp = await api(server, '/api/admin/calendar/ics', { method: 'POST', body: JSON.stringify({ url: 'ftp://example.org/cal.ics' }) });
		expect(ftp.status).toBe(400);
		expect(ftp.body.reason).toBe('The calendar address must start with http:// or https://.');
	});
});

describe('a store made before the SLA documents existed', () => {
	it('gets the demo calendar, the four policies and TS-PE-004 active when it starts as the demo, and keeps them on the next start', async () => {
		const server = await startServer();
		try {
			const admin = device(server, 'admin');
			await expect(admin.remote.get('calendar:district')).rejects.toMatchObject({ status: 404 });
			await server.stop();
			server.env.DEMO = '1';
			await server.restart();
			expect(server.output()).toMatch(/existing data \(added 6 SLA documents\)/);
			const calendar = (await admin.remote.get('calendar:district')) as unknown as CalendarDoc;
			expect(calendar.timeZone).toBe('America/Denver');
			expect(spans(calendar.closures.map((c) => ({ ...c, uid: c.id, closure: true })))).toEqual(CLOSURES);
			const policies = await admin.remote.allDocs({ startkey: 'sla-policy:', endkey: 'sla-policy:\uffff' });
			expect(policies.rows.map((r) => r.id)).toEqual(['sla-policy:milford-000', 'sla-policy:park-city-003', 'sla-policy:ts-pe-004', 'sla-policy:wilson-001']);
			expect(await admin.remote.get('sla-settings:district')).toMatchObject({ activePolicy: 'ts-pe-004' });
			await admin.remote.put({ ...calendar, closures: [] } as unknown as Record<string, unknown> & { _id: string });
			await server.stop();
			await server.restart();
			expect(((await admin.remote.get('calendar:district')) as unknown as CalendarDoc).closures).toEqual([]);
		} finally {
			await server.dispose();
		}
	});
});

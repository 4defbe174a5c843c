import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/district';
import { CALENDAR, fileTicket, offsetFor, provisionForMail, restartAt } from '../support/notify-district';
import { startServer, type WatchedServer } from '../support/server';

// Wednesday 9 December 2026 in Denver (UTC-7), open 07:00-15:30. Policy ts-pe-004: a break-fix P1 is resolved within
// 4 business hours, at risk from 3 hours. Filed at 08:00: at risk from 11:00.
const at = (time: string) => Date.parse(`2026-12-09T${time}:00-07:00`);
const DAY = 86_400_000;

/** Closed every day for 21 years from 1 December 2026, one closure per 364 days: no clock can be computed on it. */
const closedForDecades = Array.from({ length: 22 }, (_, i) => {
	const day = (n: number) => new Date(Date.parse('2026-12-01T00:00:00Z') + n * DAY).toISOString().slice(0, 10);
	return { id: `closed-${i}`, summary: 'Closed', allDay: true, start: day(i * 364), end: day((i + 1) * 364), source: 'manual' };
});

describe('the clock sweep once a calendar the engine could not compute on is fixed', () => {
	let server: WatchedServer;
	const saveCalendar = async (closures: unknown[]) => {
		const stored = (await api(server, `/db/helpdesk/${CALENDAR._id}`, { as: 'admin' })).body;
		const r = await api(server, `/db/helpdesk/${CALENDAR._id}`, { as: 'admin', method: 'PUT', body: JSON.stringify({ ...CALENDAR, closures, _rev: stored._rev }) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
	};

	beforeAll(async () => {
		server = await startServer({ CLOCK_OFFSET_MS: offsetFor(at('08:00')) });
		await provisionForMail(server, { policy: true });
	});
	afterAll(async () => server?.dispose());

	it('looks at every open ticket again, not only the one it stopped at', async () => {
		const tickets = [];
		for (let i = 0; i < 3; i++) tickets.push(await fileTicket(server, 'coord', { priority: 1, category: 'break-fix', assignee: 'tech-n' }));
		await saveCalendar(closedForDecades);
		await restartAt(server, at('11:15'));
		const atRisk = tickets.map((t) => server.waitForOutput(new RegExp(`notify: at-risk ${t.number} to tech-n`), 20_000));
		await saveCalendar([]);
		await Promise.all(atRisk);
	});
});

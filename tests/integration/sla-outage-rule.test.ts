import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_PRESETS } from '../../core/sla/presets';
import { newTicket } from '../../core/ticket';
import { api, device, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

// The server's clock stands at Wednesday 9 December 2026, noon in Denver; the outage was on Tuesday morning.
const SERVER_NOW = Date.parse('2026-12-09T12:00:00-07:00');
const STAMP = { updatedAt: '2026-11-30T12:00:00-07:00', updatedBy: 'admin' };
const weekday = [{ start: '07:00', end: '15:30' }];
const CALENDAR = {
	_id: 'calendar:district',
	type: 'calendar',
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: [],
	...STAMP
};
const NUMBER = 'KMN-PWR2';

describe('the outage rule through the real server: a ticket a coordinator links to an outage', () => {
	let server: RunningServer;
	const put = (as: string, doc: Record<string, unknown>) => api(server, `/db/helpdesk/${doc._id as string}`, { as, method: 'PUT', body: JSON.stringify(doc) });
	const resolutionAt = async (now: string) => {
		const answer = await api(server, `/api/sla/tickets/${NUMBER}?now=${encodeURIComponent(now)}`, { as: 'coord' });
		expect(answer.status).toBe(200);
		return (answer.body.targets as Record<string, unknown>).resolution;
	};

	beforeAll(async () => {
		server = await startServer({ CLOCK_OFFSET_MS: String(SERVER_NOW - Date.now()) });
		await provision(server);
		const admin = device(server, 'admin');
		await admin.local.bulkDocs([
			CALENDAR,
			...SLA_PRESETS.map((p) => ({ _id: `sla-policy:${p.id}`, type: 'sla-policy', ...p, ...STAMP })),
			{ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004', ...STAMP },
			{ _id: 'category:break-fix', type: 'category', code: 'break-fix', name: 'Break/fix', description: '', active: true }
		]);
		expect((await admin.push()).doc_write_failures).toBe(0);
		// Break-fix P2 under ts-pe-004: resolved within 1 business day, so filed Tuesday 08:00 it is due Wednesday 08:00 (510 min).
		const coord = device(server, 'coord');
		await coord.local.put(
			newTicket(
				{ number: NUMBER, requester: 'ann', requesterName: 'Ann Teacher', createdBy: 'coord', source: 'phone', title: 'No power in the library', description: 'Nothing turns on.', building: 'north', category: 'break-fix', priority: 2, assignee: 'tech-n' },
				'2026-12-08T08:00:00-07:00',
				`${NUMBER}-created`
			)
		);
		expect((await coord.push()).doc_write_failures).toBe(0);
	});
	afterAll(async () => server?.dispose());

	it('counts every business minute while the ticket is not linked', async () => {
		// Tuesday noon: 240 minutes ran; due Wednesday 08:00.
		expect(await resolutionAt('2026-12-08T12:00:00-07:00')).toEqual({ state: 'on-track', due: '2026-12-09T08:00:00-07:00', elapsedMinutes: 240, pausedMinutes: 0, overdueMinutes: 0 });
	});

	it('pauses the linked ticket over the outage (09:00 to 10:30) under the policy rule "pause"', async () => {
		const outage = {
			_id: 'outage:north-power',
			type: 'outage',
			services: ['power'],
			buildings: ['north'],
			description: 'The power is out at North.',
			declaredAt: '2026-12-08T09:00:00-07:00',
			declaredBy: 'coord',
			restoredAt: null,
			restoredBy: null
		};
		expect((await put('coord', outage)).status).toBe(201);
		const declared = (await api(server, `/db/helpdesk/${outage._id}`, { as: 'coord' })).body;
		const linked = await put('coord', { ...declared, tickets: [NUMBER] });
		expect(linked.status).toBe(201);
		// Tuesday 10:00, the outage still on: 60 minutes ran, 60 paused, no due time.
		expect(await resolutionAt('2026-12-08T10:00:00-07:00')).toEqual({ state: 'paused', due: null, elapsedMinutes: 60, pausedMinutes: 60, overdueMinutes: 0 });

		const current = (await api(server, `/db/helpdesk/${outage._id}`, { as: 'coord' })).body;
		expect((await put('coord', { ...current, restoredAt: '2026-12-08T10:30:00-07:00', restoredBy: 'coord' })).status).toBe(201);
		// Tuesday noon: 60 + 90 minutes ran, 90 paused; the due time moves 90 business minutes, to Wednesday 09:30.
		expect(await resolutionAt('2026-12-08T12:00:00-07:00')).toEqual({ state: 'on-track', due: '2026-12-09T09:30:00-07:00', elapsedMinutes: 150, pausedMinutes: 90, overdueMinutes: 0 });
	});

	it('lengthens the target by half once an administrator sets the rule to "extend 50%"', async () => {
		const admin = device(server, 'admin');
		await admin.pull();
		const policy = await admin.local.get('sla-policy:ts-pe-004');
		await admin.local.put({ ...policy, outageRule: { mode: 'extend', extendPercent: 50 } });
		expect((await admin.push()).doc_write_failures).toBe(0);
		// 510 x 1.5 = 765 minutes from Tuesday 08:00: 450 on Tuesday, 315 on Wednesday from 07:00, so 12:15; 240 ran.
		expect(await resolutionAt('2026-12-08T12:00:00-07:00')).toEqual({ state: 'on-track', due: '2026-12-09T12:15:00-07:00', elapsedMinutes: 240, pausedMinutes: 0, overdueMinutes: 0 });
	});
});

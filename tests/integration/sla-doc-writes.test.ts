import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_PRESETS } from '../../core/sla/presets';
import { api, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

const HIGH_HASH = 'f'.repeat(32);
type Stored = Record<string, unknown> & { _id: string; _rev: string; _revisions: { start: number; ids: string[] } };
const weekdays = [{ start: '07:00', end: '15:30' }];
const now = () => new Date().toISOString();

async function read(server: RunningServer, id: string, as = 'admin'): Promise<Stored> {
	const r = await api(server, `/db/helpdesk/${id}?revs=true`, { as });
	expect(r.status, JSON.stringify(r.body)).toBe(200);
	return r.body as unknown as Stored;
}

/** A revision made from `parent` on a device, under a hash that wins every tie, pushed as the replicator does. */
async function pushBranch(server: RunningServer, as: string, parent: Stored, body: Record<string, unknown>) {
	const start = parent._revisions.start + 1;
	const doc = { ...body, _id: parent._id, _rev: `${start}-${HIGH_HASH}`, _revisions: { start, ids: [HIGH_HASH, ...parent._revisions.ids] } };
	const r = await api(server, '/db/helpdesk/_bulk_docs', { as, method: 'POST', body: JSON.stringify({ docs: [doc], new_edits: false }) });
	return (r.body as unknown as { error?: string; reason?: string }[])[0];
}

describe('the SLA documents: everyone reads them, only administrators change them', () => {
	let server: RunningServer;
	const put = (as: string, doc: Record<string, unknown>) => api(server, `/db/helpdesk/${doc._id as string}`, { as, method: 'PUT', body: JSON.stringify(doc) });

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
		const stamp = { updatedAt: now(), updatedBy: 'admin' };
		const calendar = { _id: 'calendar:district', type: 'calendar', timeZone: 'America/Denver', hours: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] }, overrides: [], closures: [], ...stamp };
		const policy = { _id: 'sla-policy:ts-pe-004', type: 'sla-policy', ...SLA_PRESETS.find((p) => p.id === 'ts-pe-004'), ...stamp };
		const settings = { _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004', ...stamp };
		for (const doc of [calendar, policy, settings]) expect((await put('admin', doc)).status).toBe(201);
	});
	afterAll(async () => server?.dispose());

	it('lets a requester and a technician read them', async () => {
		for (const as of ['ann', 'tech-n']) {
			expect((await read(server, 'calendar:district', as)).timeZone).toBe('America/Denver');
			expect((await read(server, 'sla-settings:district', as)).activePolicy).toBe('ts-pe-004');
		}
	});

	it('refuses a coordinator, a technician and a requester who change them, with a reason', async () => {
		const policy = await read(server, 'sla-policy:ts-pe-004');
		const { _revisions: _r, ...body } = policy;
		const softer = { ...body, firstResponse: { '1': null, '2': null, '3': null, '4': null }, updatedAt: now() };
		for (const as of ['coord', 'tech-n', 'ann']) {
			const r = await put(as, { ...softer, updatedBy: as });
			expect(r.status).toBe(403);
			expect(r.body.reason).toBe('Only administrators change SLA policies.');
		}
		const settings = await read(server, 'sla-settings:district');
		const { _revisions: _s, ...settingsBody } = settings;
		const switched = await put('coord', { ...settingsBody, activePolicy: 'wilson-001', updatedBy: 'coord', updatedAt: now() });
		expect(switched.status).toBe(403);
		expect(switched.body.reason).toBe('Only administrators change which SLA policy is active.');
	});

	it('refuses a branch from an old revision that a coordinator pushes as a replicator would, and keeps the administrator’s version', async () => {
		const old = await read(server, 'calendar:district');
		const { _revisions: _r, _rev: _v, ...body } = old;
		// The administrator saves a closure; the coordinator's device then pushes a branch from the version before it.
		const withClosure = { ...body, _rev: old._rev, closures: [{ id: 'm1', summary: 'Board retreat', allDay: true, start: '2026-12-24', end: '2026-12-26', source: 'manual' }], updatedAt: now() };
		expect((await put('admin', withClosure)).status).toBe(201);
		const branch = await pushBranch(server, 'coord', old, { ...body, hours: { ...(body.hours as object), sat: weekdays }, updatedBy: 'coord', updatedAt: now() });
		expect(branch).toMatchObject({ error: 'forbidden', reason: 'Only administrators change the business calendar.' });
		const current = await read(server, 'calendar:district');
		expect((current.closures as unknown[]).length).toBe(1);
		expect(current.hours).toMatchObject({ sat: [] });
	});

	it('refuses a requester who creates a policy of their own', async () => {
		const mine = { _id: 'sla-policy:mine', type: 'sla-policy', ...SLA_PRESETS[0], id: 'mine', updatedAt: now(), updatedBy: 'ann' };
		const r = await put('ann', mine);
		expect(r.status).toBe(403);
		expect(r.body.reason).toBe('Only administrators change SLA policies.');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/district';
import { fileTicket, offsetFor, provisionForMail, restartAt, serverNow } from '../support/notify-district';
import { startServer, type WatchedServer } from '../support/server';

// Tuesday 1 December 2026, 10 AM in Denver: the district is open.
const TUESDAY_MORNING = Date.parse('2026-12-01T10:00:00-07:00');

describe('the notifier and a changed outage', () => {
	let server: WatchedServer;
	const id = 'outage:district-network';
	const stored = async () => (await api(server, `/db/helpdesk/${id}`, { as: 'coord' })).body as Record<string, unknown> & { progress?: unknown[] };
	const save = async (doc: Record<string, unknown>) => {
		const r = await api(server, `/db/helpdesk/${id}`, { as: 'coord', method: 'PUT', body: JSON.stringify(doc) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
	};
	const note = async (text: string) => {
		const doc = await stored();
		await save({ ...doc, progress: [...(doc.progress ?? []), { at: new Date(serverNow(server)).toISOString(), by: 'coord', text }] });
	};

	beforeAll(async () => {
		server = await startServer({ CLOCK_OFFSET_MS: offsetFor(TUESDAY_MORNING) });
		await provisionForMail(server);
	});
	afterAll(async () => server?.dispose());

	it('handles only what a change adds, not every earlier notice again for everyone (also after a restart)', async () => {
		const posted = server.waitForOutput(new RegExp(`outage-posted ${id} to tech-s`));
		await save({
			_id: id,
			type: 'outage',
			services: ['the network'],
			buildings: [],
			description: 'No network anywhere.',
			declaredAt: new Date(serverNow(server)).toISOString(),
			declaredBy: 'coord',
			restoredAt: null,
			restoredBy: null
		});
		await posted;
		const first = server.waitForOutput(new RegExp(`outage-progress ${id} to tech-s`));
		await note('The provider is on site.');
		await first;
		await restartAt(server, serverNow(server));
		const mark = server.output().length;
		const second = server.waitForOutput(new RegExp(`outage-progress ${id} to tech-s`));
		await note('A new line card is on its way.');
		await second;
		// A change after it, handled once the outage's change is done.
		const later = await fileTicket(server, 'coord', { priority: 3, building: 'south', assignee: 'tech-s' });
		await server.waitForOutput(new RegExp(`assigned ${later.number} to tech-s`));
		expect(server.output().slice(mark)).not.toMatch(new RegExp(`${id}: \\d+ events? handled before`));
	});
});

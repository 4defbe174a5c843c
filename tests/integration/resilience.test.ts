import { Agent, get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, device, makeTicket, provision } from '../support/district';
import { type RunningServer, STORE_MODES, startServerOn } from '../support/server';

describe.each(STORE_MODES)('restarts and crashes on the $name', ({ remote }) => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServerOn(remote);
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('keeps an idle connection open longer than a Node client keeps it, so no request is sent on a socket being closed', async () => {
		// Node's agents (PouchDB's fetch among them) drop an idle socket after 5 s. A server that also closed at 5 s raced
		// them, and a push failed with "socket hang up". The server says its own idle limit in the Keep-Alive header.
		const agent = new Agent({ keepAlive: true });
		const header = await new Promise<string | undefined>((done, fail) => {
			get(`${server.url}/db/`, { agent }, (response) => {
				response.resume();
				done(String(response.headers['keep-alive']));
			}).on('error', fail);
		});
		agent.destroy();
		expect(header).toBe('timeout=65');
	});

	it('keeps its uuid and the devices’ checkpoints across a restart', async () => {
		const ann = device(server, 'ann');
		await ann.local.bulkDocs(Array.from({ length: 20 }, () => makeTicket('ann')));
		await ann.push();
		const coord = device(server, 'coord');
		const first = await coord.pull();
		expect(first.docs_written).toBeGreaterThanOrEqual(20);
		const before = (await api(server, '/db/')).body.uuid;

		await server.stop();
		await server.restart();
		expect((await api(server, '/db/')).body.uuid).toBe(before);
		const again = await coord.pull();
		expect(again.docs_read).toBe(0);
		expect(again.docs_written).toBe(0);
	});

	it('resumes a push after the server is killed mid-replication, with nothing lost or duplicated', async () => {
		const tech = device(server, 'tech-n');
		const tickets = Array.from({ length: 1500 }, () => makeTicket('tech-n', { requester: 'ann', requesterName: 'Ann', source: 'phone' }));
		await tech.local.bulkDocs(tickets);

		const replication = tech.local.replicate.to(tech.remote, { batch_size: 50 });
		let killed = false;
		replication.on('change', (info) => {
			if (!killed && info.docs_written >= 300) {
				killed = true;
				void server.stop('SIGKILL');
			}
		});
		await replication.catch(() => undefined);
		expect(killed).toBe(true);

		await server.restart();
		const resumed = await tech.push();
		expect(resumed.doc_write_failures).toBe(0);
		expect(resumed.docs_written).toBeLessThan(tickets.length);

		const coord = device(server, 'coord');
		await coord.pull();
		const ids = await coord.ids();
		for (const t of tickets) expect(ids).toContain(t._id);
		expect(new Set(ids).size).toBe(ids.length);
		const sample = (await coord.local.get(tickets[1499]._id)) as unknown as { history: { id: string }[] };
		expect(new Set(sample.history.map((e) => e.id)).size).toBe(sample.history.length);
	});

	it('resumes a pull after the server is killed mid-replication', async () => {
		const fresh = device(server, 'coord');
		const pull = fresh.local.replicate.from(fresh.remote, { batch_size: 50 });
		let killed = false;
		pull.on('change', (info) => {
			if (!killed && info.docs_written >= 200) {
				killed = true;
				void server.stop('SIGKILL');
			}
		});
		await pull.catch(() => undefined);
		expect(killed).toBe(true);
		await server.restart();
		await fresh.pull();
		const all = await api(server, '/db/helpdesk/_all_docs?startkey=%22ticket%3A%22&endkey=%22ticket%3A%EF%BF%BF%22', { as: 'coord' });
		const serverIds = (all.body.rows as { id: string }[]).map((r) => r.id).sort();
		expect(await fresh.ids()).toEqual(serverIds);
	});
});

import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, device, makeTicket, PASSWORD, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

describe('sync checkpoints (_local documents) kept in memory and written through', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	const put = (as: string, id: string, body: Record<string, unknown>) => api(server, `/db/helpdesk/_local/${id}`, { method: 'PUT', as, body: JSON.stringify(body) });
	const get = (as: string, id: string) => api(server, `/db/helpdesk/_local/${id}`, { as });

	it('gives the next request the checkpoint the last one wrote, and only to its writer', async () => {
		expect((await put('ann', 'rep-a', { last_seq: 5, session_id: 's1' })).status).toBe(201);
		expect((await put('ann', 'rep-a', { last_seq: 9, session_id: 's1' })).status).toBe(201);
		const mine = await get('ann', 'rep-a');
		expect(mine.status).toBe(200);
		expect(mine.body).toEqual({ last_seq: 9, session_id: 's1', _id: '_local/rep-a', _rev: '0-1' });
		expect((await get('bob', 'rep-a')).status).toBe(404);
	});

	it('refuses a checkpoint nested too deeply to store with a reason, and still stores the ones sent beside it', async () => {
		const deep = `{"last_seq":1,"x":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
		const [refused, kept] = await Promise.all([
			api(server, '/db/helpdesk/_local/rep-deep', { method: 'PUT', as: 'bob', body: deep }),
			put('ann', 'rep-beside', { last_seq: 7, session_id: 's3' })
		]);
		expect(refused.status).toBe(400);
		expect(JSON.stringify(refused.body)).toMatch(/nested too deeply/);
		expect(kept.status).toBe(201);
		expect((await get('ann', 'rep-beside')).body.last_seq).toBe(7);
		expect((await api(server, '/api/health')).status).toBe(200);
	});

	it('has stored a checkpoint once it answered its write: it survives the process being killed at once', async () => {
		expect((await put('ann', 'rep-b', { last_seq: 12, session_id: 's2' })).status).toBe(201);
		await server.stop('SIGKILL');
		await server.restart();
		const after = await get('ann', 'rep-b');
		expect(after.status).toBe(200);
		expect(after.body.last_seq).toBe(12);
	});

	it('lets a device resume its push after a crash from the checkpoint the server kept', async () => {
		const ann = device(server, 'ann');
		for (const n of [1, 2, 3]) await ann.local.put(makeTicket('ann', { title: `Projector ${n} flickers` }));
		expect((await ann.push()).docs_written).toBe(3);
		await server.stop('SIGKILL');
		await server.restart();
		// With the server's checkpoint the replicator resumes after what it sent: it asks the server to compare nothing.
		const asked: string[] = [];
		const remote = new PouchDB(`${server.url}/db/helpdesk`, {
			auth: { username: 'ann', password: PASSWORD },
			skip_setup: true,
			fetch: (url: string | Request, init?: RequestInit) => (asked.push(String(url)), PouchDB.fetch(url, init))
		} as PouchDB.Configuration.RemoteDatabaseConfiguration);
		expect((await ann.local.replicate.to(remote, { batch_size: 100 })).docs_written).toBe(0);
		expect(asked.filter((url) => url.includes('_revs_diff'))).toEqual([]);
		expect(asked.filter((url) => url.includes('_local/'))).not.toEqual([]);
		await ann.local.put(makeTicket('ann', { title: 'Projector 4 flickers' }));
		expect((await ann.push()).docs_written).toBe(1);
	});

	it('forgets a deleted checkpoint, also after a restart', async () => {
		await put('ann', 'rep-c', { last_seq: 3 });
		expect((await api(server, '/db/helpdesk/_local/rep-c', { method: 'DELETE', as: 'ann' })).status).toBe(200);
		expect((await get('ann', 'rep-c')).status).toBe(404);
		await server.stop('SIGKILL');
		await server.restart();
		expect((await get('ann', 'rep-c')).status).toBe(404);
	});
});

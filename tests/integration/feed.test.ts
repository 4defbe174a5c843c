import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, device, makeTicket, PASSWORD, PEOPLE, provision } from '../support/district';
import { type CouchStandin, type RunningServer, startCouchStandin, startServer, type WatchedServer } from '../support/server';

/** A device that stays connected: a live pull whose arrivals can be awaited. */
function liveDevice(server: RunningServer, username: string) {
	const d = device(server, username);
	const arrivals = new Set<(doc: Record<string, unknown>) => void>();
	// A fixed half-second retry: PouchDB's default backoff grows to minutes, which would measure the client, not the server.
	const replication = d.local.replicate.from(d.remote, { live: true, retry: true, batch_size: 100, back_off_function: () => 500 });
	replication.on('change', (info) => {
		for (const doc of info.docs) for (const arrival of [...arrivals]) arrival(doc as Record<string, unknown>);
	});
	return {
		...d,
		cancel: () => replication.cancel(),
		/** Resolves with the first document to arrive that matches; fails after `ms` with what it waited for. */
		receive(what: string, matches: (doc: Record<string, unknown>) => boolean, ms = 30_000): Promise<Record<string, unknown>> {
			return new Promise((done, fail) => {
				const arrival = (doc: Record<string, unknown>) => {
					if (!matches(doc)) return;
					arrivals.delete(arrival);
					clearTimeout(timer);
					done(doc);
				};
				const timer = setTimeout(() => {
					arrivals.delete(arrival);
					fail(new Error(`${username}'s live device never received ${what} within ${ms} ms`));
				}, ms);
				arrivals.add(arrival);
			});
		}
	};
}

describe('two gateway instances over one CouchDB-protocol store', () => {
	let couch: CouchStandin;
	let a: WatchedServer;
	let b: WatchedServer;
	const live: ReturnType<typeof liveDevice>[] = [];

	beforeAll(async () => {
		couch = await startCouchStandin();
		// One after the other: the first one seeds the store, the second finds it ready.
		a = await startServer({ STORE_URL: couch.url });
		b = await startServer({ STORE_URL: couch.url });
		await provision(a);
	});
	afterAll(async () => {
		for (const d of live) d.cancel();
		await a?.dispose();
		await b?.dispose();
		await couch?.dispose();
	});

	it('delivers a ticket written through one instance to a live device on the other', async () => {
		const coordOnB = liveDevice(b, 'coord');
		live.push(coordOnB);
		await coordOnB.receive('the seeded profiles', (doc) => doc._id === 'user:ann');

		const ticket = makeTicket('ann', { title: 'Written through A, read through B' });
		const arrived = coordOnB.receive(ticket._id, (doc) => doc._id === ticket._id);
		const annOnA = device(a, 'ann');
		await annOnA.local.put(ticket);
		expect((await annOnA.push()).doc_write_failures).toBe(0);
		expect((await arrived).title).toBe('Written through A, read through B');
	});

	it('restarts the shared feed after the store goes away: a deactivated person is refused and new changes reach live devices', async () => {
		const coordOnB = liveDevice(b, 'coord');
		live.push(coordOnB);
		await coordOnB.receive('the seeded profiles', (doc) => doc._id === 'user:bob');
		// B now holds Bob's profile in its cache, kept fresh by its shared feed.
		expect((await api(b, '/api/me', { as: 'bob' })).status).toBe(200);

		const stopped = b.waitForOutput(/changes feed stopped/);
		await couch.stop('SIGKILL');
		await stopped;
		await couch.restart();

		// A second writer (instance A) deactivates Bob and files a ticket; B must hear of both.
		const bob = PEOPLE.find((p) => p.username === 'bob');
		const deactivated = coordOnB.receive('Bob deactivated', (doc) => doc._id === 'user:bob' && doc.active === false);
		const saved = await api(a, '/api/admin/users/bob', {
			method: 'PUT',
			body: JSON.stringify({ username: 'bob', name: bob?.name, role: 'requester', kind: 'staff', buildings: ['north'], active: false, password: PASSWORD })
		});
		expect(saved.status).toBe(200);
		await deactivated;
		const refused = await api(b, '/api/me', { as: 'bob' });
		expect(refused.status).toBe(401);
		expect(refused.body.reason).toMatch(/not active/);

		const ticket = makeTicket('ann', { title: 'Filed after the store came back' });
		const arrived = coordOnB.receive(ticket._id, (doc) => doc._id === ticket._id);
		const annOnA = device(a, 'ann');
		await annOnA.local.put(ticket);
		expect((await annOnA.push()).doc_write_failures).toBe(0);
		expect((await arrived).title).toBe('Filed after the store came back');
	});
});

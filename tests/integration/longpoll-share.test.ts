import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, makeTicket, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

type Doc = Record<string, unknown>;

/**
 * A device with a live pull (optionally filtered to some ids) that keeps every document it receives; `caughtUp` resolves
 * at its first pause, when its longpoll is about to wait on the server.
 */
function liveDevice(server: RunningServer, username: string, docIds?: string[]) {
	const d = device(server, username);
	const received = new Map<string, Doc>();
	const watchers = new Set<() => void>();
	const replication = d.local.replicate.from(d.remote, { live: true, retry: true, batch_size: 100, back_off_function: () => 500, ...(docIds ? { doc_ids: docIds } : {}) });
	let errors = 0;
	replication.on('error', () => errors++);
	replication.on('denied', () => errors++);
	replication.on('change', (info) => {
		for (const doc of info.docs) received.set(doc._id, doc as Doc);
		for (const watcher of [...watchers]) watcher();
	});
	const caughtUp = new Promise<void>((resolve) => replication.on('paused', (error) => !error && resolve()));
	return {
		username,
		received,
		caughtUp,
		errors: () => errors,
		cancel: () => replication.cancel(),
		/** Resolves once `id` has arrived; fails after `ms` naming the device and the document. */
		receive(id: string, ms = 30_000): Promise<Doc> {
			return new Promise((done, fail) => {
				const check = () => {
					const doc = received.get(id);
					if (!doc) return;
					watchers.delete(check);
					clearTimeout(timer);
					done(doc);
				};
				const timer = setTimeout(() => {
					watchers.delete(check);
					fail(new Error(`${username}'s live device never received ${id} within ${ms} ms`));
				}, ms);
				watchers.add(check);
				check();
			});
		}
	};
}

async function fileAsDevice(server: RunningServer, username: string, ticket: ReturnType<typeof makeTicket>) {
	const d = device(server, username);
	await d.local.put(ticket);
	expect((await d.push()).doc_write_failures).toBe(0);
}

describe('live devices waiting on the same change (answers shared per person, scope and query)', () => {
	let server: RunningServer;
	const live: ReturnType<typeof liveDevice>[] = [];

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => {
		for (const d of live) d.cancel();
		await server?.dispose();
	});

	it('gives each waiting device what its own scope holds, though many devices of one person wait at once', async () => {
		const people = ['tech-n', 'tech-n', 'tech-n', 'tech-s', 'tech-s', 'ann', 'ann', 'cat'];
		const devices = people.map((username) => liveDevice(server, username));
		live.push(...devices);
		await Promise.all(devices.map((d) => d.caughtUp));

		const north = makeTicket('ann', { title: 'North ticket for the shared wake', building: 'north' });
		const south = makeTicket('cat', { title: 'South ticket for the shared wake', building: 'south' });
		await fileAsDevice(server, 'ann', north);
		await fileAsDevice(server, 'cat', south);

		const sees = (username: string) => (['tech-n', 'ann'].includes(username) ? north._id : south._id);
		await Promise.all(devices.map((d) => d.receive(sees(d.username))));
		// The feed holds north before south: a device that received the later one has judged the earlier one too.
		for (const d of devices) {
			const other = sees(d.username) === north._id ? south._id : north._id;
			expect(d.received.has(other), `${d.username} must not receive ${other}`).toBe(false);
			expect(d.errors()).toBe(0);
		}
		const annTicket = devices.find((d) => d.username === 'ann')!.received.get(north._id);
		expect(annTicket?.title).toBe('North ticket for the shared wake');
	});

	it('answers two filtered replications of the same person each with its own ids', async () => {
		const [x, y, z] = ['X', 'Y', 'Z'].map((letter) => makeTicket('ann', { title: `Filtered ticket ${letter}` }));
		const onlyX = liveDevice(server, 'coord', [x._id]);
		const yAndZ = liveDevice(server, 'coord', [y._id, z._id]);
		live.push(onlyX, yAndZ);
		await Promise.all([onlyX.caughtUp, yAndZ.caughtUp]);

		await fileAsDevice(server, 'ann', y);
		await fileAsDevice(server, 'ann', x);
		await fileAsDevice(server, 'ann', z);

		await onlyX.receive(x._id);
		await yAndZ.receive(z._id);
		expect([...onlyX.received.keys()]).toEqual([x._id]);
		expect([...yAndZ.received.keys()].sort()).toEqual([y._id, z._id].sort());
	});
});

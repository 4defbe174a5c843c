import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, makeTicket, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

describe('many first syncs at once (more than the gateway reads the store for at a time)', () => {
	let server: RunningServer;
	const north: string[] = [];
	const south: string[] = [];

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
		const coord = device(server, 'coord');
		for (let i = 0; i < 6; i++) {
			const ticket = makeTicket('coord', { building: i % 2 ? 'south' : 'north', requester: i % 2 ? 'cat' : 'ann', title: `Monday ticket ${i}` });
			(i % 2 ? south : north).push(ticket._id);
			await coord.local.put(ticket);
		}
		expect((await coord.push()).doc_write_failures).toBe(0);
	});
	afterAll(async () => {
		await server?.dispose();
	});

	it('finishes every first pull, waiting ones included, each with exactly its scope', async () => {
		const people = ['tech-n', 'tech-n', 'tech-n', 'tech-s', 'tech-s', 'tech-s', 'ann', 'ann', 'cat', 'cat', 'coord', 'coord'];
		const devices = people.map((username) => ({ username, ...device(server, username) }));
		const results = await Promise.all(devices.map((d) => d.pull()));
		for (const [i, d] of devices.entries()) {
			expect(results[i].ok, `${d.username}'s first pull`).toBe(true);
			const expected = d.username === 'coord' ? [...north, ...south] : ['tech-n', 'ann'].includes(d.username) ? north : south;
			expect(await d.ids(), `${d.username}'s tickets`).toEqual([...expected].sort());
		}
	});
});

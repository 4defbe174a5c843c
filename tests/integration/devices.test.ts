import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketNumber } from '../../core/ticket-number';
import { api, device, makeTicket, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

describe('device registration on the real server', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	const register = (as: string, body: object = {}) => api(server, '/api/devices', { as, method: 'POST', body: JSON.stringify(body) });

	it('stops one student registering device after device, with 429, the wait and a reason, and never a 500', async () => {
		const codes = new Set<string>();
		for (let i = 0; i < 30; i++) {
			const answer = await register('cat', { deviceId: crypto.randomUUID() });
			expect(answer.status).toBe(201);
			codes.add(String(answer.body.code));
		}
		expect(codes.size).toBe(30);
		const burst = await Promise.all(Array.from({ length: 100 }, (_, i) => register('cat', i % 2 ? {} : { deviceId: crypto.randomUUID() })));
		expect(burst.map((a) => a.status)).toEqual(Array(100).fill(429));
		expect(burst[0].body).toMatchObject({ error: 'too_many_requests' });
		expect(burst[0].body.reason).toMatch(/Try again in \d+ minutes?/);
		const raw = await fetch(`${server.url}/api/devices`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('cat:test-password-1').toString('base64')}` },
			body: '{}'
		});
		expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
		// Someone else still registers.
		expect((await register('ann', { deviceId: crypto.randomUUID() })).status).toBe(201);
	});

	it('gives a device that asks again its own code back, even while new devices are refused', async () => {
		const deviceId = crypto.randomUUID();
		const first = await register('bob', { deviceId });
		expect(first.status).toBe(201);
		for (let i = 0; i < 29; i++) expect((await register('bob', { deviceId: crypto.randomUUID() })).status).toBe(201);
		expect((await register('bob', { deviceId: crypto.randomUUID() })).status).toBe(429);
		for (let i = 0; i < 5; i++) expect((await register('bob', { deviceId })).body).toEqual({ code: first.body.code, next: 0 });
	});

	it('accepts tickets numbered by a four-character device next to the three-character numbers already filed', async () => {
		const ann = device(server, 'ann');
		const old = makeTicket('ann', { number: ticketNumber('K7M', 7), title: 'Filed from a three-character device' });
		const wide = makeTicket('ann', { number: ticketNumber('K7MA', 7), title: 'Filed from a four-character device' });
		await ann.local.bulkDocs([old, wide]);
		const pushed = await ann.push();
		expect(pushed.errors).toEqual([]);
		expect(pushed.docs_written).toBe(2);
		const tech = device(server, 'tech-n');
		await tech.pull();
		expect(await tech.ids()).toEqual(expect.arrayContaining(['ticket:K7M-229', 'ticket:K7MA-22229']));
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from '../../core/rate-limit';
import { api, PASSWORD, provision } from '../support/district';
import { type RunningServer, STORE_MODES, startServer, startServerOn } from '../support/server';

interface Answer {
	status: number;
	body: { error?: string; reason?: string; user?: { username: string } };
	retryAfter: string | null;
	cookie: string | null;
}

/** Signs in through /api/login from an address (the server trusts X-Forwarded-For here, as behind a proxy). */
async function login(server: RunningServer, username: string, password: string, from = '10.0.0.1'): Promise<Answer> {
	const response = await fetch(`${server.url}/api/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
		body: JSON.stringify({ username, password })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? null;
	return { status: response.status, body: (await response.json()) as Answer['body'], retryAfter: response.headers.get('retry-after'), cookie };
}

/** A GET as a person: with a session cookie, or with HTTP Basic. */
async function get(server: RunningServer, path: string, auth: { cookie: string } | { basic: [string, string]; from?: string }): Promise<Answer> {
	const headers: Record<string, string> =
		'cookie' in auth
			? { cookie: auth.cookie }
			: { authorization: `Basic ${Buffer.from(auth.basic.join(':')).toString('base64')}`, 'x-forwarded-for': auth.from ?? '10.0.0.1' };
	const response = await fetch(`${server.url}${path}`, { headers });
	return { status: response.status, body: (await response.json()) as Answer['body'], retryAfter: response.headers.get('retry-after'), cookie: null };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('sign-in limits', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer({ TRUST_PROXY: '1' });
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('stops 300 quick wrong passwords after the tenth, and then refuses the right one too, with the wait', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 300; i++) statuses.push((await login(server, 'ann', `guess-${i}`, `10.1.${i >> 8}.${i & 255}`)).status);
		expect(statuses.slice(0, ACCOUNT_LIMIT.maxFailures).every((s) => s === 401)).toBe(true);
		expect(statuses.slice(ACCOUNT_LIMIT.maxFailures).every((s) => s === 429)).toBe(true);

		const right = await login(server, 'ann', PASSWORD, '10.1.9.9');
		expect(right.status).toBe(429);
		expect(right.cookie).toBeNull();
		expect(Number(right.retryAfter)).toBeGreaterThan(800);
		expect(right.body).toEqual({ error: 'too_many_requests', reason: expect.stringMatching(/^Too many wrong passwords\. Wait 1[45] minutes, then try again/) });

		// HTTP Basic (a script, PouchDB in Node) is the same door: the right password waits as well.
		const basic = await get(server, '/db/helpdesk/', { basic: ['ann', PASSWORD], from: '10.1.9.10' });
		expect(basic.status).toBe(429);
		expect(basic.retryAfter).not.toBeNull();
		// Nobody else is held up by it.
		expect((await login(server, 'bob', PASSWORD, '10.1.9.9')).status).toBe(200);
	});

	it('answers an unknown username exactly as a wrong password, and limits it the same way', async () => {
		const wrong = await login(server, 'cat', 'not-her-password', '10.2.0.1');
		const unknown = await login(server, 'nobody-here', 'not-a-password', '10.2.0.2');
		expect(unknown.status).toBe(401);
		expect(unknown.body).toEqual(wrong.body);
		expect(unknown.body.reason).toBe('That username and password do not match an active account.');

		const statuses: number[] = [];
		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures + 1; i++) statuses.push((await login(server, 'nobody-else', `guess-${i}`, `10.2.1.${i}`)).status);
		expect(statuses.at(-2)).toBe(401);
		expect(statuses.at(-1)).toBe(429);
	});

	it('makes one address wait after many failures across accounts, while other addresses sign in', async () => {
		for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) expect((await login(server, `sprayed-${i}`, 'Spring2026!', '10.3.3.3')).status).toBe(401);
		const blocked = await login(server, 'coord', PASSWORD, '10.3.3.3');
		expect(blocked.status).toBe(429);
		expect(blocked.body.reason).toMatch(/^Too many wrong passwords/);
		// Behind the proxy, only the entry the proxy appended counts: a client cannot choose its address.
		expect((await login(server, 'coord', PASSWORD, '10.3.3.4, 10.3.3.3')).status).toBe(429);
		expect((await login(server, 'coord', PASSWORD, '10.3.3.4')).status).toBe(200);
	});

	it('clears an account’s failures when the person signs in with the right password', async () => {
		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures - 1; i++) expect((await login(server, 'tech-s', `typo-${i}`, '10.4.0.1')).status).toBe(401);
		expect((await login(server, 'tech-s', PASSWORD, '10.4.0.1')).status).toBe(200);
		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures - 1; i++) expect((await login(server, 'tech-s', `typo-again-${i}`, '10.4.0.2')).status).toBe(401);
		expect((await login(server, 'tech-s', PASSWORD, '10.4.0.2')).status).toBe(200);
	});

	it('spends as long on an unknown username as on a wrong password (both verify an argon2 hash)', async () => {
		const known: number[] = [];
		const unknown: number[] = [];
		const accounts = ['tech-n', 'spec', 'coord'];
		for (let i = 0; i < 21; i++) {
			let start = performance.now();
			expect((await login(server, accounts[i % 3], `wrong-${i}`, `10.5.0.${i}`)).status).toBe(401);
			known.push(performance.now() - start);
			start = performance.now();
			expect((await login(server, `ghost-${i}`, `wrong-${i}`, `10.5.1.${i}`)).status).toBe(401);
			unknown.push(performance.now() - start);
		}
		const ratio = median(unknown) / median(known);
		console.log(`sign-in timing over HTTP, median of 21: wrong password ${median(known).toFixed(1)} ms, unknown user ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
		// Without the dummy hash the ratio was about 0.2 (no argon2 work at all for an unknown name).
		expect(ratio).toBeGreaterThan(0.5);
		expect(ratio).toBeLessThan(2);
	});
});

describe.each(STORE_MODES)('a password reset on the $name', ({ remote }) => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServerOn(remote);
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('ends every session the person had opened, and no one else’s', async () => {
		const phone = await login(server, 'bob', PASSWORD);
		const laptop = await login(server, 'bob', PASSWORD);
		const other = await login(server, 'cat', PASSWORD);
		for (const answer of [phone, laptop, other]) expect(answer.cookie).toMatch(/^hd_session=/);
		const bobsCookies = [phone.cookie!, laptop.cookie!];
		for (const cookie of bobsCookies) {
			expect((await get(server, '/api/me', { cookie })).status).toBe(200);
			expect((await get(server, '/db/helpdesk/', { cookie })).status).toBe(200);
		}
		// Old password also cached for HTTP Basic.
		expect((await get(server, '/api/me', { basic: ['bob', PASSWORD] })).status).toBe(200);

		const reset = await api(server, '/api/admin/users/bob', {
			method: 'PUT',
			body: JSON.stringify({ username: 'bob', name: 'Bob Secretary', role: 'requester', kind: 'staff', buildings: ['north'], active: true, password: 'a-brand-new-one' })
		});
		expect(reset.status).toBe(200);

		for (const cookie of bobsCookies) {
			const me = await get(server, '/api/me', { cookie });
			expect(me.status).toBe(401);
			expect(me.body.reason).toMatch(/Sign in first/);
			expect((await get(server, '/db/helpdesk/', { cookie })).status).toBe(401);
		}
		expect((await get(server, '/api/me', { basic: ['bob', PASSWORD] })).status).toBe(401);
		expect((await get(server, '/api/me', { cookie: other.cookie! })).status).toBe(200);
		const fresh = await login(server, 'bob', 'a-brand-new-one');
		expect(fresh.status).toBe(200);
		expect((await get(server, '/api/me', { cookie: fresh.cookie! })).body.user?.username).toBe('bob');
	});
});

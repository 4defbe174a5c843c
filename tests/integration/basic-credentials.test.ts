import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT } from '../../core/rate-limit';
import { api, PASSWORD, type Person, provision, saveUser } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

/** GET /api/me with HTTP Basic from an address (the server trusts X-Forwarded-For here, as behind a proxy). */
async function me(server: RunningServer, username: string, password: string, from = '10.3.0.1') {
	const response = await fetch(`${server.url}/api/me`, {
		headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'x-forwarded-for': from }
	});
	const body = (await response.json()) as { user?: { username: string; role: string } };
	return { status: response.status, role: body.user?.role };
}

/** Saves a person through the admin API with a new password, role or active flag. */
async function update(server: RunningServer, person: Person & { active?: boolean; password?: string }) {
	const { password = PASSWORD, active = true, ...p } = person;
	const r = await api(server, `/api/admin/users/${p.username}`, {
		method: 'PUT',
		body: JSON.stringify({ username: p.username, name: p.name ?? p.username, role: p.role, kind: p.kind ?? 'staff', buildings: p.buildings, active, password })
	});
	expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('HTTP Basic with verified passwords remembered for a minute', () => {
	let server: RunningServer;
	const dana: Person = { username: 'dana', role: 'requester', buildings: ['north'], name: 'Dana Changes' };

	beforeAll(async () => {
		server = await startServer({ TRUST_PROXY: '1' });
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('refuses the old password on the very next request once an administrator changes it, and takes the new one', async () => {
		await saveUser(server, dana);
		expect((await me(server, 'dana', PASSWORD)).status).toBe(200);
		expect((await me(server, 'dana', PASSWORD)).status).toBe(200);
		await update(server, { ...dana, password: 'a-new-password-2' });
		expect((await me(server, 'dana', PASSWORD)).status).toBe(401);
		expect((await me(server, 'dana', 'a-new-password-2')).status).toBe(200);
	});

	// identify() reads the profile on every request, so this holds whatever the password check remembers; it guards the
	// outcome (server/verified-credentials.test.ts checks the remembered passwords themselves).
	it('refuses a disabled account on its next request, and answers with the new role at once after a role change', async () => {
		const eli: Person = { username: 'eli', role: 'coordinator', buildings: [], name: 'Eli Demoted' };
		await saveUser(server, eli);
		expect(await me(server, 'eli', PASSWORD)).toEqual({ status: 200, role: 'coordinator' });
		await update(server, { ...eli, role: 'requester', buildings: ['north'] });
		expect(await me(server, 'eli', PASSWORD)).toEqual({ status: 200, role: 'requester' });
		await update(server, { ...eli, role: 'requester', buildings: ['north'], active: false });
		expect((await me(server, 'eli', PASSWORD)).status).toBe(401);
	});

	it('never answers a wrong password from what it remembers: each counts as a failure, and the lockout then refuses the right one', async () => {
		const fay: Person = { username: 'fay', role: 'requester', buildings: ['south'], name: 'Fay Guessed' };
		await saveUser(server, fay);
		expect((await me(server, 'fay', PASSWORD, '10.4.0.1')).status).toBe(200);
		const statuses: number[] = [];
		// The right password's first letters, and the right one with more: none of them is the password remembered.
		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures; i++) statuses.push((await me(server, 'fay', `${PASSWORD.slice(0, i + 1)}${i % 2 ? '' : 'x'}`, `10.4.1.${i}`)).status);
		expect(statuses).toEqual(Array(ACCOUNT_LIMIT.maxFailures).fill(401));
		expect((await me(server, 'fay', PASSWORD, '10.4.2.1')).status).toBe(429);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeTicket, PASSWORD, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
	server = await startServer();
	await provision(server);
	const response = await fetch(`${server.url}/api/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'ann', password: PASSWORD })
	});
	cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
	expect(cookie).toMatch(/^hd_session=/);
});
afterAll(async () => server?.dispose());

/** A write as the browser would send it with ann's session cookie. */
async function browserWrite(path: string, body: string, headers: Record<string, string>) {
	const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, ...headers }, body });
	return { status: response.status, body: (await response.json()) as { error?: string; reason?: string } };
}

const stored = async (id: string) => (await api(server, `/db/helpdesk/${encodeURIComponent(id)}`, { as: 'ann' })).status;

describe('changes sent from another site with the session cookie', () => {
	it('refuses a note sent as text/plain (what a form on another port can post), and stores nothing', async () => {
		const ticket = makeTicket('ann', { title: 'Written by a form on another site' });
		const answer = await browserWrite('/db/helpdesk/_bulk_docs', JSON.stringify({ docs: [ticket] }), {
			'content-type': 'text/plain',
			origin: `http://127.0.0.1:${server.port + 1}`,
			'sec-fetch-site': 'same-site'
		});
		expect(answer.status).toBe(403);
		expect(answer.body.reason).toMatch(/another site/);

		// Even with no Origin at all, the cookie does not carry a form's body type.
		const bare = await browserWrite('/db/helpdesk/_bulk_docs', JSON.stringify({ docs: [ticket] }), { 'content-type': 'text/plain' });
		expect(bare.status).toBe(415);
		expect(bare.body.reason).toMatch(/application\/json/);
		expect(await stored(ticket._id)).toBe(404);
	});

	it('refuses JSON from a foreign Origin or a cross-site fetch, on /db and on /api', async () => {
		const ticket = makeTicket('ann');
		const json = JSON.stringify({ docs: [ticket] });
		expect((await browserWrite('/db/helpdesk/_bulk_docs', json, { 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
		expect((await browserWrite('/db/helpdesk/_bulk_docs', json, { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
		expect((await browserWrite('/api/devices', '{}', { 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
		expect(await stored(ticket._id)).toBe(404);
	});

	it('takes the app’s own JSON with the cookie, and scripts with HTTP Basic and no Origin', async () => {
		const mine = makeTicket('ann', { title: 'Sent by the app itself' });
		const own = await browserWrite('/db/helpdesk/_bulk_docs', JSON.stringify({ docs: [mine] }), {
			'content-type': 'application/json',
			origin: server.url,
			'sec-fetch-site': 'same-origin'
		});
		expect(own.status).toBe(201);
		expect(await stored(mine._id)).toBe(200);

		const scripted = makeTicket('ann', { title: 'Sent by a script' });
		const script = await api(server, '/db/helpdesk/_bulk_docs', { as: 'ann', method: 'POST', body: JSON.stringify({ docs: [scripted] }) });
		expect(script.status).toBe(201);
		expect(await stored(scripted._id)).toBe(200);
	});
});

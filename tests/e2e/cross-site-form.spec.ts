import { createServer, type Server } from 'node:http';
import { newTicket } from '../../core/ticket';
import { deviceCode, ticketNumber } from '../../core/ticket-number';
import { freePort } from '../support/server';
import { expect, newDevice, PASSWORD, serverUrl, signIn, test } from './fixtures';

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');

let attacker: Server;
let attackerUrl: string;
let page = '';

// Another port of the same host is the same site: a SameSite=Lax cookie goes along with its form posts.
test.beforeAll(async () => {
	const port = await freePort();
	attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
	await new Promise<void>((done) => attacker.listen(port, '127.0.0.1', done));
	attackerUrl = `http://127.0.0.1:${port}/`;
});
test.afterAll(() => new Promise<void>((done) => attacker.close(() => done())));

test('a form on another port of the same host cannot write with the signed-in person’s cookie', async ({ browser }) => {
	const number = ticketNumber(deviceCode(29_000), Date.now() % 20_000_000);
	const ticket = newTicket(
		{ number, requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'lgarcia', source: 'web', title: 'Planted by another site', description: 'Sent by a form on another port.', building: 'lincoln-es', room: '1' },
		new Date().toISOString(),
		`csrf-${number}`
	);
	// A text/plain form sends `name=value`: the name carries the JSON, the value closes a dummy string.
	const name = `${JSON.stringify({ docs: [ticket] }).slice(0, -1)},"pad":"`;
	page = `<form method="POST" action="${serverUrl()}/db/helpdesk/_bulk_docs" enctype="text/plain"><input name='${escapeAttribute(name)}' value='"}'></form><script>document.forms[0].submit()</script>`;

	const device = await newDevice(browser);
	const tab = await device.newPage();
	await signIn(tab, 'lgarcia', { waitForSync: false });
	const answer = tab.waitForResponse((r) => r.url().endsWith('/db/helpdesk/_bulk_docs') && r.request().method() === 'POST');
	await tab.goto(attackerUrl);
	const response = await answer;
	expect((await response.request().allHeaders()).cookie).toMatch(/hd_session=/);
	expect(response.status()).toBe(403);
	expect(await response.text()).toMatch(/another site/);

	const stored = await fetch(`${serverUrl()}/db/helpdesk/${encodeURIComponent(ticket._id)}`, {
		headers: { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` }
	});
	expect(stored.status).toBe(404);
	await device.close();
});

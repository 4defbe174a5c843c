import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { SearchReply } from '../../core/search/results';
import { appendEntries, newTicket } from '../../core/ticket';
import { api, device, fileAs as fileTicketAs, makeTicket, PASSWORD, provision } from '../support/district';
import { type RunningServer, startServerOn } from '../support/server';

const DAY = 86_400_000;

describe('the ticket search API: the whole history, in the scope the gateway gives each person', () => {
	let server: RunningServer;
	const filed: Record<string, Ticket> = {};

	const fileAs = (username: string, over: Parameters<typeof makeTicket>[1] = {}) => fileTicketAs(server, username, over);
	const search = (as: string, q: string) => api(server, `/api/tickets/search?q=${encodeURIComponent(q)}`, { as });
	const numbers = async (as: string, q: string) => {
		const answer = await search(as, q);
		expect(answer.status).toBe(200);
		return (answer.body.results as { number: string }[]).map((r) => r.number).sort();
	};

	beforeAll(async () => {
		server = await startServerOn(false, { CLOSED_WINDOW_DAYS: '30' });
		await provision(server);
		filed.ann = await fileAs('ann', { title: 'Laminator jams in the workroom', contactPhone: '(303) 555-0142' });
		filed.bob = await fileAs('bob', { title: 'Laminator smells of smoke' });
		filed.cat = await fileAs('cat', { title: 'Laminator in the art room', building: 'south' });
	});
	afterAll(async () => server?.dispose());

	it('gives a requester only their own tickets, and answers for another person’s number as for none', async () => {
		expect(await numbers('ann', 'laminator')).toEqual([filed.ann?.number]);
		expect(await numbers('cat', 'laminator')).toEqual([filed.cat?.number]);
		expect(await numbers('ann', filed.bob?.number ?? '')).toEqual([]);
		const others = await api(server, `/api/tickets/${filed.bob?.number}`, { as: 'ann' });
		const none = await api(server, '/api/tickets/ZZZ-ZZZ', { as: 'ann' });
		expect(others.status).toBe(404);
		expect(others.body.reason?.replace(filed.bob?.number ?? '', '#')).toBe(none.body.reason?.replace('ZZZ-ZZZ', '#'));
		expect(JSON.stringify(others.body)).not.toContain('smoke');
		expect((await api(server, `/api/tickets/${filed.ann?.number}`, { as: 'ann' })).body.ticket).toMatchObject({ title: 'Laminator jams in the workroom' });
	});

	it('gives a building technician their buildings’ tickets, a specialist none of these, a coordinator all', async () => {
		expect(await numbers('tech-n', 'laminator')).toEqual([filed.ann?.number, filed.bob?.number].sort());
		expect(await numbers('tech-s', 'laminator')).toEqual([filed.cat?.number]);
		expect(await numbers('spec', 'laminator')).toEqual([]);
		expect(await numbers('coord', 'laminator')).toEqual([filed.ann?.number, filed.bob?.number, filed.cat?.number].sort());
	});

	it('finds a ticket by its number and its phone in other spellings, and names what matched', async () => {
		const byNumber = await search('coord', (filed.ann?.number ?? '').replace('-', '').toLowerCase());
		expect(byNumber.body.results).toEqual([expect.objectContaining({ number: filed.ann?.number, fields: ['number'] })]);
		for (const phone of ['303 555 0142', '+13035550142']) expect(await numbers('coord', phone)).toEqual([filed.ann?.number]);
		const byWord = await search('coord', 'smoke');
		expect(byWord.body.results).toEqual([expect.objectContaining({ number: filed.bob?.number, terms: ['smoke'], fields: ['title'] })]);
	});

	it('refuses a bad search with a reason, and a person not signed in', async () => {
		for (const [path, field] of [
			['/api/tickets/search', 'q'],
			['/api/tickets/search?q=%20%20', 'q'],
			['/api/tickets/search?q=lamp&limit=0', 'limit'],
			['/api/tickets/search?q=lamp&limit=lots', 'limit'],
			[`/api/tickets/search?q=${'x'.repeat(201)}`, 'q'],
			['/api/tickets/search?q=lamp&sort=new', 'sort'],
			['/api/tickets/not-a-number', 'number']
		] as const) {
			const answer = await api(server, path, { as: 'coord' });
			expect(answer.status, path).toBe(400);
			expect(answer.body.reason, path).toContain(field);
		}
		const anonymous = await fetch(`${server.url}/api/tickets/search?q=laminator`);
		expect(anonymous.status).toBe(401);
	});

	it('answers a word over 200 letters in the schema the device parses with, the matched word cut to 200', async () => {
		const word = `zq${'x'.repeat(248)}`;
		const long = await fileAs('ann', { title: 'Pasted link', description: `Pasted ${word}` });
		const answer = await search('coord', word.slice(0, 200));
		expect(answer.status).toBe(200);
		const reply = SearchReply.parse(answer.body);
		expect(reply.results.map((r) => [r.number, r.terms])).toEqual([[long.number, [word.slice(0, 200)]]]);
	});

	it('answers a search of 200 characters of one repeated or common word like a short one', async () => {
		for (const q of ['laminator '.repeat(20), 'the '.repeat(50), 'de la '.repeat(33)]) {
			const answer = await search('coord', q.slice(0, 200));
			expect(answer.status, q).toBe(200);
		}
		expect(await numbers('coord', 'laminator laminator the of')).toEqual([filed.ann?.number, filed.bob?.number, filed.cat?.number].sort());
	});

	it('refuses a person’s 61st search within a minute with how long to wait, and not another person’s', async () => {
		for (let i = 0; i < 60; i++) expect((await search('bob', `laminator ${i}`)).status).toBe(200);
		const refused = await fetch(`${server.url}/api/tickets/search?q=laminator`, { headers: { authorization: `Basic ${Buffer.from(`bob:${PASSWORD}`).toString('base64')}` } });
		expect(refused.status).toBe(429);
		expect(((await refused.json()) as { reason: string }).reason).toMatch(/^Too many searches in a short time\. Wait \d+ seconds?, then search again\.$/);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await search('cat', 'laminator')).status).toBe(200);
	});

	it('finds a ticket filed after the first search, from the changes feed', async () => {
		expect(await numbers('coord', 'shredder')).toEqual([]);
		const shredder = await fileAs('ann', { title: 'Shredder stopped' });
		await expect.poll(() => numbers('coord', 'shredder')).toEqual([shredder.number]);
	});

	it('finds and opens a ticket closed longer ago than devices keep, which no device receives', async () => {
		const closedAt = Date.now() - 3 * 60_000;
		const created = newTicket(
			{ number: 'QRS-232', requester: 'ann', requesterName: 'Ann Teacher', createdBy: 'tech-n', source: 'phone', title: 'Overhead speaker hums', description: 'Hum in room 12.', building: 'north', assignee: 'tech-n' },
			new Date(closedAt - 2 * DAY).toISOString(),
			'QRS-232-c'
		);
		const old = appendEntries(created, [
			{ id: 'QRS-232-r', at: new Date(closedAt - DAY).toISOString(), by: 'tech-n', kind: 'status', from: 'assigned', to: 'resolved' },
			{ id: 'QRS-232-n', at: new Date(closedAt - DAY).toISOString(), by: 'tech-n', kind: 'note', text: 'Grounding loop fixed with an isolator.' },
			{ id: 'QRS-232-x', at: new Date(closedAt).toISOString(), by: 'tech-n', kind: 'status', from: 'resolved', to: 'closed' }
		]);
		const tech = device(server, 'tech-n');
		await tech.local.put(old);
		expect((await tech.push()).doc_write_failures).toBe(0);
		server.env.CLOCK_OFFSET_MS = String(90 * DAY);
		await server.stop();
		await server.restart();
		try {
			const fresh = device(server, 'ann');
			await fresh.pull();
			expect(await fresh.ids()).not.toContain(old._id);
			expect(await numbers('ann', 'isolator')).toEqual(['QRS-232']);
			expect(await numbers('tech-s', 'isolator')).toEqual([]);
			const opened = await api(server, '/api/tickets/QRS-232', { as: 'ann' });
			expect(opened.body.ticket).toMatchObject({ number: 'QRS-232', status: 'closed' });
			expect((await api(server, '/api/tickets/QRS-232', { as: 'bob' })).status).toBe(404);
		} finally {
			server.env.CLOCK_OFFSET_MS = '0';
			await server.stop();
			await server.restart();
		}
	});
});

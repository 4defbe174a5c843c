import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

let server: RunningServer;
beforeAll(async () => {
	server = await startServer();
	await provision(server);
});
afterAll(async () => server?.dispose());

const post = (path: string, body: unknown, as = 'ann') => api(server, `/db/helpdesk/${path}`, { as, method: 'POST', body: JSON.stringify(body) });

/** Resolves once the shared changes feed has seen every write the store has (it follows the store a little behind). */
async function feedCaughtUp(): Promise<void> {
	for (;;) {
		const store = (await api(server, '/db/helpdesk', { as: 'ann' })).body.update_seq;
		const feed = (await api(server, '/db/helpdesk/_changes?since=now', { as: 'ann' })).body.last_seq;
		if (String(store) === String(feed)) return;
	}
}

/** Calls `request` while asking /api/health over and over; returns its answer and the slowest health answer in ms. */
async function whileHealthAnswers<T>(request: () => Promise<T>) {
	let done = false;
	let slowest = 0;
	let answered = 0;
	const health = (async () => {
		while (!done) {
			const started = performance.now();
			const r = await fetch(`${server.url}/api/health`);
			expect(r.status).toBe(200);
			await r.arrayBuffer();
			slowest = Math.max(slowest, performance.now() - started);
			answered++;
		}
	})();
	const answer = await request().finally(() => (done = true));
	await health;
	return { answer, slowest, answered };
}

describe('requests too large for one answer', () => {
	it('refuses 600,000 keys to _all_docs at once, with a reason naming the cap, while /api/health keeps answering', async () => {
		const keys = Array.from({ length: 600_000 }, (_, i) => `ticket:KMN-${i}`);
		const started = performance.now();
		const { answer } = await whileHealthAnswers(() => post('_all_docs', { keys }));
		expect(answer.status).toBe(413);
		expect(answer.body).toMatchObject({ error: 'too_large' });
		expect(answer.body.reason).toMatch(/at most 1,000 keys.*600,000/);
		// Refused on its size alone (about 1 s here for 10 MB of JSON), not after minutes of work: the process stays free for others.
		expect(performance.now() - started).toBeLessThan(15_000);
	});

	it.each([
		['_revs_diff with 200,000 ids', '_revs_diff', () => Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`ticket:KMN-${i}`, ['1-abc']])), /1,000 document ids/],
		['_revs_diff with 20,000 revisions of one id', '_revs_diff', () => ({ 'ticket:KMN-1': Array.from({ length: 20_000 }, (_, i) => `1-${i}`) }), /10,000 revisions/],
		['_bulk_docs with 2,000,000 nulls', '_bulk_docs', () => ({ docs: Array.from({ length: 2_000_000 }, () => null) }), /1,000 documents/],
		['_bulk_get with 1,001 documents', '_bulk_get', () => ({ docs: Array.from({ length: 1001 }, (_, i) => ({ id: `ticket:KMN-${i}` })) }), /1,000 documents/],
		['_changes with 1,001 doc_ids', '_changes?filter=_doc_ids', () => ({ doc_ids: Array.from({ length: 1001 }, (_, i) => `ticket:KMN-${i}`) }), /1,000 document ids/]
	])('refuses %s with a reason naming the cap', async (_name, path, body, reason) => {
		const answer = await post(path, body());
		expect(answer.status).toBe(413);
		expect(answer.body.reason).toMatch(reason);
		expect(String(answer.body.reason)).toMatch(/smaller batches/);
	});

	it('answers requests at the cap while /api/health keeps answering', async () => {
		const ids = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? `user:${['ann', 'bob', 'tech-n'][i % 3]}` : `ticket:KMN-${i}`));
		const { answer, answered } = await whileHealthAnswers(() =>
			Promise.all([
				post('_all_docs?include_docs=true', { keys: ids }),
				post('_bulk_get?revs=true&latest=true', { docs: ids.map((id) => ({ id })) }),
				post('_revs_diff', Object.fromEntries(ids.map((id) => [id, ['1-abc', '2-def']]))),
				post('_bulk_docs', { docs: Array.from({ length: 1000 }, () => null) }),
				post('_changes?filter=_doc_ids', { doc_ids: ids })
			])
		);
		expect(answer.map((a) => a.status)).toEqual([200, 200, 200, 201, 200]);
		expect((answer[0].body.rows as unknown[]).length).toBe(1000);
		expect((answer[1].body.results as unknown[]).length).toBe(1000);
		expect(answered).toBeGreaterThan(0);
	});
});

describe('revisions a document does not have', () => {
	it('answers a _bulk_get or open_revs naming a revision the document lacks as missing, and stays up', async () => {
		const fake = '9-0123456789abcdef0123456789abcdef';
		const bulk = await post('_bulk_get?revs=true&latest=true', { docs: [{ id: 'user:ann', rev: fake }, { id: 'user:ann' }] });
		expect(bulk.status).toBe(200);
		const [named, current] = bulk.body.results as { docs: { ok?: { _id: string }; error?: unknown }[] }[];
		expect(named.docs).toEqual([{ error: { id: 'user:ann', rev: fake, error: 'not_found', reason: 'missing' } }]);
		expect(current.docs[0].ok?._id).toBe('user:ann');
		const open = await api(server, `/db/helpdesk/user:ann?open_revs=${encodeURIComponent(JSON.stringify([fake]))}&latest=true`, { as: 'ann' });
		expect(open.status).toBe(200);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
	});
});

describe('the changes feed, bounded', () => {
	it('answers at most 1,000 changes when no limit is given, with a last_seq to read the rest from', async () => {
		const categories = Array.from({ length: 1100 }, (_, i) => ({ _id: `category:c${i}`, type: 'category', code: `c${i}`, name: `Category ${i}`, description: '', active: true }));
		for (let i = 0; i < categories.length; i += 550) expect((await post('_bulk_docs', { docs: categories.slice(i, i + 550) }, 'admin')).status).toBe(201);
		await feedCaughtUp();
		const first = await api(server, '/db/helpdesk/_changes', { as: 'ann' });
		const results = first.body.results as { id: string }[];
		expect(results).toHaveLength(1000);
		const rest = await api(server, `/db/helpdesk/_changes?since=${first.body.last_seq}`, { as: 'ann' });
		const seen = new Set([...results, ...(rest.body.results as { id: string }[])].map((r) => r.id));
		expect(categories.every((c) => seen.has(c._id))).toBe(true);
	});

	it('refuses a limit above 1,000 with a reason', async () => {
		const answer = await api(server, '/db/helpdesk/_changes?limit=5000', { as: 'ann' });
		expect(answer.status).toBe(400);
		expect(answer.body.reason).toMatch(/at most 1000.*last_seq/);
	});

	it.each(['continuous', 'eventsource'])('refuses feed=%s with a reason, rather than answering as longpoll', async (feed) => {
		const answer = await api(server, `/db/helpdesk/_changes?feed=${feed}&since=now&timeout=100`, { as: 'ann' });
		expect(answer.status).toBe(400);
		expect(answer.body.reason).toMatch(/feed=longpoll/);
	});

	it('beats no more than once a second, whatever heartbeat is asked for', async () => {
		await feedCaughtUp();
		const response = await fetch(`${server.url}/db/helpdesk/_changes?feed=longpoll&since=now&heartbeat=1&timeout=1500`, {
			headers: { authorization: `Basic ${Buffer.from('ann:test-password-1').toString('base64')}` }
		});
		const text = await response.text();
		const beats = text.length - text.trimStart().length;
		expect(JSON.parse(text)).toMatchObject({ results: [] });
		expect(beats).toBeLessThanOrEqual(2);
	});

	it('refuses a selector nested 5,000 deep, or with too many conditions, with a reason instead of a 500', async () => {
		const deep = `{"selector":${'{"$and":['.repeat(5000)}{"type":"ticket"}${']}'.repeat(5000)}}`;
		const nested = await api(server, '/db/helpdesk/_changes?filter=_selector', { as: 'ann', method: 'POST', body: deep });
		expect(nested.status).toBe(400);
		expect(nested.body.reason).toMatch(/nest at most 20 levels/);
		const wide = await post('_changes?filter=_selector', { selector: { $or: Array.from({ length: 5000 }, (_, i) => ({ code: `c${i}` })) } });
		expect(wide.status).toBe(400);
		expect(wide.body.reason).toMatch(/at most 1000 conditions/);
		const unknown = await post('_changes?filter=_selector&feed=longpoll&since=now&timeout=100', { selector: { title: { $regex: 'x' } } });
		expect(unknown.status).toBe(400);
		expect(unknown.body.reason).toMatch(/\$regex is not supported/);
	});

	it('ends a longpoll whose client left without logging an error', async () => {
		await feedCaughtUp();
		const before = server.output().length;
		for (let i = 0; i < 3; i++) {
			const leave = new AbortController();
			const response = await fetch(`${server.url}/db/helpdesk/_changes?feed=longpoll&since=now&heartbeat=1000&timeout=60000`, {
				headers: { authorization: `Basic ${Buffer.from('ann:test-password-1').toString('base64')}` },
				signal: leave.signal
			});
			const reader = (response.body as ReadableStream<Uint8Array>).getReader();
			expect(new TextDecoder().decode((await reader.read()).value)).toBe('\n');
			leave.abort();
			await reader.closed.catch(() => undefined);
		}
		// A change wakes every waiting longpoll: one whose client left must end quietly.
		expect((await post('_bulk_docs', { docs: [{ _id: 'category:woken', type: 'category', code: 'woken', name: 'Woken', description: '', active: true }] }, 'admin')).status).toBe(201);
		for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
		expect(server.output().slice(before)).not.toMatch(/Controller is already closed|longpoll failed|ERR_INVALID_STATE|\n\s+at /);
	});
});

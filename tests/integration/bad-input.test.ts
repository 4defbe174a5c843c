import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { api, device, makeTicket, PASSWORD, PEOPLE, provision } from '../support/district';
import { ADMIN_PASSWORD, type RunningServer, startServer } from '../support/server';

// The body limit is 1 MB here, so the oversized-body tests send little.
const LIMIT_MB = 1;

let server: RunningServer;

beforeAll(async () => {
	server = await startServer({ MAX_BODY_MB: String(LIMIT_MB) });
	await provision(server);
});
afterAll(async () => {
	await server?.dispose();
});
// Whatever a test sent, the server is still there to answer the next one.
afterEach(async () => {
	const health = await fetch(`${server.url}/api/health`);
	expect(health.status).toBe(200);
	expect(await health.json()).toMatchObject({ ok: true });
});

interface Answer {
	status: number;
	text: string;
	json: unknown;
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/** One raw HTTP call: the body is sent exactly as given, as a person unless `as` is null. */
async function send(
	path: string,
	{ method = 'GET', body, as = 'admin', headers = {} }: { method?: string; body?: BodyInit; as?: string | null; headers?: Record<string, string> } = {}
): Promise<Answer> {
	const auth: Record<string, string> = as ? { authorization: basic(as, as === 'admin' ? ADMIN_PASSWORD : PASSWORD) } : {};
	const response = await fetch(`${server.url}${path}`, {
		method,
		body,
		headers: { 'content-type': 'application/json', ...auth, ...headers },
		...(body instanceof ReadableStream ? { duplex: 'half' } : {})
	} as RequestInit);
	const text = await response.text();
	let json: unknown = undefined;
	try {
		json = JSON.parse(text);
	} catch {
		// left undefined: the assertions below say so
	}
	return { status: response.status, text, json };
}

const json = (path: string, value: unknown, init: { method?: string; as?: string } = {}) =>
	send(path, { method: init.method ?? 'POST', as: init.as ?? 'admin', body: JSON.stringify(value) });

// Signs of a leaked stack trace or server path.
const STACK_TRACE = /\n\s+at |\bat [\w$.<>]+ \(|\bat (?:file:|\/)|node_modules|\/work\/|\.(?:ts|js|mjs):\d+/;

/** A refusal a person can read: JSON with an error name and a human reason, no stack trace. */
function expectCleanError(answer: Answer, status: number, error?: string) {
	expect(answer.status, answer.text).toBe(status);
	expect(answer.json, `not JSON: ${answer.text.slice(0, 200)}`).toBeTypeOf('object');
	const body = answer.json as { error?: unknown; reason?: unknown };
	expect(body.error).toBeTypeOf('string');
	if (error) expect(body.error).toBe(error);
	expect(body.reason).toBeTypeOf('string');
	expect((body.reason as string).trim().length).toBeGreaterThan(5);
	expect(answer.text).not.toMatch(STACK_TRACE);
	return body as { error: string; reason: string };
}

/** Every per-document answer of a _bulk_docs call is a refusal with a reason. */
function expectAllRefused(answer: Answer, count: number, error = 'forbidden') {
	expect(answer.status, answer.text).toBe(201);
	const rows = answer.json as { ok?: boolean; error?: string; reason?: string }[];
	expect(Array.isArray(rows)).toBe(true);
	expect(rows).toHaveLength(count);
	for (const row of rows) {
		expect(row.ok, JSON.stringify(row)).toBeUndefined();
		expect(row.error, JSON.stringify(row)).toBe(error);
		expect(row.reason?.trim().length ?? 0, JSON.stringify(row)).toBeGreaterThan(5);
	}
	expect(answer.text).not.toMatch(STACK_TRACE);
	return rows as { error: string; reason: string; id: string }[];
}

/** The ids of every live document: the administrator sees each one that is valid, and the store holds no other. */
async function storedIds(): Promise<string[]> {
	const all = await send('/db/helpdesk/_all_docs', { as: 'admin' });
	expect(all.status).toBe(200);
	const ids = (all.json as { rows: { id: string }[] }).rows.map((r) => r.id);
	// Notifications are read by their recipient alone (the administrator too sees only their own): counted apart.
	let personal = 0;
	for (const { username } of PEOPLE) {
		const theirs = await send(`/db/helpdesk/_all_docs?startkey="notification:${username}:"&endkey="notification:${username}:\uffff"`, { as: username });
		personal += (theirs.json as { rows: unknown[] }).rows.length;
	}
	const health = (await (await fetch(`${server.url}/api/health`)).json()) as { docs: number };
	expect(health.docs, 'documents in the store that the administrator cannot see (invalid ones)').toBe(ids.length + personal);
	return ids;
}

describe('malformed JSON bodies', () => {
	const endpoints: [string, string, string][] = [
		['POST', '/db/helpdesk/_bulk_docs', 'admin'],
		['POST', '/db/helpdesk/_bulk_get', 'admin'],
		['POST', '/db/helpdesk/_changes', 'admin'],
		['POST', '/db/helpdesk/_revs_diff', 'admin'],
		['POST', '/db/helpdesk/_all_docs', 'admin'],
		['PUT', '/db/helpdesk/_local/checkpoint', 'ann'],
		['PUT', '/db/helpdesk/ticket:KMN-Z22', 'ann'],
		['POST', '/api/login', 'admin'],
		['PUT', '/api/admin/users/x', 'admin']
	];
	const bodies = ['{', '{"docs": [', 'not json', '{"a":1}}', "{'docs': []}", '{"docs": [NaN]}', '\u0000', '[1,2', '{"a":"\\u12"}'];

	it.each(endpoints)('answers %s %s with 400 and a reason for every malformed body', async (method, path, as) => {
		for (const body of bodies) {
			const answer = await send(path, { method, body, as });
			const error = expectCleanError(answer, 400, 'bad_request');
			expect(error.reason).toMatch(/JSON/);
		}
	});

	it('answers an empty body to the sync endpoints with 400 and a reason', async () => {
		for (const path of ['_bulk_docs', '_bulk_get', '_revs_diff']) {
			expectCleanError(await send(`/db/helpdesk/${path}`, { method: 'POST', body: '' }), 400, 'bad_request');
		}
	});

	it('parses nothing from a body sent as another content type', async () => {
		const answer = await send('/api/login', { method: 'POST', body: 'username=admin&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect([400, 401]).toContain(answer.status);
		expectCleanError(answer, answer.status);
	});
});

describe('wrong types', () => {
	it('refuses a _bulk_docs body whose docs are not an array', async () => {
		for (const body of [{}, { docs: {} }, { docs: 'ticket' }, { docs: null }, { docs: 5 }, { new_edits: false }]) {
			const error = expectCleanError(await json('/db/helpdesk/_bulk_docs', body), 400, 'bad_request');
			expect(error.reason).toMatch(/docs/);
		}
		for (const body of [[], [{ _id: 'x' }], 'docs', 5, null, true]) {
			expectCleanError(await json('/db/helpdesk/_bulk_docs', body), 400, 'bad_request');
		}
	});

	it('refuses each document that is null, not an object or has no string id, with a reason', async () => {
		const docs = [null, 1, 'ticket', [], [{ _id: 'x' }], true, {}, { _id: 5 }, { _id: null }, { _id: ['ticket:KMN-Z23'] }, { _id: { $gt: '' } }];
		for (const as of ['ann', 'coord', 'admin']) {
			const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs }, { as }), docs.length);
			for (const row of rows) expect(row.reason).toMatch(/_id/);
			expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs, new_edits: false }, { as }), docs.length);
		}
	});

	it('refuses fields of the wrong type in an otherwise valid ticket, naming the field', async () => {
		const base = makeTicket('ann');
		const wrong: [string, unknown][] = [
			['title', 42],
			['description', null],
			['status', ['new']],
			['priority', '1'],
			['history', {}],
			['building', { code: 'north' }],
			['number', 7],
			['createdAt', 'yesterday']
		];
		for (const [field, value] of wrong) {
			const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: [{ ...base, [field]: value }] }, { as: 'ann' }), 1);
			expect(rows[0].reason).toContain(field);
		}
		expect(await storedIds()).not.toContain(base._id);
	});

	it('answers a new document without a string id, posted on its own, with 400', async () => {
		for (const body of [{ _id: 5, type: 'kb' }, { type: 'kb' }, { _id: null }]) {
			expectCleanError(await json('/db/helpdesk/', body, { as: 'coord' }), 400, 'bad_request');
		}
	});

	it('refuses _bulk_get bodies without a docs array and skips entries that are not requests', async () => {
		for (const body of [{}, { docs: 'x' }, { docs: null }, { docs: { id: 'user:ann' } }]) {
			expectCleanError(await json('/db/helpdesk/_bulk_get', body, { as: 'ann' }), 400, 'bad_request');
		}
		const empty = await json('/db/helpdesk/_bulk_get', { docs: [] }, { as: 'ann' });
		expect(empty.status).toBe(200);
		expect(empty.json).toEqual({ results: [] });
		const junk = await json('/db/helpdesk/_bulk_get', { docs: [null, 5, 'user:ann', { id: 5 }, { id: 'user:ann', rev: 5 }, { id: ['user:ann'] }] }, { as: 'ann' });
		expect(junk.status).toBe(200);
		expect(junk.json).toEqual({ results: [] });
		const mixed = await json('/db/helpdesk/_bulk_get', { docs: [null, { id: 'user:ann' }, { id: 'user:ann', rev: 'garbage' }] }, { as: 'ann' });
		expect(mixed.status).toBe(200);
		expect((mixed.json as { results: unknown[] }).results).toHaveLength(2);
	});

	it('refuses _revs_diff bodies whose values are not lists of revisions', async () => {
		for (const body of [{ 'user:ann': '1-abc' }, { 'user:ann': 5 }, { 'user:ann': [5] }, { 'user:ann': null }, { 'user:ann': {} }, { 'user:ann': [['1-a']] }]) {
			const error = expectCleanError(await json('/db/helpdesk/_revs_diff', body, { as: 'ann' }), 400, 'bad_request');
			expect(error.reason).toMatch(/revisions/);
		}
		expectCleanError(await json('/db/helpdesk/_revs_diff', ['user:ann'], { as: 'ann' }), 400, 'bad_request');
		const fine = await json('/db/helpdesk/_revs_diff', { 'user:ann': ['1-abc'] }, { as: 'ann' });
		expect(fine.status).toBe(200);
		expect(fine.json).toEqual({ 'user:ann': { missing: ['1-abc'] } });
	});

	it('refuses _changes bodies whose doc_ids or selector have the wrong type', async () => {
		const cases: [string, unknown][] = [
			['_doc_ids', { doc_ids: 'user:ann' }],
			['_doc_ids', { doc_ids: { 0: 'user:ann' } }],
			['_selector', { selector: 5 }],
			['_selector', { selector: null }],
			['_selector', { selector: { $and: 5 } }],
			['_selector', { selector: { $or: 'type' } }],
			['_selector', { selector: { $and: [5] } }],
			['_selector', { selector: { type: { $regex: '.*' } } }]
		];
		for (const [filter, body] of cases) {
			expectCleanError(await json(`/db/helpdesk/_changes?filter=${filter}`, body, { as: 'ann' }), 400, 'bad_request');
		}
		expectCleanError(await json('/db/helpdesk/_changes', ['user:ann'], { as: 'ann' }), 400, 'bad_request');
	});

	it('refuses sign-in bodies with fields of the wrong type', async () => {
		for (const body of [{ username: 5, password: [] }, { username: 'ann' }, { password: PASSWORD }, [], null, 'ann', { username: 'ann', password: 'x'.repeat(600) }]) {
			expectCleanError(await json('/api/login', body, { as: 'nobody' }), 400, 'bad_request');
		}
	});

	it('refuses account bodies with fields of the wrong type, naming them', async () => {
		const valid = { username: 'x', name: 'X', role: 'requester', kind: 'staff', buildings: ['north'], active: true };
		const cases: Record<string, unknown>[] = [
			{ ...valid, role: 'king' },
			{ ...valid, buildings: 'north' },
			{ ...valid, buildings: [5] },
			{ ...valid, active: 'yes' },
			{ ...valid, username: 5 },
			{ ...valid, password: 12345678 },
			{ ...valid, extra: true }
		];
		for (const body of cases) {
			const error = expectCleanError(await json('/api/admin/users/x', body, { method: 'PUT' }), 400, 'bad_request');
			expect(error.reason).toMatch(/Some fields are wrong|differ/);
		}
		expectCleanError(await json('/api/admin/users/x', [], { method: 'PUT' }), 400, 'bad_request');
		expectCleanError(await json('/api/admin/users/x', { ...valid, username: 'y' }, { method: 'PUT' }), 400, 'bad_request');
		const missing = await send('/api/admin/users/x');
		expectCleanError(missing, 404, 'not_found');
	});
});

describe('unknown document types', () => {
	const strangers = [
		{ _id: 'thing:1', type: 'thing', name: 'a thing' },
		{ _id: 'nothing:1', type: null },
		{ _id: 'typeless:1', title: 'no type at all' },
		{ _id: 'kb:upper', type: 'KB', kind: 'faq', title: 'x', body: 'y' },
		{ _id: 'array:1', type: ['ticket'] },
		{ _id: 'proto:1', type: '__proto__' },
		{ _id: 'ctor:1', type: 'constructor' },
		{ _id: 'tostring:1', type: 'toString' },
		{ _id: 'session:abc', type: 'session', username: 'admin' },
		{ _id: 'account:ann', type: 'account', hash: 'x' }
	];

	it.each(['ann', 'coord', 'admin'])('refuses documents of unknown types from %s, with a reason, and stores none', async (as) => {
		const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: strangers }, { as }), strangers.length);
		for (const row of rows) expect(row.reason).toMatch(/not valid/);
		const replicated = strangers.map((d, i) => ({ ...d, _rev: `1-${(i + 10).toString(16)}abc` }));
		expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: replicated, new_edits: false }, { as }), strangers.length);
		for (const doc of strangers) {
			expectCleanError(await json(`/db/helpdesk/${encodeURIComponent(doc._id)}`, doc, { method: 'PUT', as }), 403, 'forbidden');
		}
		const ids = await storedIds();
		for (const doc of strangers) expect(ids).not.toContain(doc._id);
		for (const doc of strangers) expectCleanError(await send(`/db/helpdesk/${encodeURIComponent(doc._id)}`), 404, 'not_found');
	});
});

/**
 * Sends the headers of a request whose Content-Length is over the limit and waits for the answer before sending any of
 * the body: the server must refuse on the length alone. (Sending the body too raced with the server closing the
 * connection after its answer: the client's write failed with EPIPE before it had read the 413.)
 */
function sendOversized(path: string, method: string, length: number, as: string): Promise<Answer> {
	return new Promise((done, fail) => {
		const request = httpRequest(`${server.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'content-length': String(length), authorization: basic(as, as === 'admin' ? ADMIN_PASSWORD : PASSWORD) }
		});
		request.on('error', fail);
		request.on('response', (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (text += chunk));
			response.on('end', () => {
				request.destroy();
				let json: unknown = undefined;
				try {
					json = JSON.parse(text);
				} catch {
					// left undefined: the assertions say so
				}
				done({ status: response.statusCode ?? 0, text, json });
			});
		});
		request.flushHeaders();
	});
}

describe('oversized bodies', () => {
	const big = (bytes: number) => JSON.stringify({ docs: [{ _id: 'kb:big', type: 'kb', body: 'x'.repeat(bytes) }] });

	it.each([
		['POST', '/db/helpdesk/_bulk_docs'],
		['POST', '/db/helpdesk/_bulk_get'],
		['POST', '/db/helpdesk/_changes'],
		['POST', '/db/helpdesk/_revs_diff'],
		['PUT', '/db/helpdesk/_local/checkpoint'],
		['PUT', '/db/helpdesk/kb:big'],
		['POST', '/api/login'],
		['PUT', '/api/admin/users/x']
	])('answers %s %s over the limit with 413 JSON naming the limit', async (method, path) => {
		const answer = await sendOversized(path, method, LIMIT_MB * 1024 * 1024 + 10_000, 'coord');
		const error = expectCleanError(answer, 413, 'too_large');
		expect(error.reason).toContain(`${LIMIT_MB} MB`);
	});

	it('answers a chunked body over the limit, sent without a length, with 413 JSON', async () => {
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent === 0) controller.enqueue(new TextEncoder().encode('{"docs":[{"_id":"kb:big","body":"'));
				if (sent > LIMIT_MB * 1024 * 1024 * 2) {
					controller.enqueue(new TextEncoder().encode('"}]}'));
					controller.close();
					return;
				}
				sent += chunk.length;
				controller.enqueue(chunk);
			}
		});
		const answer = await send('/db/helpdesk/_bulk_docs', { method: 'POST', body: stream, as: 'coord' });
		expectCleanError(answer, 413, 'too_large');
	});

	it('still accepts a body just under the limit and judges its document', async () => {
		const answer = await send('/db/helpdesk/_bulk_docs', { method: 'POST', body: big(LIMIT_MB * 1024 * 1024 - 100_000), as: 'coord' });
		const [row] = expectAllRefused(answer, 1);
		expect(row.reason).toMatch(/not valid/);
	});
});

describe('hostile document ids', () => {
	const hostile = [
		'_design/x',
		'_design%2Fx',
		'_local/x',
		'_local/../../x',
		'_users',
		'_all_docs',
		'_changes',
		'../../etc/passwd',
		'ticket:../../etc/passwd',
		'..%2F..%2Fetc%2Fpasswd',
		'ticket%3AKMN-Z24',
		'ticket:KMN%2FZ25',
		'x'.repeat(10_000),
		`ticket:${'A'.repeat(300)}`,
		'ticket:ÄÖÜ-ßÉÈ',
		'ticket:😀😀😀-😀😀😀',
		'ticket:\u202eKMN-Z26',
		'ticket:KMN\u0000-Z27',
		'\u0000',
		'',
		' ',
		'ticket:KMN-Z28 ',
		'ticket:kmn-z29',
		'TICKET:KMN-Z2A'
	];

	it.each(['ann', 'coord', 'admin'])('refuses every hostile id pushed by %s, with a reason, and stores none', async (as) => {
		const docs = hostile.map((_id) => ({ ...makeTicket(as), _id }));
		const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs }, { as }), docs.length);
		for (const [i, row] of rows.entries()) expect(row.id, `answer ${i} names its document`).toBe(hostile[i]);
		const replicated = docs.map((d, i) => ({ ...d, _rev: `1-${(i + 1).toString(16).padStart(32, 'a')}` }));
		expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: replicated, new_edits: false }, { as }), docs.length);
		const ids = await storedIds();
		for (const id of hostile) expect(ids).not.toContain(id);
	});

	it('refuses the other document types under ids that do not match their key', async () => {
		const docs = [
			{ _id: 'kb:../x', type: 'kb', kind: 'faq', title: 'x', body: 'y', updatedAt: new Date().toISOString(), author: 'coord' },
			{ _id: 'kb:X', type: 'kb', kind: 'faq', title: 'x', body: 'y', updatedAt: new Date().toISOString(), author: 'coord' },
			{ _id: 'building:east/..', type: 'building', code: 'east', name: 'East', kind: 'school', technician: null },
			{ _id: 'building:west', type: 'building', code: 'east', name: 'East', kind: 'school', technician: null },
			{ _id: 'user:eve', type: 'user', username: 'mallory', name: 'Mallory', role: 'admin', buildings: [] }
		];
		expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs }, { as: 'admin' }), docs.length);
		const ids = await storedIds();
		for (const doc of docs) expect(ids).not.toContain(doc._id);
	});

	it('answers hostile ids in the URL with JSON errors, never a stored document', async () => {
		// _all_docs and _changes are endpoints, not ids; '' is the database itself.
		for (const id of hostile.filter((i) => !['', '_all_docs', '_changes'].includes(i))) {
			const path = `/db/helpdesk/${encodeURIComponent(id)}`;
			const get = await send(path, { as: 'coord' });
			expectCleanError(get, get.status);
			expect([400, 404]).toContain(get.status);
			if (id.startsWith('_local/')) continue; // a checkpoint of the caller's own; covered below
			const put = await json(path, { ...makeTicket('coord'), _id: id }, { method: 'PUT', as: 'coord' });
			expectCleanError(put, put.status);
			expect([400, 403, 404]).toContain(put.status);
			const del = await send(`${path}?rev=1-abc`, { method: 'DELETE', as: 'coord' });
			expect(del.status).toBeLessThan(500);
			expect(del.text).not.toMatch(STACK_TRACE);
		}
		for (const path of ['/db/helpdesk/_design/x', '/db/helpdesk/_design/x/_view/all', '/db/helpdesk/%00', '/db/helpdesk/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/db/_users/x', '/db/helpdesk/_local']) {
			const answer = await send(path, { as: 'coord' });
			expectCleanError(answer, 404, 'not_found');
			const put = await send(path, { method: 'PUT', body: '{}', as: 'coord' });
			expect(put.status, path).toBeGreaterThanOrEqual(400);
			expect(put.status, path).toBeLessThan(500);
			expectCleanError(put, put.status);
		}
		const ids = await storedIds();
		expect(ids.filter((id) => !/^(ticket|user|building|category|kb|phone-line):/.test(id))).toEqual([]);
	});

	it('keeps _local checkpoints per person, whatever the id, and refuses _local ids in _bulk_docs', async () => {
		for (const id of ['cp', '..%2F..%2Fbob', 'a%00b', '_design%2Fx', '%F0%9F%98%80']) {
			const put = await json(`/db/helpdesk/_local/${id}`, { last_seq: 3, owner: 'ann' }, { method: 'PUT', as: 'ann' });
			expect(put.status).toBe(201);
			const mine = await send(`/db/helpdesk/_local/${id}`, { as: 'ann' });
			expect(mine.status).toBe(200);
			expect(mine.json).toMatchObject({ owner: 'ann' });
			expectCleanError(await send(`/db/helpdesk/_local/${id}`, { as: 'bob' }), 404, 'not_found');
		}
		expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: [{ _id: '_local/cp', last_seq: 99 }] }, { as: 'bob' }), 1);
		expect((await send('/db/helpdesk/_local/cp', { as: 'ann' })).json).toMatchObject({ last_seq: 3 });
	});
});

describe('bad query parameters', () => {
	it.each([
		'limit=-1',
		'limit=0',
		'limit=abc',
		'since=garbage',
		'since=-1',
		'since=1e5',
		'since=%5B%5D',
		'since=%7B%7D',
		'filter=unknown',
		'filter=_view',
		'filter=_design%2Fx',
		'filter=_doc_ids',
		'filter=_doc_ids&doc_ids=notjson',
		'filter=_doc_ids&doc_ids=5',
		'filter=_selector'
	])('answers _changes?%s with 400 and a reason', async (query) => {
		expectCleanError(await send(`/db/helpdesk/_changes?${query}`, { as: 'ann' }), 400, 'bad_request');
	});

	it.each([
		'startkey=notjson',
		'endkey=%7B',
		'start_key=ticket:',
		'keys=notjson',
		'keys=5',
		'keys=%7B%22a%22%3A1%7D',
		'limit=-1',
		'limit=abc',
		'skip=-5',
		'skip=1.5'
	])('answers _all_docs?%s with 400 and a reason', async (query) => {
		expectCleanError(await send(`/db/helpdesk/_all_docs?${query}`, { as: 'ann' }), 400, 'bad_request');
	});

	it.each(['open_revs=notjson', 'open_revs=5', 'open_revs=%5B5%5D', 'open_revs=%7B%22a%22%3A1%7D', 'open_revs=null'])(
		'answers a document GET with %s with 400 and a reason',
		async (query) => {
			expectCleanError(await send(`/db/helpdesk/user:ann?${query}`, { as: 'ann' }), 400, 'bad_request');
		}
	);

	it('answers harmless odd parameters without an error', async () => {
		for (const path of [
			'/db/helpdesk/user:ann?open_revs=%5B%5D',
			'/db/helpdesk/user:ann?rev=garbage',
			'/db/helpdesk/user:ann?revs=maybe&conflicts=7',
			'/db/helpdesk/_changes?feed=longpoll&timeout=-1',
			'/db/helpdesk/_changes?feed=longpoll&timeout=50&heartbeat=abc&since=now',
			'/db/helpdesk/_changes?include_docs=maybe&style=weird',
			'/db/helpdesk/_all_docs?descending=maybe&include_docs=1',
			'/db/helpdesk/_all_docs?startkey=5&endkey=%7B%22a%22%3A1%7D',
			'/db/helpdesk/_all_docs?keys=%5B1%2Cnull%5D'
		]) {
			const answer = await send(path, { as: 'ann' });
			expect(answer.status, path).toBeLessThan(500);
			expect(answer.json, path).toBeTypeOf('object');
			expect(answer.text).not.toMatch(STACK_TRACE);
		}
	});
});

describe('authentication', () => {
	const guarded: [string, string][] = [
		['GET', '/db/helpdesk/'],
		['GET', '/db/helpdesk/_changes'],
		['POST', '/db/helpdesk/_bulk_docs'],
		['POST', '/db/helpdesk/_bulk_get'],
		['GET', '/db/helpdesk/_all_docs'],
		['GET', '/db/helpdesk/user:ann'],
		['GET', '/api/me'],
		['GET', '/api/admin/users'],
		['PUT', '/api/admin/users/x'],
		['POST', '/api/devices']
	];

	it.each(guarded)('answers %s %s without credentials with 401 and a reason', async (method, path) => {
		const body = method === 'GET' ? undefined : '{"docs":[]}';
		const error = expectCleanError(await send(path, { method, body, as: null }), 401, 'unauthorized');
		expect(error.reason).toMatch(/sign in/i);
	});

	it.each(guarded)('answers %s %s with a wrong password or malformed credentials with 401', async (method, path) => {
		const body = method === 'GET' ? undefined : '{"docs":[]}';
		const headers = [
			basic('ann', 'wrong-password'),
			basic('admin', ''),
			basic('nobody', PASSWORD),
			basic('', PASSWORD),
			`Basic ${Buffer.from('ann').toString('base64')}`,
			'Basic !!!not-base64!!!',
			'Basic ',
			'Bearer abc.def.ghi',
			basic('ann\u0000', PASSWORD),
			basic('x'.repeat(2000), 'y'.repeat(2000))
		];
		for (const authorization of headers) {
			expectCleanError(await send(path, { method, body, as: null, headers: { authorization } }), 401, 'unauthorized');
		}
		expectCleanError(await send(path, { method, body, as: null, headers: { cookie: 'hd_session=forged-token' } }), 401, 'unauthorized');
	});

	it('refuses a sign-in with a wrong password with 401 and a reason', async () => {
		for (const body of [{ username: 'ann', password: 'wrong-password' }, { username: 'nobody', password: PASSWORD }, { username: 'admin', password: `${ADMIN_PASSWORD} ` }]) {
			const error = expectCleanError(await json('/api/login', body, { as: 'nobody' }), 401, 'unauthorized');
			expect(error.reason).toMatch(/password/);
		}
		const ok = await api(server, '/api/login', { method: 'POST', body: JSON.stringify({ username: 'ann', password: PASSWORD }) });
		expect(ok.status).toBe(200);
	});

	it('refuses administration to a requester as forbidden, with a reason', async () => {
		const error = expectCleanError(await send('/api/admin/users', { as: 'ann' }), 403, 'forbidden');
		expect(error.reason).toMatch(/administrators/);
		expectCleanError(await json('/api/admin/users/ann', { username: 'ann', name: 'Ann', role: 'admin', buildings: [] }, { method: 'PUT', as: 'ann' }), 403, 'forbidden');
	});
});

describe('passwords in tickets', () => {
	const leaky = 'my password is Tiger$2024';

	it('refuses a requester’s new ticket that contains a password, on every write path, and stores nothing', async () => {
		const attempts = [
			{ ...makeTicket('ann', { description: `I cannot sign in to the gradebook, ${leaky}` }) },
			{ ...makeTicket('ann', { title: `Email locked, ${leaky}` }) }
		];
		for (const ticket of attempts) {
			const [viaBulk] = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: [ticket] }, { as: 'ann' }), 1);
			expect(viaBulk.reason).toMatch(/password/i);
			expect(viaBulk.reason).not.toContain('Tiger$2024');
			const [replicated] = expectAllRefused(
				await json('/db/helpdesk/_bulk_docs', { docs: [{ ...ticket, _rev: '1-0123456789abcdef0123456789abcdef' }], new_edits: false }, { as: 'ann' }),
				1
			);
			expect(replicated.reason).toMatch(/password/i);
			const viaPut = expectCleanError(await json(`/db/helpdesk/${ticket._id}`, ticket, { method: 'PUT', as: 'ann' }), 403, 'forbidden');
			expect(viaPut.reason).toMatch(/password/i);
			expect(viaPut.reason).not.toContain('Tiger$2024');
			expectCleanError(await send(`/db/helpdesk/${ticket._id}`, { as: 'coord' }), 404, 'not_found');
		}

		const ann = device(server, 'ann');
		const ticket = makeTicket('ann', { description: leaky });
		await ann.local.put(ticket);
		const pushed = await ann.push();
		expect(pushed.doc_write_failures).toBe(1);
		expect(JSON.stringify(pushed.errors)).toMatch(/password/i);
		expect(await storedIds()).not.toContain(ticket._id);
		const feed = await send('/db/helpdesk/_changes?include_docs=true', { as: 'coord' });
		expect(feed.text).not.toContain('Tiger$2024');
	});

	it('refuses a note containing a password on a stored ticket, and keeps the ticket as it was', async () => {
		const ticket = makeTicket('ann');
		const created = await json('/db/helpdesk/_bulk_docs', { docs: [ticket] }, { as: 'ann' });
		expect((created.json as { ok?: boolean }[])[0].ok).toBe(true);
		const stored = (await send(`/db/helpdesk/${ticket._id}`, { as: 'ann' })).json as Ticket;
		const noted = appendEntries(stored, [{ id: `${ticket.number}-leak`, at: new Date().toISOString(), by: 'ann', kind: 'note', text: leaky }]);
		const [row] = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: [noted] }, { as: 'ann' }), 1);
		expect(row.reason).toMatch(/password/i);
		const after = (await send(`/db/helpdesk/${ticket._id}`, { as: 'coord' })).json as Ticket;
		expect(after._rev).toBe(stored._rev);
		expect(JSON.stringify(after)).not.toContain('Tiger$2024');
	});
});

describe('hostile revision and attachment data', () => {
	const rev = (n: number, hash: string) => `${n}-${hash}`;

	it('refuses replicated revisions whose format or history is wrong, and stores none of them', async () => {
		const cases: Record<string, unknown>[] = [
			{ _rev: '99999999999999999999999-abc' },
			{ _rev: '0-abc' },
			{ _rev: '1-ABC' },
			{ _rev: '1-' },
			{ _rev: `1-${'a'.repeat(100)}` },
			{ _rev: 'abc' },
			{ _rev: 5 },
			{ _rev: '1-abc', _revisions: 'abc' },
			{ _rev: '1-abc', _revisions: null },
			{ _rev: '1-abc', _revisions: { start: 1, ids: [] } },
			{ _rev: '1-abc', _revisions: { start: -4, ids: ['abc'] } },
			{ _rev: '2-abc', _revisions: { start: 7, ids: ['abc', 'def'] } },
			{ _rev: '2-abc', _revisions: { start: 2, ids: ['def', 'abc'] } },
			{ _rev: '2-abc', _revisions: { start: 2, ids: ['abc', 'd/../e'] } },
			{ _rev: '1-abc', _revisions: { start: 1, ids: ['abc', 'def', 'ghi'] } },
			{ _rev: '2-abc', _revisions: { start: 2, ids: 'abc' } }
		];
		const docs = cases.map((c) => ({ ...makeTicket('ann'), ...c }));
		const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs, new_edits: false }, { as: 'ann' }), docs.length);
		for (const row of rows) expect(row.reason).toMatch(/revision/);
		const ids = await storedIds();
		for (const doc of docs) expect(ids).not.toContain(doc._id);
		const all = await send('/db/helpdesk/_all_docs?include_docs=true', { as: 'coord' });
		expect(all.status).toBe(200);
	});

	it('refuses attachments without base64 data or with a stub of nothing, and stores none of them', async () => {
		const attachments: unknown[] = [
			{ a: { content_type: 'text/plain' } },
			{ a: { content_type: 'text/plain', data: 123 } },
			{ a: { content_type: 'text/plain', data: { x: [1] } } },
			{ a: { content_type: 'text/plain', data: null } },
			{ a: { content_type: 'text/plain', data: '!!!***' } },
			{ a: { content_type: 'text/plain', data: 'aGVsbG8' } },
			{ a: { content_type: 'text/plain', stub: true } },
			{ a: { content_type: 'text/plain', stub: true, digest: 'md5-XrY7u+Ae7tCTyyK7j1rNww==' } }
		];
		for (const newEdits of [true, false]) {
			const docs = attachments.map((_attachments, i) => ({ ...makeTicket('ann'), _attachments, ...(newEdits ? {} : { _rev: rev(1, `abc${i}`) }) }));
			const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs, new_edits: newEdits }, { as: 'ann' }), docs.length);
			for (const row of rows) expect(row.reason).toMatch(/attachment/);
			const ids = await storedIds();
			for (const doc of docs) expect(ids).not.toContain(doc._id);
		}
		const ticket = makeTicket('ann');
		const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
		const good = { ...ticket, _attachments: { [`${ticket.history[0].id}.1.png`]: { content_type: 'image/png', data: png } } };
		const [row] = (await json('/db/helpdesk/_bulk_docs', { docs: [good] }, { as: 'ann' })).json as { ok?: boolean }[];
		expect(row.ok).toBe(true);
	});

	it('answers a second edit of one document in the same request as a conflict, and leaves no phantom conflict', async () => {
		const ticket = makeTicket('coord');
		const [made] = (await json('/db/helpdesk/_bulk_docs', { docs: [ticket] }, { as: 'coord' })).json as { ok: boolean }[];
		expect(made.ok).toBe(true);
		const stored = (await send(`/db/helpdesk/${ticket._id}`, { as: 'coord' })).json as Ticket;
		const edit = (text: string) => appendEntries(stored, [{ id: `${ticket.number}-${text}`, at: new Date().toISOString(), by: 'coord', kind: 'note', text }]);
		const answer = await json('/db/helpdesk/_bulk_docs', { docs: [edit('one'), edit('two'), edit('three')] }, { as: 'coord' });
		const rows = answer.json as { ok?: boolean; error?: string; reason?: string }[];
		expect(rows[0].ok).toBe(true);
		for (const row of rows.slice(1)) {
			expect(row.error).toBe('conflict');
			expect(row.reason).toMatch(/conflict/i);
		}
		const after = (await send(`/db/helpdesk/${ticket._id}?conflicts=true`, { as: 'coord' })).json as Ticket & { _conflicts?: string[] };
		expect(after._conflicts ?? []).toEqual([]);
		const next = appendEntries(after, [{ id: `${ticket.number}-four`, at: new Date().toISOString(), by: 'coord', kind: 'note', text: 'four' }]);
		const [again] = (await json('/db/helpdesk/_bulk_docs', { docs: [next] }, { as: 'coord' })).json as { ok?: boolean }[];
		expect(again.ok).toBe(true);
	});

	it('refuses a ticket whose history has no created entry, as forbidden', async () => {
		const ticket = makeTicket('coord');
		const note = { id: `${ticket.number}-note`, at: new Date().toISOString(), by: 'coord', kind: 'note', text: 'Only a note.' };
		const [row] = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: [{ ...ticket, history: [note] }] }, { as: 'coord' }), 1);
		expect(row.reason).toMatch(/created/);
	});

	it('stores a deletion as a bare tombstone, whatever else the request carried', async () => {
		const kb = { _id: 'kb:tombstone-test', type: 'kb', kind: 'faq', title: 'Reset a projector', body: 'Hold the power button.', updatedAt: new Date().toISOString(), author: 'coord' };
		const [made] = (await json('/db/helpdesk/_bulk_docs', { docs: [kb] }, { as: 'coord' })).json as { ok: boolean; rev: string }[];
		expect(made.ok).toBe(true);
		const junk = 'j'.repeat(1000);
		const [gone] = (await json('/db/helpdesk/_bulk_docs', { docs: [{ _id: kb._id, _rev: made.rev, _deleted: true, junk, type: 'anything', _attachments: { a: { data: 5 } } }] }, { as: 'coord' }))
			.json as { ok: boolean }[];
		expect(gone.ok).toBe(true);
		const feed = await send(`/db/helpdesk/_changes?include_docs=true&filter=_doc_ids&doc_ids=${encodeURIComponent(JSON.stringify([kb._id]))}`, { as: 'coord' });
		const [change] = (feed.json as { results: { deleted?: boolean; doc: Record<string, unknown> }[] }).results;
		expect(change.deleted).toBe(true);
		expect(Object.keys(change.doc).sort()).toEqual(['_deleted', '_id', '_rev']);
	});

	it('judges a branch from a parent the server does not have against the stored ticket, so nobody takes over another’s ticket', async () => {
		const bobs = makeTicket('bob', { description: 'Bob only: the laminator is jammed again.' });
		const [made] = (await json('/db/helpdesk/_bulk_docs', { docs: [bobs] }, { as: 'bob' })).json as { ok: boolean }[];
		expect(made.ok).toBe(true);
		const stored = (await send(`/db/helpdesk/${bobs._id}?revs=true`, { as: 'bob' })).json as Ticket & { _revisions: { start: number; ids: string[] } };
		const anns = makeTicket('ann', { number: bobs.number, title: 'Mine now' });
		const generation = stored._revisions.start + 1;
		const branches = [
			{ ...anns, _rev: rev(generation, 'eeee1'), _revisions: { start: generation, ids: ['eeee1', 'ffff9999'] } },
			{ ...anns, _rev: rev(1, 'eeee2') },
			{ ...anns, _rev: rev(7, 'eeee3'), _revisions: { start: 7, ids: ['eeee3', 'ffff1', 'ffff2'] } }
		];
		const rows = expectAllRefused(await json('/db/helpdesk/_bulk_docs', { docs: branches, new_edits: false }, { as: 'ann' }), branches.length);
		for (const row of rows) expect(row.reason).toMatch(/queue|fixed/);
		const after = (await send(`/db/helpdesk/${bobs._id}?conflicts=true`, { as: 'coord' })).json as Ticket & { _conflicts?: string[] };
		expect(after.requester).toBe('bob');
		expect(after.title).toBe(bobs.title);
		expect(after._conflicts ?? []).toEqual([]);
		expectCleanError(await send(`/db/helpdesk/${bobs._id}`, { as: 'ann' }), 404, 'not_found');
	});
});

describe('the server after all of the above', () => {
	it('logged no internal error and leaked no stack trace', async () => {
		const log = server.output();
		expect(log).not.toMatch(/TypeError|ReferenceError|RangeError|Uncaught|unhandled/i);
		const health = await fetch(`${server.url}/api/health`);
		expect(health.status).toBe(200);
	});
});

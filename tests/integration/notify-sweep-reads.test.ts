import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, fileTicket, offsetFor, provisionForMail } from '../support/notify-district';
import { type CouchStandin, startCouchStandin, startServer, type WatchedServer } from '../support/server';

// Tuesday 1 December 2026, 10 AM in Denver: the district is open.
const TUESDAY_MORNING = Date.parse('2026-12-01T10:00:00-07:00');

/** The documents each keyed _all_docs read by the server asked for, in order (a store read of named tickets). */
type KeyedRead = string[];
const RANGE = 'every ticket';

/** A pass-through in front of the store that records the server's keyed reads of whole documents. */
async function recordingProxy(target: string): Promise<{ url: string; reads: KeyedRead[]; onRead: (f: () => void) => void; close: () => Promise<void> }> {
	const reads: KeyedRead[] = [];
	const watchers = new Set<() => void>();
	const upstream = new URL(target);
	const server: Server = createServer((req, res) => {
		const chunks: Uint8Array[] = [];
		req.on('data', (c: Uint8Array) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const url = new URL(req.url ?? '/', 'http://store');
			if (url.pathname.endsWith('/_all_docs') && url.searchParams.get('include_docs') === 'true') {
				// PouchDB sends a short list of keys in the query, a long one in the body.
				const listed = url.searchParams.get('keys') ?? (req.method === 'POST' ? body.toString() : '');
				const parsed = listed ? (JSON.parse(listed) as string[] | { keys?: string[] }) : null;
				// A read of every ticket (by range, before the notifier knows which are open) is recorded as RANGE.
				const range = url.searchParams.get('startkey') === '"ticket:"' ? [RANGE] : undefined;
				const keys = Array.isArray(parsed) ? parsed : (parsed?.keys ?? range);
				if (keys) {
					reads.push(keys);
					for (const w of [...watchers]) w();
				}
			}
			const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			});
			out.on('error', () => res.destroy());
			out.end(body);
		});
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		reads,
		onRead: (f) => watchers.add(f),
		close: () => new Promise((done) => server.close(() => done()))
	};
}

describe('the notifier’s clock sweep after a ticket changes', () => {
	let couch: CouchStandin;
	let proxy: Awaited<ReturnType<typeof recordingProxy>>;
	let server: WatchedServer;
	/** Resolves with the first keyed read from `from` on that names every one of `ids`. */
	const readOf = (ids: string[], from: number) =>
		new Promise<KeyedRead>((done) => {
			const check = () => {
				const found = proxy.reads.slice(from).find((keys) => ids.every((id) => keys.includes(id)));
				if (found) done(found);
			};
			proxy.onRead(check);
			check();
		});

	beforeAll(async () => {
		couch = await startCouchStandin();
		proxy = await recordingProxy(couch.url);
		server = await startServer({ STORE_URL: proxy.url, CLOCK_OFFSET_MS: offsetFor(TUESDAY_MORNING) });
		await provisionForMail(server, { policy: true });
	});
	afterAll(async () => {
		await server?.dispose();
		await proxy?.close();
		await couch?.dispose();
	});

	it('reads the changed ticket alone, not every open ticket', async () => {
		const start = proxy.reads.length;
		const tickets = [];
		for (let i = 0; i < 8; i++) tickets.push(await fileTicket(server, 'coord', { priority: 3, assignee: 'tech-n' }));
		// The new tickets' clocks are looked at once the burst has ended (the first time by reading every ticket).
		await Promise.race([readOf(tickets.map((t) => t._id), start), readOf([RANGE], start)]);
		await addNote(server, 'tech-n', tickets[0].number, 'On my way.');
		// The gateway read the ticket while judging the note; what reads it after that is the sweep.
		const read = await readOf([tickets[0]._id], proxy.reads.length);
		expect(read).toEqual([tickets[0]._id]);
	});
});

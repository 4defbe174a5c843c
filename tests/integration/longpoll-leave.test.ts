import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, device, provision } from '../support/district';
import { startServer, type WatchedServer } from '../support/server';

const TRACE = /Controller is already closed|ERR_INVALID_STATE|longpoll failed|Unhandled|\n\s+at /;
const auth = { authorization: `Basic ${Buffer.from('ann:test-password-1').toString('base64')}` };

let server: WatchedServer;
beforeAll(async () => {
	server = await startServer();
	await provision(server);
});
afterAll(async () => server?.dispose());

/**
 * Opens a longpoll with one-second heartbeats and resolves once `beats` heartbeats have arrived on it: that much server
 * time has passed. A longpoll answered by a change the shared feed had not yet seen at `since=now` is opened again.
 */
async function heartbeats(beats: number, signal: AbortSignal) {
	for (;;) {
		const response = await fetch(`${server.url}/db/helpdesk/_changes?feed=longpoll&since=now&heartbeat=1000&timeout=60000`, { headers: auth, signal });
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		let text = '';
		while (!text.includes('{') && text.length < beats) {
			const { value, done } = await reader.read();
			if (done) break;
			text += new TextDecoder().decode(value);
		}
		if (!text.includes('{') && text.length >= beats) return reader;
		await reader.cancel();
	}
}

describe('a client that leaves a longpoll', () => {
	it('is not logged as an error, before its first heartbeat, after one, or when a change or the next beat comes after it left', async () => {
		const before = server.output().length;
		// Left before any byte: the abort lands while the server is waiting on the feed.
		const early = new AbortController();
		const answer = await fetch(`${server.url}/db/helpdesk/_changes?feed=longpoll&since=now&heartbeat=1000&timeout=60000`, { headers: auth, signal: early.signal });
		expect(answer.status).toBe(200);
		early.abort();
		// Left after a heartbeat.
		const late = new AbortController();
		const reader = await heartbeats(1, late.signal);
		late.abort();
		await reader.closed.catch(() => undefined);
		// A live pull cancelled the way a tab closing or a sign-out ends it.
		const ann = device(server, 'ann');
		const live = ann.local.replicate.from(ann.remote, { live: true, retry: false, heartbeat: 1000 });
		await new Promise<void>((done) => live.once('paused', () => done()));
		live.cancel();
		// A change wakes every waiting longpoll, including the ones whose clients left.
		const woken = await api(server, '/db/helpdesk/_bulk_docs', {
			as: 'admin',
			method: 'POST',
			body: JSON.stringify({ docs: [{ _id: 'category:after-leaving', type: 'category', code: 'after-leaving', name: 'After leaving', description: '', active: true }] })
		});
		expect(woken.status).toBe(201);
		// Two heartbeats of a fresh longpoll: the departed ones' heartbeat timers have had their turn to fire.
		const watcher = new AbortController();
		await heartbeats(2, watcher.signal);
		watcher.abort();
		expect(server.output().slice(before)).not.toMatch(TRACE);
	});
});

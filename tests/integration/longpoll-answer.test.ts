import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, provision } from '../support/district';
import { startServer, type WatchedServer } from '../support/server';

const auth = { authorization: `Basic ${Buffer.from(`ann:${PASSWORD}`).toString('base64')}` };

let server: WatchedServer;
beforeAll(async () => {
	server = await startServer();
	await provision(server);
});
afterAll(async () => server?.dispose());

const longpoll = (heartbeat: number) => fetch(`${server.url}/db/helpdesk/_changes?feed=longpoll&since=now&heartbeat=${heartbeat}&timeout=60000`, { headers: auth });

async function addCategory(code: string) {
	const doc = { _id: `category:${code}`, type: 'category', code, name: code, description: '', active: true };
	const written = await api(server, '/db/helpdesk/_bulk_docs', { as: 'admin', method: 'POST', body: JSON.stringify({ docs: [doc] }) });
	expect(written.status).toBe(201);
}

/** Resolves at the first heartbeat newline of a fresh longpoll: by then the server has taken up the requests sent before it. */
async function oneHeartbeat() {
	const reader = ((await longpoll(1000)).body as ReadableStream<Uint8Array>).getReader();
	expect(new TextDecoder().decode((await reader.read()).value)).toBe('\n');
	await reader.cancel();
}

describe('a longpoll answer', () => {
	it('goes out whole, with its length and no newline before it, when the change comes before the first heartbeat is due', async () => {
		const waiting = longpoll(30_000);
		await oneHeartbeat();
		await addCategory('whole-answer');
		const response = await waiting;
		expect(response.headers.get('content-length')).not.toBeNull();
		expect(response.headers.get('transfer-encoding')).toBeNull();
		const text = await response.text();
		expect(text.startsWith('{')).toBe(true);
		expect(JSON.parse(text).results.map((row: { id: string }) => row.id)).toEqual(['category:whole-answer']);
	});

	it('streams heartbeats first and then the answer when the change comes after a heartbeat', async () => {
		const response = await longpoll(1000);
		const reader = (response.body as ReadableStream<Uint8Array>).getReader();
		const decoder = new TextDecoder();
		expect(decoder.decode((await reader.read()).value)).toBe('\n');
		expect(response.headers.get('content-length')).toBeNull();
		await addCategory('after-a-beat');
		let text = '\n';
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value);
		expect(text.trim().startsWith('{')).toBe(true);
		expect(JSON.parse(text).results.map((row: { id: string }) => row.id)).toEqual(['category:after-a-beat']);
	});
});

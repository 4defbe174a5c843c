import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { bodySizeLimit } from './body-size';

const app = new Hono();
app.onError((error, c) => c.json({ reason: error.message }, error instanceof HTTPException ? error.status : 500));
app.post(
	'/',
	bodySizeLimit(10, () => {
		throw new HTTPException(413, { message: 'At most 10 bytes.' });
	}),
	async (c) => c.json(await c.req.json())
);

/** A body sent in chunks, with no declared length. */
const chunked = (text: string) =>
	new ReadableStream({
		start(controller) {
			for (const part of text.match(/.{1,4}/g) ?? []) controller.enqueue(new TextEncoder().encode(part));
			controller.close();
		}
	});

describe('the request body size limit', () => {
	it('passes a body of the declared length within the limit to the handler', async () => {
		const res = await app.request('/', { method: 'POST', body: '{"a":12}', headers: { 'content-length': '8' } });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ a: 12 });
	});

	it('refuses a declared length over the limit before reading the body', async () => {
		const res = await app.request('/', { method: 'POST', body: '{"a":"0123456789"}', headers: { 'content-length': '18' } });
		expect(res.status).toBe(413);
		expect(await res.json()).toEqual({ reason: 'At most 10 bytes.' });
	});

	it('counts a body sent without a declared length as it arrives', async () => {
		const over = await app.request('/', { method: 'POST', body: chunked('{"a":"0123456789"}'), duplex: 'half' } as RequestInit);
		expect(over.status).toBe(413);
		const within = await app.request('/', { method: 'POST', body: chunked('{"a":1}'), duplex: 'half' } as RequestInit);
		expect(await within.json()).toEqual({ a: 1 });
	});
});

import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes, securityHeaders } from './security-headers';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
	it('hashes each inline script exactly as written, and skips scripts loaded from a file', () => {
		const boot = '\n\t\t\t\t{\n\t\t\t\t\tkit.start(app, element);\n\t\t\t\t}\n\t\t\t';
		const html = `<head><script type="module" src="/_app/x.js"></script></head><body><script>${boot}</script><script nonce="n">go()</script></body>`;
		expect(inlineScriptHashes(html)).toEqual([sha(boot), sha('go()')]);
	});
});

const app = new Hono()
	.use('*', securityHeaders({ scriptHashes: ["'sha256-abc'"], https: false }))
	.get('/page', (c) => c.html('<p>hi</p>'))
	.get('/attachment', (c) => {
		c.header('Content-Security-Policy', 'sandbox');
		return c.body('data');
	})
	.get('/own-response', () => new Response('data', { headers: { 'content-security-policy': 'sandbox', 'x-frame-options': 'SAMEORIGIN' } }))
	.get('/stream', (c) => c.body(new ReadableStream({ start: (s) => (s.enqueue(new TextEncoder().encode('a')), s.close()) })))
	.get('/refused', () => {
		throw new HTTPException(403, { message: 'no' });
	});

describe('securityHeaders', () => {
	it('sends a CSP that allows the page’s own scripts, no framing, nosniff and no referrer', async () => {
		const response = await app.request('/page');
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("script-src 'self' 'sha256-abc'");
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("object-src 'none'");
		expect(csp).toContain("img-src 'self' blob: data:");
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('strict-transport-security')).toBeNull();
	});

	it('keeps a stricter CSP a route set for its own response', async () => {
		const response = await app.request('/attachment');
		expect(response.headers.get('content-security-policy')).toBe('sandbox');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

describe('securityHeaders on a Node server (headers set on the socket response)', () => {
	let server: ReturnType<typeof serve>;
	let base = '';
	beforeAll(async () => {
		server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
		await new Promise<void>((listening) => server.once('listening', () => listening()));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

	const securityOf = (headers: Headers) => Object.fromEntries([...headers].filter(([name]) => !['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)));

	it('sends every header hono’s middleware sends, with the same values', async () => {
		const [viaNode, viaHono] = await Promise.all([fetch(`${base}/page`), app.request('/page')]);
		expect(securityOf(viaNode.headers)).toEqual(securityOf(viaHono.headers));
		expect(viaNode.headers.get('content-security-policy')).toContain("script-src 'self' 'sha256-abc'");
		expect(viaNode.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('keeps the headers a route set itself, through the context or on its own Response', async () => {
		const viaContext = await fetch(`${base}/attachment`);
		expect(viaContext.headers.get('content-security-policy')).toBe('sandbox');
		expect(viaContext.headers.get('x-content-type-options')).toBe('nosniff');
		const own = await fetch(`${base}/own-response`);
		expect(own.headers.get('content-security-policy')).toBe('sandbox');
		expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(own.headers.get('referrer-policy')).toBe('no-referrer');
	});

	it('puts them on streamed answers and on errors too', async () => {
		for (const path of ['/stream', '/refused']) {
			const response = await fetch(`${base}${path}`);
			await response.arrayBuffer();
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
			expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
		}
	});
});

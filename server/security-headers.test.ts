import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, securityHeaders } from './security-headers';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
	it('hashes each inline script exactly as written, and skips scripts loaded from a file', () => {
		const boot = '\n\t\t\t\t{\n\t\t\t\t\tkit.start(app, element);\n\t\t\t\t}\n\t\t\t';
		const html = `<head><script type="module" src="/_app/x.js"></script></head><body><script>${boot}</script><script nonce="n">go()</script></body>`;
		expect(inlineScriptHashes(html)).toEqual([sha(boot), sha('go()')]);
	});
});

describe('securityHeaders', () => {
	const app = new Hono()
		.use('*', securityHeaders({ scriptHashes: ["'sha256-abc'"], https: false }))
		.get('/page', (c) => c.html('<p>hi</p>'))
		.get('/attachment', (c) => {
			c.header('Content-Security-Policy', 'sandbox');
			return c.body('data');
		});

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

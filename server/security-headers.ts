import { createHash } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The CSP sources (`'sha256-…'`) of a page's inline scripts: SvelteKit's static build starts the app from one. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
		hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
	}
	return hashes;
}

/** The headers `middleware` gives a plain response, read once by running it in a throwaway app. */
async function headersGivenBy(middleware: MiddlewareHandler): Promise<[string, string][]> {
	const response = await new Hono().use(middleware).get('/', (c) => c.body(null)).request('/');
	return [...response.headers];
}

/**
 * App-wide security headers: a CSP the PWA runs under, nosniff, no framing, no referrer.
 * A response that already carries one of them (an attachment's stricter CSP) keeps its own.
 *
 * On Node the headers go on the socket's response before the handler runs (setHeader): Node merges them with the
 * response's own, its own winning, so every answer gets them without Hono building a Headers object for each one
 * (hono's secureHeaders sets them on the finished response, which makes @hono/node-server turn its light response
 * into a full one: a few per cent of the server's CPU when 500 devices sync). Elsewhere (app.request in tests) hono's
 * middleware adds the same headers, which are also where the Node path reads them from.
 */
export function securityHeaders(options: { scriptHashes: string[]; https: boolean }): MiddlewareHandler {
	const onResponse = honoSecurityHeaders(options);
	const fixed = headersGivenBy(onResponse);
	let known: [string, string][] | null = null;
	void fixed.then((headers) => (known = headers));
	return async (c, next) => {
		const outgoing: unknown = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
		if (!(outgoing instanceof ServerResponse)) return onResponse(c, next);
		for (const [name, value] of known ?? (await fixed)) outgoing.setHeader(name, value);
		await next();
	};
}

function honoSecurityHeaders({ scriptHashes, https }: { scriptHashes: string[]; https: boolean }): MiddlewareHandler {
	return secureHeaders({
		overwrite: false,
		contentSecurityPolicy: {
			defaultSrc: ["'self'"],
			scriptSrc: ["'self'", ...scriptHashes],
			// Svelte writes style attributes into the markup it clones; style cannot run script.
			styleSrc: ["'self'", "'unsafe-inline'"],
			// Photos are shown from object URLs before they sync, and small images may be data: URLs.
			imgSrc: ["'self'", 'blob:', 'data:'],
			mediaSrc: ["'self'", 'blob:'],
			fontSrc: ["'self'"],
			connectSrc: ["'self'"],
			workerSrc: ["'self'"],
			manifestSrc: ["'self'"],
			objectSrc: ["'none'"],
			baseUri: ["'self'"],
			formAction: ["'self'"],
			frameAncestors: ["'none'"]
		},
		xFrameOptions: 'DENY',
		referrerPolicy: 'no-referrer',
		strictTransportSecurity: https ? 'max-age=15552000' : false
	});
}

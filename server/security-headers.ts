import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The CSP sources (`'sha256-…'`) of a page's inline scripts: SvelteKit's static build starts the app from one. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
		hashes.push(`'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`);
	}
	return hashes;
}

/**
 * App-wide security headers: a CSP the PWA runs under, nosniff, no framing, no referrer.
 * A response that already carries one of them (an attachment's stricter CSP) keeps its own.
 */
export function securityHeaders({ scriptHashes, https }: { scriptHashes: string[]; https: boolean }): MiddlewareHandler {
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

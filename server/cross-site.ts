import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { SESSION_COOKIE } from './auth';

/** What the cross-site check reads from a request. */
export interface RequestFacts {
	method: string;
	path: string;
	/** The Host header: the request's own host and port. */
	host: string | undefined;
	origin: string | undefined;
	secFetchSite: string | undefined;
	contentType: string | undefined;
	/** The browser sent the session cookie and no Authorization header: the cookie is what signs it in. */
	cookieSession: boolean;
}

export type CrossSiteRefusal = { status: 403 | 415; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FOREIGN = 'This change was sent from another site. The helpdesk accepts changes only from its own pages.';

/** The body types each path takes from a browser; every one of them needs a CORS preflight from another site. */
function acceptedTypes(path: string): string[] {
	if (path === '/api/admin/import' || path === '/api/admin/import/') return ['application/json', 'text/csv'];
	if (path === '/api/admin/calendar/ics' || path === '/api/admin/calendar/ics/') return ['application/json', 'text/calendar'];
	return ['application/json'];
}

/**
 * Refuses a change a browser was made to send from another site (CSRF): a foreign Origin or Sec-Fetch-Site, and,
 * when the session cookie signs the request in, any body type a plain HTML form or a no-cors fetch could send.
 * Scripts and devices signing in with HTTP Basic send no Origin and pass.
 */
export function crossSiteRefusal(request: RequestFacts, publicOrigin: string): CrossSiteRefusal | null {
	if (SAFE_METHODS.has(request.method)) return null;
	if (request.origin !== undefined && !sameOrigin(request.origin, request.host, publicOrigin)) return { status: 403, reason: FOREIGN };
	if (request.secFetchSite !== undefined && request.secFetchSite !== 'same-origin' && request.secFetchSite !== 'none')
		return { status: 403, reason: FOREIGN };
	// A cross-site DELETE always needs a preflight, which this server never grants; it also carries no body.
	if (!request.cookieSession || request.method === 'DELETE') return null;
	const type = request.contentType?.split(';')[0].trim().toLowerCase() ?? '';
	const accepted = acceptedTypes(request.path);
	if (accepted.includes(type)) return null;
	return { status: 415, reason: `Send the body as ${accepted.join(' or ')} (Content-Type header); it was ${type || 'missing'}.` };
}

function sameOrigin(origin: string, host: string | undefined, publicOrigin: string): boolean {
	if (origin === publicOrigin) return true;
	try {
		return host !== undefined && new URL(origin).host === host.toLowerCase();
	} catch {
		// "null" (a sandboxed frame, a file) or garbage: not this site.
		return false;
	}
}

/** Middleware applying crossSiteRefusal to /db and /api. */
export function crossSiteGuard(publicUrl: string): MiddlewareHandler {
	const publicOrigin = new URL(publicUrl).origin;
	return async (c, next) => {
		const path = c.req.path;
		if (path === '/db' || path.startsWith('/db/') || path === '/api' || path.startsWith('/api/')) {
			const refusal = crossSiteRefusal(
				{
					method: c.req.method,
					path,
					host: c.req.header('host'),
					origin: c.req.header('origin'),
					secFetchSite: c.req.header('sec-fetch-site'),
					contentType: c.req.header('content-type'),
					cookieSession: !c.req.header('authorization') && getCookie(c, SESSION_COOKIE) !== undefined
				},
				publicOrigin
			);
			if (refusal) throw new HTTPException(refusal.status, { message: refusal.reason });
		}
		await next();
	};
}

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses a request body larger than `maxSize` bytes, like hono's bodyLimit. A declared Content-Length is checked from
 * the header alone (as bodyLimit does too): bodyLimit first looks at the body, and on @hono/node-server that look
 * builds a web stream of it, through which every handler then reads the body instead of straight from the socket.
 */
export function bodySizeLimit(maxSize: number, onError: (c: Context) => never): MiddlewareHandler {
	const streamed = bodyLimit({ maxSize, onError });
	return (c, next) => {
		const length = c.req.header('content-length');
		if (length === undefined || !/^\d+$/.test(length) || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
		return Number(length) > maxSize ? onError(c) : next();
	};
}

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** Turns a zod refusal at an API edge into a 400 that names each wrong field. */
export function validationHook(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }, _c: Context) {
	if (!result.success && result.error) {
		const fields = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
		throw new HTTPException(400, { message: `Some fields are wrong: ${fields.join('; ')}.` });
	}
}

/** The `error` name of each refusal status; anything else is a bad request. */
const ERROR_NAMES: Partial<Record<number, string>> = {
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	413: 'too_large',
	415: 'unsupported_type',
	429: 'too_many_requests',
	503: 'unavailable'
};

/**
 * The one place errors become responses: JSON with a reason, never a stack trace. An unexpected error does not say
 * whether anything was saved: a write may have been stored before what followed it failed.
 */
export function errorResponse(error: Error, c: Context) {
	if (error instanceof HTTPException) {
		const status = error.status;
		const name = ERROR_NAMES[status] ?? 'bad_request';
		const retryAfter = error.res?.headers.get('Retry-After');
		if (retryAfter) c.header('Retry-After', retryAfter);
		return c.json({ error: name, reason: error.message }, status);
	}
	if (error instanceof SyntaxError) return c.json({ error: 'bad_request', reason: 'The request body is not valid JSON.' }, 400);
	console.error(error);
	return c.json({ error: 'internal', reason: 'Something went wrong on the server. Try again, and tell the technology office if it keeps happening.' }, 500);
}

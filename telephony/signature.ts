import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import twilio from 'twilio';

/** A webhook's form parameters, as Twilio signed them (a repeated name keeps every value). */
export type TwilioParams = Record<string, string | string[]>;

export type SignedEnv = { Bindings: { incoming?: IncomingMessage }; Variables: { twilioParams: TwilioParams; rawQuery: string } };

/** The form body as parameters; any other body signs as no parameters (Twilio posts forms). */
function formParams(contentType: string | undefined, body: string): TwilioParams {
	if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return {};
	const params: TwilioParams = {};
	for (const [key, value] of new URLSearchParams(body)) {
		const seen = params[key];
		params[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
	}
	return params;
}

/**
 * Refuses (403, before any handler runs, so nothing is written) a request whose X-Twilio-Signature is missing or was
 * made for another URL or other parameters. The URL checked is PUBLIC_URL plus the path and query exactly as they
 * arrived (the raw request target: `new URL()` would re-encode them); HMAC-SHA256 when
 * X-Twilio-Webhooks-Signature-Settings asks for it, else HMAC-SHA1.
 */
export function twilioSignature(authToken: string, publicUrl: string): MiddlewareHandler<SignedEnv> {
	const base = publicUrl.replace(/\/+$/, '');
	return async (c, next) => {
		const parsed = new URL(c.req.url);
		const target = c.env?.incoming?.url ?? `${parsed.pathname}${parsed.search}`;
		const params = formParams(c.req.header('content-type'), await c.req.text());
		const algorithm = twilio.getSignatureAlgorithm(c.req.header('X-Twilio-Webhooks-Signature-Settings'));
		const signature = c.req.header('X-Twilio-Signature') ?? '';
		if (!signature || !twilio.validateRequest(authToken, signature, `${base}${target}`, params, algorithm)) {
			return c.text('Forbidden: this request is not signed by Twilio for this URL and these parameters.', 403);
		}
		const query = target.indexOf('?');
		c.set('twilioParams', params);
		c.set('rawQuery', query === -1 ? '' : target.slice(query + 1));
		await next();
	};
}

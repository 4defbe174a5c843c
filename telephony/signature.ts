import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import twilio from 'twilio';

/** A webhook's form parameters, as Twilio signed them (a repeated name keeps every value). */
export type TwilioParams = Record<string, string | string[]>;

export type SignedEnv = { Bindings: { incoming?: IncomingMessage }; Variables: { twilioParams: TwilioParams; rawQuery: string } };

/** Twilio's webhooks are small forms (a few dozen fields, a transcript of 2 minutes at most). */
export const MAX_WEBHOOK_BYTES = 64 * 1024;
export const MAX_WEBHOOK_PARAMS = 200;

/** The form body as parameters, or null past MAX_WEBHOOK_PARAMS; any other body signs as no parameters (Twilio posts forms). */
function formParams(contentType: string | undefined, body: string): TwilioParams | null {
	if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return {};
	const params: TwilioParams = {};
	let count = 0;
	for (const [key, value] of new URLSearchParams(body)) {
		if (++count > MAX_WEBHOOK_PARAMS) return null;
		const seen = params[key];
		if (seen === undefined) params[key] = value;
		else if (Array.isArray(seen)) seen.push(value);
		else params[key] = [seen, value];
	}
	return params;
}

/** Bodies larger than a webhook's are refused before they are read. */
export const webhookBodyLimit = bodyLimit({
	maxSize: MAX_WEBHOOK_BYTES,
	onError: (c) => {
		c.header('Connection', 'close');
		return c.text(`Payload too large: a phone webhook is at most ${MAX_WEBHOOK_BYTES / 1024} KB.`, 413);
	}
});

const LOG_REFUSALS_EVERY_MS = 60_000;

/**
 * Refuses (403, before any handler runs, so nothing is written) a request whose X-Twilio-Signature is missing or was
 * made for another URL or other parameters. The URL checked is PUBLIC_URL plus the path and query exactly as they
 * arrived (the raw request target: `new URL()` would re-encode them); HMAC-SHA256 when
 * X-Twilio-Webhooks-Signature-Settings asks for it, else HMAC-SHA1.
 */
export function twilioSignature(authToken: string, publicUrl: string): MiddlewareHandler<SignedEnv> {
	const base = publicUrl.replace(/\/+$/, '');
	let lastLogged = 0;
	// A wrong PUBLIC_URL (http for https, a proxy's path) refuses every call: say so in the log, at most once a minute.
	const refused = (url: string, why: string) => {
		const now = Date.now();
		if (now - lastLogged >= LOG_REFUSALS_EVERY_MS) {
			lastLogged = now;
			console.error(`telephony: refused a request to ${url.slice(0, 200)}: ${why}. If every call is refused, check that PUBLIC_URL is the address Twilio calls.`);
		}
	};
	return async (c, next) => {
		const parsed = new URL(c.req.url);
		const target = c.env?.incoming?.url ?? `${parsed.pathname}${parsed.search}`;
		const signature = c.req.header('X-Twilio-Signature') ?? '';
		const forbidden = () => c.text('Forbidden: this request is not signed by Twilio for this URL and these parameters.', 403);
		if (!signature) {
			refused(`${base}${target}`, 'no X-Twilio-Signature');
			return forbidden();
		}
		const params = formParams(c.req.header('content-type'), await c.req.text());
		if (!params) return c.text(`Payload too large: a phone webhook has at most ${MAX_WEBHOOK_PARAMS} fields.`, 413);
		const algorithm = twilio.getSignatureAlgorithm(c.req.header('X-Twilio-Webhooks-Signature-Settings'));
		if (!twilio.validateRequest(authToken, signature, `${base}${target}`, params, algorithm)) {
			refused(`${base}${target}`, 'the signature does not match this URL and these parameters');
			return forbidden();
		}
		const query = target.indexOf('?');
		c.set('twilioParams', params);
		c.set('rawQuery', query === -1 ? '' : target.slice(query + 1));
		await next();
	};
}

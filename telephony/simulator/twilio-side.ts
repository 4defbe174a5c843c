import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** A Twilio id: its two-letter prefix and 32 random hex digits (CA call, RE recording, TR transcription). */
export function twilioSid(prefix: 'CA' | 'RE' | 'TR'): string {
	return prefix + randomBytes(16).toString('hex');
}

export interface LineAddress {
	/** The server's public URL, as Twilio is configured with it: every signature is computed on it. */
	publicUrl: string;
	/** Where the requests actually go (the server's own port in process, or the --server of the CLI). */
	serverUrl: string;
	/** The account's auth token: Twilio signs every request with it. */
	authToken: string;
	accountSid: string;
}

export interface LineAnswer {
	status: number;
	body: string;
	/** The path and query the request was sent to, below the public URL. */
	path: string;
}

/**
 * The path below `publicUrl` that `url` (absolute, or relative to the previous request) names; null when it points
 * elsewhere, which the simulator never follows (as a real account would only ever reach the district's server).
 */
export function pathOnLine(url: string, publicUrl: string): string | null {
	const base = publicUrl.replace(/\/+$/, '');
	if (url.startsWith('/')) return url;
	if (url.startsWith(`${base}/`)) return url.slice(base.length);
	return null;
}

/** Twilio waits this long for an answer, then gives up on the URL (and uses the fallback). */
export const TWILIO_WAIT_MS = 15_000;

/**
 * POSTs form parameters to the line as Twilio does: urlencoded, signed with X-Twilio-Signature over PUBLIC_URL + path.
 * An answer that takes longer than Twilio waits is status 0.
 */
export async function postSigned(line: LineAddress, path: string, params: Record<string, string>): Promise<LineAnswer> {
	const base = line.publicUrl.replace(/\/+$/, '');
	const signature = twilio.getExpectedTwilioSignature(line.authToken, base + path, params);
	try {
		const response = await fetch(line.serverUrl.replace(/\/+$/, '') + path, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1 (helpdesk simulator)' },
			body: new URLSearchParams(params).toString(),
			signal: AbortSignal.timeout(TWILIO_WAIT_MS)
		});
		return { status: response.status, body: await response.text(), path };
	} catch (error) {
		if (error instanceof DOMException && error.name === 'TimeoutError') return { status: 0, body: '', path };
		throw error;
	}
}

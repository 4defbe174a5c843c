import { z } from 'zod';
import { ServerError } from './errors';

/** The phone line's state as the server reports it (GET /api/phone/status, administrators only). */
export const PhoneStatus = z.object({
	on: z.boolean(),
	/** Why it is off, or what it is connected to, in plain words. */
	reason: z.string(),
	/** The three addresses to paste into Twilio's number settings. */
	voiceUrl: z.string().nullable().optional(),
	statusUrl: z.string().nullable().optional(),
	fallbackUrl: z.string().nullable().optional()
});
export type PhoneStatus = z.infer<typeof PhoneStatus>;

/** Asks the server whether the phone line is on; a server without the phone line says so in words. */
export async function fetchPhoneStatus(): Promise<PhoneStatus> {
	const response = await fetch('/api/phone/status', { credentials: 'include', headers: { accept: 'application/json' } });
	if (response.status === 404) throw new ServerError(404, 'This server has no phone line: update it to a version with the phone line.');
	const json: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		const reason = (json as { reason?: unknown } | null)?.reason;
		throw new ServerError(response.status, typeof reason === 'string' ? reason : `The server answered ${response.status}.`);
	}
	const parsed = PhoneStatus.safeParse(json);
	if (!parsed.success) throw new ServerError(502, 'The server’s answer about the phone line could not be read.');
	return parsed.data;
}

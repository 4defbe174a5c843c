import { z } from 'zod';
import type { Config } from './config';

/** Whether the phone line answers, why (in words an administrator can act on), and the three URLs to give Twilio. */
export const PhoneLineStatus = z.object({
	on: z.boolean(),
	reason: z.string(),
	voiceUrl: z.string(),
	statusUrl: z.string(),
	fallbackUrl: z.string()
});
export type PhoneLineStatus = z.infer<typeof PhoneLineStatus>;

type TwilioConfig = Pick<Config, 'PUBLIC_URL' | 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN'>;

/** The line's status: on iff the account SID and auth token are set (and the server runs the line's pipeline). */
export function phoneLineStatus(config: TwilioConfig, pipelineRunning = true): PhoneLineStatus {
	const base = config.PUBLIC_URL.replace(/\/+$/, '');
	const urls = { voiceUrl: `${base}/telephony/voice`, statusUrl: `${base}/telephony/status`, fallbackUrl: `${base}/telephony/fallback` };
	const missing = [config.TWILIO_ACCOUNT_SID ? null : 'TWILIO_ACCOUNT_SID', config.TWILIO_AUTH_TOKEN ? null : 'TWILIO_AUTH_TOKEN'].filter((v) => v !== null);
	if (missing.length > 0) {
		const reason = `The phone line is off: set ${missing.join(' and ')} (Twilio console, Account Info) and restart the server.`;
		return { on: false, reason, ...urls };
	}
	if (!pipelineRunning) return { on: false, reason: 'The phone line is off: this server was started without its phone line pipeline.', ...urls };
	const local = /^https?:\/\/(localhost|127\.|\[::1\])/.test(base)
		? ` PUBLIC_URL is ${base}, which Twilio cannot reach: set it to the address the internet uses for this server.`
		: '';
	return { on: true, reason: `The phone line is on. In Twilio, set the number’s voice URL, status callback URL and fallback URL (all POST) to the three URLs.${local}`, ...urls };
}

/** The start-up line about the phone line: off and which variables turn it on, or on and the URLs Twilio needs. */
export function phoneLineStartupMessage(status: PhoneLineStatus): string {
	if (!status.on) return `Phone line: ${status.reason.replace(/^The phone line is /, '')}`;
	return `Phone line on: in Twilio, voice URL ${status.voiceUrl}, status callback ${status.statusUrl}, fallback URL ${status.fallbackUrl} (all POST).`;
}

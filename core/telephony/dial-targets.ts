import { toE164 } from './caller';
import type { DialTarget } from './twiml';

export { DEFAULT_COUNTRY, toE164 } from './caller';

const CLIENT = /^client:([A-Za-z0-9._-]{1,100})$/;
const SIP = /^sip:[^\s<>"'@]+@[A-Za-z0-9.-]+(?::\d{1,5})?(?:;[^\s<>"']*)?$/;

/**
 * What the line dials for a person's `phone`: a number (any way people write it, made E.164), a Twilio Client
 * (`client:jchen`) or a SIP address (`sip:3447@pbx.district.org`); null when it is none of them.
 */
export function dialTarget(phone: string | undefined): DialTarget | null {
	const text = phone?.trim() ?? '';
	if (!text) return null;
	const client = CLIENT.exec(text);
	if (client) return { kind: 'client', identity: client[1] };
	if (/^sips?:/i.test(text)) return SIP.test(text) ? { kind: 'sip', uri: text } : null;
	const e164 = toE164(text);
	return e164 ? { kind: 'number', e164 } : null;
}

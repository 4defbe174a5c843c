import twilio from 'twilio';
import type { Language } from '../core/telephony/docs';
import type { DialTarget, Verb } from '../core/telephony/twiml';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;

/** Twilio's <Say> language for each of the line's languages. */
const SAY_LANGUAGE = { en: 'en-US', es: 'es-MX' } as const satisfies Record<Language, string>;

function addTarget(dial: ReturnType<VoiceResponse['dial']>, target: DialTarget, url: string | undefined): void {
	const attributes = url ? { url } : {};
	if (target.kind === 'number') dial.number(attributes, target.e164);
	else if (target.kind === 'client') dial.client(attributes, target.identity);
	else dial.sip(attributes, target.uri);
}

/** TwiML as the flow returns it, rendered with the SDK's VoiceResponse; every URL is made absolute on PUBLIC_URL. */
export function renderTwiml(verbs: Verb[], publicUrl: string): string {
	const base = publicUrl.replace(/\/+$/, '');
	const abs = (path: string) => `${base}${path}`;
	const response = new twilio.twiml.VoiceResponse();
	for (const v of verbs) {
		switch (v.verb) {
			case 'say':
				response.say({ language: SAY_LANGUAGE[v.language] }, v.text);
				break;
			case 'pause':
				response.pause({ length: v.seconds });
				break;
			case 'gather': {
				const gather = response.gather({
					action: abs(v.action),
					method: 'POST',
					timeout: v.timeoutSeconds,
					...(v.numDigits ? { numDigits: v.numDigits } : {}),
					...(v.finishOnKey ? { finishOnKey: v.finishOnKey } : {})
				});
				for (const p of v.prompts) {
					if (p.verb === 'say') gather.say({ language: SAY_LANGUAGE[p.language] }, p.text);
					else gather.pause({ length: p.seconds });
				}
				break;
			}
			case 'dial': {
				const dial = response.dial({ action: abs(v.action), method: 'POST', timeout: v.timeoutSeconds, ...(v.callerId ? { callerId: v.callerId } : {}) });
				for (const target of v.targets) addTarget(dial, target, v.whisperUrl ? abs(v.whisperUrl) : undefined);
				break;
			}
			case 'record':
				response.record({
					action: abs(v.action),
					method: 'POST',
					maxLength: v.maxLengthSeconds,
					finishOnKey: v.finishOnKey,
					recordingStatusCallback: abs(v.recordingStatusCallback),
					recordingStatusCallbackMethod: 'POST',
					transcribe: true,
					transcribeCallback: abs(v.transcribeCallback)
				});
				break;
			case 'redirect':
				response.redirect({ method: 'POST' }, abs(v.url));
				break;
			case 'hangup':
				response.hangup();
				break;
		}
	}
	return response.toString();
}

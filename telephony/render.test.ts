import { describe, expect, it } from 'vitest';
import { renderTwiml } from './render';

const BASE = 'https://help.lakeside-usd.example/';

describe('renderTwiml', () => {
	it('renders a menu gather with absolute URLs, the Say languages and escaped text', () => {
		const xml = renderTwiml(
			[
				{
					verb: 'gather',
					action: '/telephony/menu?lang=en&tries=1',
					numDigits: 4,
					finishOnKey: '#',
					timeoutSeconds: 3,
					prompts: [
						{ verb: 'say', text: 'Press 1 & <listen>', language: 'en' },
						{ verb: 'pause', seconds: 1 },
						{ verb: 'say', text: 'Para español, oprima 8.', language: 'es' }
					]
				},
				{ verb: 'redirect', url: '/telephony/menu?lang=en&tries=2' }
			],
			BASE
		);
		expect(xml).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><Response>' +
				'<Gather action="https://help.lakeside-usd.example/telephony/menu?lang=en&amp;tries=1" method="POST" timeout="3" numDigits="4" finishOnKey="#">' +
				'<Say language="en-US">Press 1 &amp; &lt;listen&gt;</Say><Pause length="1"/><Say language="es-MX">Para español, oprima 8.</Say></Gather>' +
				'<Redirect method="POST">https://help.lakeside-usd.example/telephony/menu?lang=en&amp;tries=2</Redirect></Response>'
		);
	});

	it('renders a dial of a number, a Twilio Client and a SIP address, each with the whisper URL', () => {
		const xml = renderTwiml(
			[
				{
					verb: 'dial',
					action: '/telephony/dial-done?for=helpdesk',
					timeoutSeconds: 20,
					targets: [
						{ kind: 'number', e164: '+17205550101' },
						{ kind: 'client', identity: 'jchen' },
						{ kind: 'sip', uri: 'sip:3448@pbx.example' }
					],
					whisperUrl: '/telephony/whisper?for=helpdesk'
				}
			],
			BASE
		);
		const whisper = 'url="https://help.lakeside-usd.example/telephony/whisper?for=helpdesk"';
		expect(xml).toContain('<Dial action="https://help.lakeside-usd.example/telephony/dial-done?for=helpdesk" method="POST" timeout="20">');
		expect(xml).toContain(`<Number ${whisper}>+17205550101</Number><Client ${whisper}>jchen</Client><Sip ${whisper}>sip:3448@pbx.example</Sip></Dial>`);
	});

	it('renders a recording transcribed by Twilio, with its three callbacks, then goodbye and hang-up', () => {
		const xml = renderTwiml(
			[
				{ verb: 'record', action: '/telephony/recorded?for=helpdesk', maxLengthSeconds: 120, recordingStatusCallback: '/telephony/recording-status', transcribeCallback: '/telephony/transcription', finishOnKey: '#' },
				{ verb: 'hangup' }
			],
			'http://localhost:3000'
		);
		expect(xml).toBe(
			'<?xml version="1.0" encoding="UTF-8"?><Response>' +
				'<Record action="http://localhost:3000/telephony/recorded?for=helpdesk" method="POST" maxLength="120" finishOnKey="#" recordingStatusCallback="http://localhost:3000/telephony/recording-status" recordingStatusCallbackMethod="POST" transcribe="true" transcribeCallback="http://localhost:3000/telephony/transcription"/>' +
				'<Hangup/></Response>'
		);
	});

	it('renders an empty answer (a whisper accepted: the call is bridged)', () => {
		expect(renderTwiml([], BASE)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
	});
});

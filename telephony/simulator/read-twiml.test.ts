import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { readTwiml, TwimlError } from './read-twiml';
import { parseXml } from './xml';

describe('readTwiml', () => {
	it('reads every verb the line uses from the SDK rendering, entities decoded', () => {
		const r = new twilio.twiml.VoiceResponse();
		r.say({ language: 'en-US' }, 'Welcome & thanks');
		const g = r.gather({ action: 'https://help.example/telephony/menu?lang=es&for=helpdesk', numDigits: 4, timeout: 6, finishOnKey: '' });
		g.say({ language: 'es-MX' }, 'Para <español>, oprima 8');
		g.pause({ length: 2 });
		const d = r.dial({ action: 'https://help.example/telephony/dial-done?for=person&to=ann', timeout: 20, callerId: '+17205550100' });
		d.number({ url: 'https://help.example/telephony/whisper?to=ann' }, '+13035550123');
		d.client({ url: 'https://help.example/telephony/whisper?to=ann' }, 'ann');
		d.sip({ url: 'https://help.example/telephony/whisper?to=ann' }, 'sip:ann@pbx.example');
		r.record({
			action: 'https://help.example/telephony/recorded',
			maxLength: 120,
			transcribe: true,
			transcribeCallback: 'https://help.example/telephony/transcription',
			recordingStatusCallback: 'https://help.example/telephony/recording-status',
			finishOnKey: '#'
		});
		r.redirect('https://help.example/telephony/menu?lang=en');
		r.hangup();

		expect(readTwiml(r.toString())).toEqual([
			{ verb: 'say', text: 'Welcome & thanks', language: 'en' },
			{
				verb: 'gather',
				action: 'https://help.example/telephony/menu?lang=es&for=helpdesk',
				numDigits: 4,
				finishOnKey: '',
				timeoutSeconds: 6,
				prompts: [
					{ verb: 'say', text: 'Para <español>, oprima 8', language: 'es' },
					{ verb: 'pause', seconds: 2 }
				]
			},
			{
				verb: 'dial',
				action: 'https://help.example/telephony/dial-done?for=person&to=ann',
				timeoutSeconds: 20,
				targets: [
					{ kind: 'number', e164: '+13035550123' },
					{ kind: 'client', identity: 'ann' },
					{ kind: 'sip', uri: 'sip:ann@pbx.example' }
				],
				whisperUrl: 'https://help.example/telephony/whisper?to=ann',
				callerId: '+17205550100'
			},
			{
				verb: 'record',
				action: 'https://help.example/telephony/recorded',
				maxLengthSeconds: 120,
				recordingStatusCallback: 'https://help.example/telephony/recording-status',
				transcribeCallback: 'https://help.example/telephony/transcription',
				finishOnKey: '#'
			},
			{ verb: 'redirect', url: 'https://help.example/telephony/menu?lang=en' },
			{ verb: 'hangup' }
		]);
	});

	it('reads numeric character references and single-quoted attributes', () => {
		expect(readTwiml(`<Response><Say language='es-MX'>Adi&#243;s &#x263A;</Say></Response>`)).toEqual([{ verb: 'say', text: 'Adiós ☺', language: 'es' }]);
	});

	it('refuses what is not TwiML, naming the problem', () => {
		expect(() => readTwiml('<html><body>Application error</body></html>')).toThrow(/root is <html>/);
		expect(() => readTwiml('<Response><Play>x.mp3</Play></Response>')).toThrow(/<Play> is not a verb the line uses/);
		expect(() => readTwiml('<Response><Gather numDigits="1"/></Response>')).toThrow(/<Gather> has no action/);
		expect(() => readTwiml('<Response><Say>unclosed</Response>')).toThrow(TwimlError);
		expect(() => readTwiml('{"error":"forbidden"}')).toThrow(/text outside the root element/);
	});

	it('parses nesting and self-closing elements into a tree', () => {
		expect(parseXml('<?xml version="1.0"?><a x="1"><b/><c>t</c></a>')).toEqual({
			name: 'a',
			attributes: { x: '1' },
			text: '',
			children: [
				{ name: 'b', attributes: {}, children: [], text: '' },
				{ name: 'c', attributes: {}, children: [], text: 't' }
			]
		});
	});
});

import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../sla/calendar';
import type { UserProfile } from '../schemas';
import { DEFAULT_PROMPTS, defaultPhoneLine } from './defaults';
import { PhoneLineDoc } from './docs';
import { answer, choose } from './flow';
import { dialEnded, ring, whisper, whisperAnswered } from './flow-dial';
import { CallState, type FlowSetup } from './flow-state';
import { apology, leaveMessage, messageSaved } from './flow-voicemail';
import type { Verb } from './twiml';

const CALL = 'CA0123456789abcdef0123456789abcdef';
// Tuesday 8 December 2026 in Denver (MST, UTC-7): 10:00 (open) and 18:00 (closed, opens Wednesday 07:00).
const OPEN = Date.parse('2026-12-08T17:00:00Z');
const CLOSED = Date.parse('2026-12-09T01:00:00Z');
const weekday = [{ start: '07:00', end: '15:30' }];
const CALENDAR: BusinessCalendar = {
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: []
};

const person = (username: string, name: string, more: Partial<UserProfile>): UserProfile => ({
	_id: `user:${username}`,
	type: 'user',
	username,
	name,
	role: 'coordinator',
	kind: 'staff',
	buildings: [],
	active: true,
	...more
});
const PEOPLE = [
	person('mrivera', 'Marisol Rivera', { phone: '720-555-0101', extension: '3446' }),
	person('tokafor', 'Tunde Okafor', { phone: '(720) 555-0102', extension: '3450' }),
	person('jchen', 'Jordan Chen', { role: 'specialist', phone: 'client:jchen', extension: '3447' }),
	person('pshah', 'Priya Shah', { role: 'specialist', phone: 'sip:3448@pbx.lakeside-usd.example', extension: '3448' }),
	person('gone', 'Gone Person', { phone: '720-555-0109', extension: '3451', active: false }),
	person('nophone', 'No Phone', { extension: '3452' }),
	person('lgarcia', 'Linda Garcia', { role: 'requester', phone: '719-555-0100' })
];
const LINE = defaultPhoneLine(new Date(OPEN), { helpdesk: ['mrivera', 'tokafor'], onCall: ['mrivera', 'tokafor', 'jchen'], defaultBuilding: 'district-office' });
const SETUP: FlowSetup = { line: LINE, people: PEOPLE, calendar: CALENDAR };
const en = DEFAULT_PROMPTS.en;
const es = DEFAULT_PROMPTS.es;
const state = (over: Partial<CallState> = {}): CallState => CallState.parse(over);

const says = (twiml: Verb[]): string[] =>
	twiml.flatMap((v) => (v.verb === 'say' ? [v.text] : v.verb === 'gather' ? v.prompts.flatMap((p) => (p.verb === 'say' ? [p.text] : [])) : []));
const verb = <K extends Verb['verb']>(twiml: Verb[], kind: K) => twiml.find((v): v is Extract<Verb, { verb: K }> => v.verb === kind);

const RECORD_EN_HELPDESK = {
	verb: 'record',
	action: '/telephony/recorded?lang=en&for=helpdesk&from=%2B17195550100',
	maxLengthSeconds: 120,
	recordingStatusCallback: '/telephony/recording-status?lang=en&for=helpdesk&from=%2B17195550100',
	transcribeCallback: '/telephony/transcription?lang=en&for=helpdesk&from=%2B17195550100',
	finishOnKey: '#'
};

describe('the default phone line', () => {
	it('parses as the phone-line document', () => {
		expect(PhoneLineDoc.parse(LINE)).toEqual(LINE);
	});
});

describe('answering a call', () => {
	it('greets, then offers the menu while open: one gather for a choice or a 4-digit extension, and counts a silent round', () => {
		const { twiml, effects } = answer(SETUP, state(), OPEN);
		expect(twiml).toEqual([
			{
				verb: 'gather',
				action: '/telephony/menu?lang=en',
				numDigits: 4,
				finishOnKey: '#',
				timeoutSeconds: 3,
				prompts: [
					{ verb: 'say', text: en.greeting, language: 'en' },
					{ verb: 'say', text: en.menu, language: 'en' },
					{ verb: 'say', text: 'Para español, oprima 8.', language: 'en' }
				]
			},
			{ verb: 'redirect', url: '/telephony/menu?lang=en&tries=1' }
		]);
		expect(effects).toEqual([{ kind: 'step', update: { step: 'menu', language: 'en' } }]);
	});

	it('after hours says the greeting, that it is closed and when it opens, then the closed menu', () => {
		const { twiml, effects } = answer(SETUP, state({ caller: 'lgarcia' }), CLOSED);
		expect(says(twiml)).toEqual([en.greeting, 'The help desk is closed now. We open tomorrow at 7 AM.', en.closedMenu, en.switchLanguage]);
		expect(verb(twiml, 'gather')?.action).toBe('/telephony/menu?lang=en&caller=lgarcia');
		expect(effects[0].update.step).toBe('closed');
	});

	it('is always open without a district calendar', () => {
		expect(answer({ ...SETUP, calendar: null }, state(), CLOSED).effects[0].update.step).toBe('menu');
	});
});

describe('the menu', () => {
	it('1 rings both help desk coordinators at once, each asked by the whisper to press 1', () => {
		const { twiml, effects } = choose(SETUP, state({ caller: 'lgarcia' }), '1', CALL, OPEN);
		expect(twiml).toEqual([
			{ verb: 'say', text: en.connecting, language: 'en' },
			{
				verb: 'dial',
				action: '/telephony/dial-done?lang=en&for=helpdesk&caller=lgarcia',
				timeoutSeconds: 20,
				targets: [
					{ kind: 'number', e164: '+17205550101' },
					{ kind: 'number', e164: '+17205550102' }
				],
				whisperUrl: `/telephony/whisper?lang=en&for=helpdesk&caller=lgarcia&call=${CALL}`
			}
		]);
		expect(effects).toEqual([{ kind: 'step', update: { step: 'helpdesk' } }]);
	});

	it('2 asks for name, school, call-back number and problem, then records for the help desk', () => {
		const { twiml, effects } = choose(SETUP, state({ from: '+17195550100' }), '2', CALL, OPEN);
		expect(twiml).toEqual([{ verb: 'say', text: en.voicemail, language: 'en' }, RECORD_EN_HELPDESK, { verb: 'say', text: 'Goodbye.', language: 'en' }, { verb: 'hangup' }]);
		expect(en.voicemail).toMatch(/name.*school.*call you back.*problem/);
		expect(effects).toEqual([{ kind: 'step', update: { step: 'voicemail' } }]);
	});

	it('9 rings every on-call person at once (a number, a number and a Twilio Client)', () => {
		const { twiml, effects } = choose(SETUP, state(), '9', CALL, OPEN);
		expect(says(twiml)).toEqual([en.emergency]);
		expect(verb(twiml, 'dial')).toMatchObject({
			action: '/telephony/dial-done?lang=en&for=emergency',
			targets: [
				{ kind: 'number', e164: '+17205550101' },
				{ kind: 'number', e164: '+17205550102' },
				{ kind: 'client', identity: 'jchen' }
			]
		});
		expect(effects[0].update.step).toBe('emergency');
	});

	it('8 switches every prompt to Spanish, and 8 again back to English', () => {
		const spanish = choose(SETUP, state({ tries: 2 }), '8', CALL, OPEN);
		expect(says(spanish.twiml)).toEqual([es.menu, 'For English, press 8.']);
		expect(verb(spanish.twiml, 'gather')?.action).toBe('/telephony/menu?lang=es');
		expect(spanish.effects).toEqual([{ kind: 'step', update: { step: 'language:es', language: 'es' } }]);
		const message = choose(SETUP, state({ lang: 'es' }), '2', CALL, OPEN);
		expect(says(message.twiml)).toEqual([es.voicemail, 'Adiós.']);
		expect(verb(message.twiml, 'record')?.action).toBe('/telephony/recorded?lang=es&for=helpdesk');
		expect(says(choose(SETUP, state({ lang: 'es' }), '8', CALL, OPEN).twiml)).toEqual([en.menu, en.switchLanguage]);
	});

	it('4 digits dial that person alone, with the whisper; a SIP phone is dialled as SIP', () => {
		const { twiml, effects } = choose(SETUP, state(), '3448', CALL, OPEN);
		expect(verb(twiml, 'dial')).toEqual({
			verb: 'dial',
			action: '/telephony/dial-done?lang=en&for=person&to=pshah',
			timeoutSeconds: 20,
			targets: [{ kind: 'sip', uri: 'sip:3448@pbx.lakeside-usd.example' }],
			whisperUrl: `/telephony/whisper?lang=en&for=person&to=pshah&call=${CALL}`
		});
		expect(effects).toEqual([{ kind: 'step', update: { step: 'extension:pshah' } }]);
	});

	it('an extension whose person has no phone goes straight to their voicemail', () => {
		const { twiml, effects } = choose(SETUP, state(), '3452', CALL, OPEN);
		expect(says(twiml)[0]).toBe('No Phone is not available. Please leave a message after the tone, with your name, your school and a call-back number.');
		expect(verb(twiml, 'record')?.action).toBe('/telephony/recorded?lang=en&for=person&to=nophone');
		expect(effects.map((e) => e.update.step)).toEqual(['extension:nophone', 'no-phone', 'voicemail:nophone']);
	});

	it.each([['7'], ['3451'], ['1234'], ['34']])('%s is not an option: says so and offers the menu again', (digits) => {
		const { twiml, effects } = choose(SETUP, state(), digits, CALL, OPEN);
		expect(says(twiml)).toEqual([en.invalid, en.menu, en.switchLanguage]);
		expect(verb(twiml, 'gather')?.action).toBe('/telephony/menu?lang=en&tries=1');
		expect(verb(twiml, 'redirect')?.url).toBe('/telephony/menu?lang=en&tries=2');
		expect(effects).toEqual([{ kind: 'step', update: { step: `invalid:${digits}` } }]);
	});

	it('a round without a key repeats the menu; the third rings the help desk while open, and records for it while closed', () => {
		expect(says(choose(SETUP, state({ tries: 2 }), null, CALL, OPEN).twiml)).toEqual([en.menu, en.switchLanguage]);
		const open = choose(SETUP, state({ tries: 3 }), null, CALL, OPEN);
		expect(verb(open.twiml, 'dial')?.action).toBe('/telephony/dial-done?lang=en&for=helpdesk');
		expect(open.effects.map((e) => e.update.step)).toEqual(['no-choice', 'helpdesk']);
		const closed = choose(SETUP, state({ tries: 3 }), null, CALL, CLOSED);
		expect(verb(closed.twiml, 'record')?.action).toBe('/telephony/recorded?lang=en&for=helpdesk');
	});

	it('a third wrong key falls back the same way', () => {
		const { effects } = choose(SETUP, state({ tries: 2 }), '5', CALL, OPEN);
		expect(effects.map((e) => e.update.step)).toEqual(['invalid:5', 'helpdesk']);
	});
});

describe('the closed menu', () => {
	it('offers no help desk: 1 is not an option', () => {
		const { twiml } = choose(SETUP, state(), '1', CALL, CLOSED);
		expect(says(twiml)).toEqual([en.invalid, en.closedMenu, en.switchLanguage]);
	});

	it('still takes a message (2) and rings the on-call staff (9)', () => {
		expect(verb(choose(SETUP, state(), '2', CALL, CLOSED).twiml, 'record')).toBeDefined();
		expect(verb(choose(SETUP, state(), '9', CALL, CLOSED).twiml, 'dial')?.action).toBe('/telephony/dial-done?lang=en&for=emergency');
	});

	it('an extension takes a message for that person instead of ringing them', () => {
		const { twiml, effects } = choose(SETUP, state({ lang: 'es' }), '3447', CALL, CLOSED);
		expect(says(twiml)[0]).toBe('Jordan Chen no está disponible. Deje un mensaje después del tono, con su nombre, su escuela y un número para devolverle la llamada.');
		expect(verb(twiml, 'dial')).toBeUndefined();
		expect(effects.map((e) => e.update.step)).toEqual(['extension:jchen', 'voicemail:jchen']);
	});

	it('names the next opening in Spanish after switching', () => {
		const { twiml } = answer(SETUP, state({ lang: 'es' }), CLOSED);
		expect(says(twiml)[1]).toBe('La mesa de ayuda está cerrada ahora. Abrimos mañana a las 7 de la mañana.');
	});
});

describe('the whisper and the end of a dial', () => {
	it('tells the person who picked up who is calling, twice, and hangs up their leg without a key', () => {
		const { twiml } = whisper(SETUP, state({ for: 'helpdesk', caller: 'lgarcia', call: CALL }), '+17195550100');
		expect(twiml).toEqual([
			{
				verb: 'gather',
				action: `/telephony/whisper-done?lang=en&for=helpdesk&caller=lgarcia&call=${CALL}`,
				numDigits: 1,
				timeoutSeconds: 6,
				prompts: [
					{ verb: 'say', text: 'Help desk call from Linda Garcia. Press 1 to accept.', language: 'en' },
					{ verb: 'pause', seconds: 1 },
					{ verb: 'say', text: 'Help desk call from Linda Garcia. Press 1 to accept.', language: 'en' }
				]
			},
			{ verb: 'hangup' }
		]);
	});

	it('tells it in Spanish, then in English, when the caller chose Spanish', () => {
		const texts = says(whisper(SETUP, state({ lang: 'es', for: 'helpdesk', caller: 'lgarcia', call: CALL }), '+17195550100').twiml);
		expect(texts).toEqual(['Llamada en español de Linda Garcia a la mesa de ayuda. Para aceptar, oprima 1.', 'Help desk call from Linda Garcia. Press 1 to accept.']);
	});

	it('names an unknown caller by their number, digit by digit', () => {
		expect(says(whisper(SETUP, state({ for: 'helpdesk', call: CALL }), '+13035550177').twiml)[0]).toBe('Help desk call from 3 0 3, 5 5 5, 0 1 7 7. Press 1 to accept.');
	});

	it('1 takes the call and logs who answered, found by the number dialled', () => {
		const taken = whisperAnswered(SETUP, state({ for: 'helpdesk', call: CALL }), '1', '+17205550102');
		expect(taken).toEqual({ twiml: [], effects: [{ kind: 'step', update: { step: 'answered:tokafor', outcome: 'answered', answeredBy: 'tokafor' } }] });
		const emergency = whisperAnswered(SETUP, state({ for: 'emergency', call: CALL }), '1', 'client:jchen');
		expect(emergency.effects[0].update).toEqual({ step: 'answered:jchen', outcome: 'emergency-answered', answeredBy: 'jchen' });
	});

	it('any other key, or none, hangs up the answering phone only (a cell phone voicemail cannot take the call)', () => {
		for (const digits of ['2', null]) expect(whisperAnswered(SETUP, state({ for: 'helpdesk', call: CALL }), digits, '+17205550101')).toEqual({ twiml: [{ verb: 'hangup' }], effects: [] });
	});

	it('an answered dial ends the call; no answer from the help desk records for the help desk', () => {
		expect(dialEnded(SETUP, state({ for: 'helpdesk' }), { status: 'completed', bridged: null }).twiml).toEqual([{ verb: 'hangup' }]);
		for (const status of ['no-answer', 'busy', 'failed', 'canceled']) {
			const { twiml, effects } = dialEnded(SETUP, state({ for: 'helpdesk' }), { status, bridged: null });
			expect(verb(twiml, 'record')?.action).toBe('/telephony/recorded?lang=en&for=helpdesk');
			expect(effects.map((e) => e.update.step)).toEqual(['no-answer', 'voicemail']);
		}
		// Every phone declined at the whisper: Twilio reports the dial completed but never bridged.
		expect(verb(dialEnded(SETUP, state({ for: 'helpdesk' }), { status: 'completed', bridged: 'false' }).twiml, 'record')).toBeDefined();
	});

	it('no answer at an extension: "leave a message for" that person, filed for them', () => {
		const { twiml } = dialEnded(SETUP, state({ for: 'person', to: 'pshah', from: '+17195550100' }), { status: 'no-answer', bridged: null });
		expect(says(twiml)[0]).toMatch(/^Priya Shah is not available/);
		expect(verb(twiml, 'record')).toMatchObject({
			action: '/telephony/recorded?lang=en&for=person&to=pshah&from=%2B17195550100',
			transcribeCallback: '/telephony/transcription?lang=en&for=person&to=pshah&from=%2B17195550100'
		});
	});

	it('an emergency nobody answered: the emergency message, recorded for the on-call staff', () => {
		const { twiml, effects } = dialEnded(SETUP, state({ for: 'emergency' }), { status: 'no-answer', bridged: null });
		expect(says(twiml)[0]).toBe(en.emergencyVoicemail);
		expect(verb(twiml, 'record')?.action).toBe('/telephony/recorded?lang=en&for=emergency');
		expect(effects.map((e) => e.update.step)).toEqual(['no-answer', 'emergency-voicemail']);
	});

	it('nobody on the help desk list with a phone: straight to the message', () => {
		const setup = { ...SETUP, line: { ...LINE, helpdesk: ['gone', 'nophone'] } };
		expect(ring(setup, state({ for: 'helpdesk' }), CALL).effects.map((e) => e.update.step)).toEqual(['helpdesk', 'no-phone', 'voicemail']);
	});
});

describe('after the recording', () => {
	it('reads the ticket number back one character at a time, twice, then says goodbye', () => {
		const { twiml, effects } = messageSaved(SETUP, state({ for: 'helpdesk' }), 'KMN-2A');
		const chars = ['K', 'M', 'N', 'dash', '2', 'A'];
		expect(says(twiml)).toEqual(['Thank you. Your message is saved as ticket number', ...chars, 'Once more:', ...chars, 'Goodbye.']);
		expect(twiml.filter((v) => v.verb === 'pause')).toHaveLength(13);
		expect(twiml.at(-1)).toEqual({ verb: 'hangup' });
		expect(effects).toEqual([{ kind: 'step', update: { step: 'recorded', outcome: 'voicemail' } }]);
		expect(messageSaved(SETUP, state({ for: 'emergency' }), 'KMN-2A').effects[0].update.outcome).toBe('emergency-voicemail');
	});

	it('in Spanish', () => {
		expect(says(messageSaved(SETUP, state({ lang: 'es' }), 'KMN-2A').twiml)[0]).toBe('Gracias. Su mensaje quedó guardado con el número de caso');
	});

	it('a failed step apologizes, then records for the help desk', () => {
		const { twiml } = apology(en, 90, state({ for: 'person', to: 'pshah', from: '+17195550100' }));
		expect(twiml).toEqual([{ verb: 'say', text: en.apology, language: 'en' }, { ...RECORD_EN_HELPDESK, maxLengthSeconds: 90 }, { verb: 'say', text: 'Goodbye.', language: 'en' }, { verb: 'hangup' }]);
	});

	it('the voicemail route on its own defaults to the help desk', () => {
		expect(verb(leaveMessage(SETUP, state()).twiml, 'record')?.action).toBe('/telephony/recorded?lang=en&for=helpdesk');
	});
});

describe('the call state carried in the URLs', () => {
	it('keeps a SIP caller address of 48 characters, and an emergency in Spanish, whole', () => {
		const from = 'sip:+13035550142@lakeside-usd.sip.us1.twilio.com';
		expect(CallState.parse({ lang: 'es', for: 'emergency', from })).toEqual({ lang: 'es', for: 'emergency', from, tries: 0 });
	});

	it('drops a field that does not parse and keeps the rest: an emergency stays an emergency', () => {
		expect(CallState.parse({ lang: 'es', for: 'emergency', from: 'x'.repeat(201), tries: 'many', to: 'Not A Name' })).toEqual({ lang: 'es', for: 'emergency', tries: 0 });
		expect(CallState.parse({ lang: 'fr', for: 'person', to: 'pshah' })).toEqual({ lang: 'en', for: 'person', to: 'pshah', tries: 0 });
	});
});

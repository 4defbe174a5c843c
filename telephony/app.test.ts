import { Hono } from 'hono';
import twilio from 'twilio';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../core/sla/calendar';
import type { UserProfile } from '../core/schemas';
import { DEFAULT_PROMPTS, defaultPhoneLine } from '../core/telephony/defaults';
import { telephonyApp } from './app';
import type { CallUpdate, LineSetup, PhoneLine, RecordingFacts } from './line';

const TOKEN = '0123456789abcdef0123456789abcdef';
const PUBLIC = 'https://help.lakeside-usd.example';
const CALL = 'CA11111111111111111111111111111111';
const LEG = 'CA22222222222222222222222222222222';
const REC = 'RE33333333333333333333333333333333';
const TRANS = 'TR44444444444444444444444444444444';
// Tuesday 8 December 2026, 10:00 in Denver (open); 18:00 (closed).
const OPEN = new Date('2026-12-08T17:00:00Z');
const CLOSED = new Date('2026-12-09T01:00:00Z');
const weekday = [{ start: '07:00', end: '15:30' }];
const CALENDAR: BusinessCalendar = { timeZone: 'America/Denver', hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] }, overrides: [], closures: [] };
const person = (username: string, name: string, phone: string, extension: string): UserProfile => ({ _id: `user:${username}`, type: 'user', username, name, role: 'coordinator', kind: 'staff', buildings: [], active: true, phone, extension });
const PEOPLE = [person('mrivera', 'Marisol Rivera', '720-555-0101', '3446'), person('pshah', 'Priya Shah', '720-555-0104', '3448')];

/** The line's side effects, kept in memory: this test is about the webhooks, not the pipeline behind them. */
class MemoryLine implements PhoneLine {
	written: string[] = [];
	steps: [string, CallUpdate][] = [];
	filed: RecordingFacts[] = [];
	failing = new Set<string>();
	constructor(public setupData: LineSetup) {}
	#check(name: string) {
		if (this.failing.has(name)) throw new Error(`${name} failed on purpose`);
	}
	async setup() {
		this.#check('setup');
		return this.setupData;
	}
	async callStarted(call: { callSid: string; from: string }) {
		this.#check('callStarted');
		this.written.push(`call ${call.callSid} from ${call.from}`);
		return { caller: this.setupData.people.find((p) => p.phone === '720-555-0101' && call.from === '+17205550101') ?? null };
	}
	async callStep(callSid: string, update: CallUpdate) {
		this.steps.push([callSid, update]);
	}
	async fileVoicemail(recording: RecordingFacts) {
		this.#check('fileVoicemail');
		this.filed.push(recording);
		return { ticket: 'KMN-2AB' };
	}
	async recordingStatus(recording: RecordingFacts & { status: string }) {
		this.written.push(`recording ${recording.recordingSid} ${recording.status} for ${JSON.stringify(recording.for)} from ${recording.from}`);
	}
	async transcription(t: { transcriptionSid: string; status: string; text: string | null }) {
		this.#check('transcription');
		this.written.push(`transcript ${t.transcriptionSid} ${t.status}: ${t.text}`);
	}
	async callStatus(s: { callSid: string; status: string; durationSeconds: number | null }) {
		this.written.push(`status ${s.callSid} ${s.status} ${s.durationSeconds}`);
	}
}

let line: MemoryLine;
let clock: Date;
let app: Hono;
beforeEach(() => {
	const phoneLine = defaultPhoneLine(OPEN, { helpdesk: ['mrivera'], onCall: ['mrivera', 'pshah'], defaultBuilding: 'district-office' });
	line = new MemoryLine({ line: phoneLine, people: PEOPLE, buildings: [], calendar: CALENDAR });
	clock = OPEN;
	app = new Hono().route('/telephony', telephonyApp({ authToken: TOKEN, publicUrl: PUBLIC, line, now: () => clock }));
});

type Options = { signedUrl?: string; signedParams?: Record<string, string>; signature?: string | null; headers?: Record<string, string>; algorithm?: string };
/** Posts a form to `path` as Twilio would, signed for PUBLIC_URL + path unless told otherwise. */
async function post(path: string, params: Record<string, string>, o: Options = {}) {
	const signature = o.signature === undefined ? twilio.getExpectedTwilioSignature(TOKEN, o.signedUrl ?? `${PUBLIC}${path}`, o.signedParams ?? params, o.algorithm) : o.signature;
	const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...(o.headers ?? {}) };
	if (signature !== null) headers['X-Twilio-Signature'] = signature;
	const response = await app.fetch(new Request(`http://127.0.0.1:3000${path}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() }));
	return { status: response.status, body: await response.text() };
}
const voiceParams = { CallSid: CALL, From: '+17205550101', To: '+13035550100', AccountSid: 'AC00000000000000000000000000000000' };

describe('signatures', () => {
	it('answers a signed incoming call with the greeting and menu, and starts the call log', async () => {
		const answer = await post('/telephony/voice', voiceParams);
		expect(answer.status).toBe(200);
		expect(answer.body).toContain(`<Gather action="${PUBLIC}/telephony/menu?lang=en&amp;caller=mrivera" method="POST" timeout="3" numDigits="4" finishOnKey="#">`);
		expect(answer.body).toContain(DEFAULT_PROMPTS.en.greeting);
		expect(line.written).toEqual([`call ${CALL} from +17205550101`]);
		expect(line.steps).toEqual([[CALL, { step: 'menu', language: 'en' }]]);
	});

	it.each<[string, Options]>([
		['unsigned', { signature: null }],
		['forged', { signature: 'bm90IGEgc2lnbmF0dXJl' }],
		['signed for another URL', { signedUrl: `${PUBLIC}/telephony/status` }],
		['signed for another host', { signedUrl: 'https://evil.example/telephony/voice' }],
		['signed for other parameters', { signedParams: { ...voiceParams, From: '+17195550100' } }],
		['signed with SHA-1 while the header says SHA-256', { headers: { 'X-Twilio-Webhooks-Signature-Settings': 'key=k,algorithm=HMAC_SHA256' } }]
	])('refuses a request %s with 403 and writes nothing', async (_name, options) => {
		const answer = await post('/telephony/voice', voiceParams, options);
		expect(answer.status).toBe(403);
		expect(answer.body).not.toContain('<Response');
		expect([line.written, line.steps]).toEqual([[], []]);
	});

	it('checks the request target exactly as it arrived, not the URL as parsed (which percent-encodes a double quote)', async () => {
		const raw = '/telephony/menu?lang=en&note="x"';
		const params = { CallSid: CALL, From: '+17195550100', Digits: '2' };
		const send = (signedFor: string) =>
			app.fetch(
				new Request(`http://127.0.0.1:3000${raw}`, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(TOKEN, signedFor, params) },
					body: new URLSearchParams(params).toString()
				}),
				{ incoming: { url: raw } }
			);
		expect((await send(`${PUBLIC}${raw}`)).status).toBe(200);
		expect((await send(`${PUBLIC}/telephony/menu?lang=en&note="y"`)).status).toBe(403);
	});

	it('takes HMAC-SHA256 when the settings header asks for it', async () => {
		const headers = { 'X-Twilio-Webhooks-Signature-Settings': 'key=webhooks_sharedkey_1,algorithm=HMAC_SHA256' };
		expect((await post('/telephony/voice', voiceParams, { headers, algorithm: 'HMAC_SHA256' })).status).toBe(200);
	});
});

describe('the voice steps', () => {
	it('2 then a recording: the ticket is filed for the help desk and its number read back', async () => {
		const menu = await post('/telephony/menu?lang=en', { CallSid: CALL, From: '+17195550100', Digits: '2' });
		expect(menu.body).toContain(`<Record action="${PUBLIC}/telephony/recorded?lang=en&amp;for=helpdesk&amp;from=%2B17195550100" method="POST" maxLength="120"`);
		const recorded = await post('/telephony/recorded?lang=en&for=helpdesk&from=%2B17195550100', { CallSid: CALL, From: '+17195550100', To: '+17205550100', RecordingSid: REC, RecordingDuration: '31' });
		// The number dialled goes with the recording: an emergency's SMS is sent from it, whatever the call log holds.
		expect(line.filed).toEqual([{ callSid: CALL, recordingSid: REC, from: '+17195550100', dialled: '+17205550100', durationSeconds: 31, language: 'en', for: { kind: 'helpdesk' }, at: OPEN }]);
		expect(recorded.body).toContain('<Say language="en-US">K</Say><Pause length="1"/><Say language="en-US">M</Say>');
		expect(recorded.body.match(/<Say language="en-US">B<\/Say>/g)).toHaveLength(2);
		expect(line.steps.map(([, u]) => u.step)).toEqual(['voicemail', 'recorded']);
	});

	it('an extension nobody answers: a message filed for that person', async () => {
		const dial = await post('/telephony/menu?lang=es', { CallSid: CALL, From: '+17195550100', Digits: '3448' });
		expect(dial.body).toContain(`<Number url="${PUBLIC}/telephony/whisper?lang=es&amp;for=person&amp;to=pshah&amp;call=${CALL}">+17205550104</Number>`);
		const done = await post('/telephony/dial-done?lang=es&for=person&to=pshah', { CallSid: CALL, From: '+17195550100', DialCallStatus: 'no-answer' });
		expect(done.body).toContain('Priya Shah no está disponible');
		await post('/telephony/recorded?lang=es&for=person&to=pshah&from=%2B17195550100', { CallSid: CALL, RecordingSid: REC, RecordingDuration: '12' });
		expect(line.filed[0]).toMatchObject({ for: { kind: 'person', username: 'pshah' }, language: 'es', from: '+17195550100' });
	});

	it('the answering leg pressing 1 is logged on the caller’s call, and bridges it', async () => {
		const done = await post(`/telephony/whisper-done?lang=en&for=helpdesk&call=${CALL}`, { CallSid: LEG, From: '+17195550100', To: '+17205550101', Digits: '1' });
		expect(done.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
		expect(line.steps).toEqual([[CALL, { step: 'answered:mrivera', outcome: 'answered', answeredBy: 'mrivera' }]]);
	});

	it('keeps the call’s state when its URL carries a parameter the line does not know', async () => {
		const menu = await post('/telephony/menu?lang=es&extra=1', { CallSid: CALL, From: '+17195550100', Digits: '2' });
		expect(menu.body).toContain(`<Say language="es-MX">${DEFAULT_PROMPTS.es.voicemail}</Say>`);
	});

	it('after hours the call hears when the desk opens', async () => {
		clock = CLOSED;
		expect((await post('/telephony/voice', voiceParams)).body).toContain('The help desk is closed now. We open tomorrow at 7 AM.');
	});
});

describe('failures', () => {
	it('a step that throws answers an apology and a recording for the help desk, never an error', async () => {
		line.failing.add('setup');
		const answer = await post('/telephony/menu?lang=es', { CallSid: CALL, From: '+17195550100', Digits: '1' });
		expect(answer.status).toBe(200);
		expect(answer.body).toContain(`<Say language="es-MX">${DEFAULT_PROMPTS.es.apology}</Say><Record action="${PUBLIC}/telephony/recorded?lang=es&amp;for=helpdesk&amp;from=%2B17195550100"`);
		expect(line.steps).toEqual([[CALL, { step: 'apology' }]]);
	});

	it('a new call whose log cannot be started still reaches the apology', async () => {
		line.failing.add('callStarted');
		expect((await post('/telephony/voice', voiceParams)).body).toContain(DEFAULT_PROMPTS.en.apology);
	});

	it('a recording that cannot be filed now says goodbye (its status callback files it) instead of recording again', async () => {
		line.failing.add('fileVoicemail');
		const answer = await post('/telephony/recorded?lang=en&for=helpdesk', { CallSid: CALL, RecordingSid: REC, RecordingDuration: '5' });
		expect(answer.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say language="en-US">Goodbye.</Say><Hangup/></Response>');
	});

	it('Twilio’s fallback URL gets the apology in the language of the URL that failed', async () => {
		const answer = await post('/telephony/fallback', { CallSid: CALL, From: '+17195550100', ErrorCode: '11200', ErrorUrl: `${PUBLIC}/telephony/menu?lang=es` });
		expect(answer.body).toContain(DEFAULT_PROMPTS.es.apology);
	});
});

describe('callbacks', () => {
	it('hands the recording status, the transcript and the call status to the line, with the state from the query', async () => {
		await post('/telephony/recording-status?lang=en&for=emergency&from=%2B17195550100', { CallSid: CALL, RecordingSid: REC, RecordingStatus: 'completed', RecordingDuration: '40' });
		await post('/telephony/transcription?lang=en&for=emergency', { RecordingSid: REC, TranscriptionSid: TRANS, TranscriptionStatus: 'completed', TranscriptionText: 'The server room is flooding.' });
		await post('/telephony/status', { CallSid: CALL, CallStatus: 'completed', CallDuration: '95' });
		expect(line.written).toEqual([
			`recording ${REC} completed for {"kind":"emergency"} from +17195550100`,
			`transcript ${TRANS} completed: The server room is flooding.`,
			`status ${CALL} completed 95`
		]);
	});

	it('refuses a callback without its ids (400, nothing written), and asks for a resend when the line fails (503)', async () => {
		const missing = await post('/telephony/transcription', { RecordingSid: REC, TranscriptionStatus: 'completed' });
		expect(missing.status).toBe(400);
		expect(missing.body).toMatch(/transcriptionSid/);
		line.failing.add('transcription');
		expect((await post('/telephony/transcription', { RecordingSid: REC, TranscriptionSid: TRANS, TranscriptionStatus: 'failed' })).status).toBe(503);
		expect(line.written).toEqual([]);
	});
});

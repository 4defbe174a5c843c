import { request } from 'node:http';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PROMPTS } from '../../core/telephony/defaults';
import { CallDoc, VoicemailDoc } from '../../core/telephony/docs';
import { api, device, saveUser } from '../support/district';
import { eventually, twilioSid } from '../support/phone-district';
import { startServer, type WatchedServer } from '../support/server';
import { silentWav, startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';

// What Twilio has on file for the number: not the address the test reaches the process on, as behind a proxy.
const PUBLIC_URL = 'https://help.lakeside-usd.example';

/** POSTs a form exactly as given (the path is sent byte for byte: no client re-encodes it), with the headers given. */
function rawPost(server: WatchedServer, path: string, params: Record<string, string>, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	const body = new URLSearchParams(params).toString();
	return new Promise((done, fail) => {
		const req = request(
			{ host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } },
			(res) => {
				let text = '';
				res.on('data', (c: Buffer) => (text += c.toString()));
				res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
			}
		);
		req.once('error', fail);
		req.end(body);
	});
}

describe('the phone line’s signatures, over the real server', () => {
	let server: WatchedServer;
	let standin: TwilioStandin;
	let n = 0x5160;
	const sign = (url: string, params: Record<string, string>, algorithm?: string) => twilio.getExpectedTwilioSignature(standin.authToken, url, params, algorithm);
	/** Twilio's request for `path`: signed for PUBLIC_URL + path unless `signedFor` says another URL or `signedParams` other parameters. */
	const post = (path: string, params: Record<string, string>, o: { signedFor?: string; signedParams?: Record<string, string>; headers?: Record<string, string> } = {}) =>
		rawPost(server, path, params, { 'X-Twilio-Signature': sign(o.signedFor ?? `${PUBLIC_URL}${path}`, o.signedParams ?? params), ...(o.headers ?? {}) });
	const newCall = () => ({ CallSid: twilioSid('CA', ++n), From: '+17195550100', To: '+13035550100', AccountSid: standin.accountSid });
	/** The call's log once written (the webhook answers before the call log is written). */
	const loggedCall = (callSid: string) =>
		eventually(device(server, 'admin').remote, `the call log of ${callSid}`, async () => {
			const r = await api(server, `/db/helpdesk/call:${callSid}`);
			return r.status === 200 ? CallDoc.parse(r.body) : null;
		});
	/**
	 * After a refused first request of a call: the same call, signed, from another number. Each call's log is written in
	 * the order its requests came, and a call is logged once, so the log shows this caller only if the refused request
	 * wrote nothing.
	 */
	const signedAfterRefused = async (call: Record<string, string>) => {
		const signed = { ...call, From: '+13035550177' };
		expect((await post('/telephony/voice', signed)).status).toBe(200);
		expect(await loggedCall(call.CallSid)).toMatchObject({ callSid: call.CallSid, from: '+13035550177' });
	};

	beforeAll(async () => {
		standin = await startTwilioStandin();
		server = await startServer({ PUBLIC_URL, TWILIO_ACCOUNT_SID: standin.accountSid, TWILIO_AUTH_TOKEN: standin.authToken, TWILIO_API_URL: standin.url });
	});
	afterAll(async () => {
		await server?.dispose();
		await standin?.close();
	});

	it('answers a signed call with the menu and logs the call; says at start-up that the line is on, with the URLs', async () => {
		const call = newCall();
		const answer = await post('/telephony/voice', call);
		expect(answer.status).toBe(200);
		expect(answer.body).toContain(`<Gather action="${PUBLIC_URL}/telephony/menu?lang=en"`);
		expect(answer.body).toContain(DEFAULT_PROMPTS.en.greeting);
		expect(await loggedCall(call.CallSid)).toMatchObject({ from: call.From, outcome: 'in-progress' });
		expect(server.output()).toContain(`Phone line on: in Twilio, voice URL ${PUBLIC_URL}/telephony/voice, status callback ${PUBLIC_URL}/telephony/status, fallback URL ${PUBLIC_URL}/telephony/fallback`);
	});

	it.each<[string, (call: Record<string, string>) => Parameters<typeof post>[2] & { unsigned?: boolean }]>([
		['unsigned', () => ({ unsigned: true })],
		['forged', () => ({ headers: { 'X-Twilio-Signature': 'Zm9yZ2VkIHNpZ25hdHVyZSE=' } })],
		['signed for the address the process listens on instead of PUBLIC_URL', () => ({ signedFor: `http://127.0.0.1:${server.port}/telephony/voice` })],
		['signed for another route', () => ({ signedFor: `${PUBLIC_URL}/telephony/status` })],
		['tampered with (another caller number than signed)', (call) => ({ signedParams: { ...call, From: '+19705550101' } })]
	])('refuses a call %s: 403, and no call is logged', async (_name, options) => {
		const call = newCall();
		const o = options(call);
		const answer = o.unsigned ? await rawPost(server, '/telephony/voice', call, {}) : await post('/telephony/voice', call, o);
		expect(answer.status).toBe(403);
		expect(answer.body).not.toContain('<Response');
		await signedAfterRefused(call);
	});

	it('refuses a recording callback signed for other parameters: no voicemail is filed from it', async () => {
		const call = newCall();
		const recordingSid = twilioSid('RE', n);
		standin.addRecording(recordingSid, silentWav());
		const params = { CallSid: call.CallSid, RecordingSid: recordingSid, RecordingStatus: 'completed', RecordingDuration: '30' };
		const path = '/telephony/recording-status?lang=en&for=helpdesk&from=%2B17195550100';
		expect((await post(path, params, { signedParams: { ...params, RecordingDuration: '3' } })).status).toBe(403);
		// Twilio's own retry, signed: the voicemail is filed once per recording, so it shows this request's duration only if
		// the refused one filed nothing.
		expect((await post(path, { ...params, RecordingDuration: '7' })).status).toBe(200);
		const vm = VoicemailDoc.parse((await api(server, `/db/helpdesk/voicemail:${recordingSid}`)).body);
		expect(vm.durationSeconds).toBe(7);
	});

	it('checks the query exactly as it arrived: + and %20 pass as signed, and the same URL spelled otherwise is refused', async () => {
		const call = newCall();
		const path = '/telephony/voicemail?lang=en&for=helpdesk&from=+1%20719+555+0100';
		const answer = await post(path, call);
		expect(answer.status).toBe(200);
		expect(answer.body).toContain(`<Record action="${PUBLIC_URL}/telephony/recorded?lang=en&amp;for=helpdesk&amp;from=+1+719+555+0100"`);
		expect((await post(path, call, { signedFor: `${PUBLIC_URL}/telephony/voicemail?lang=en&for=helpdesk&from=+1+719+555+0100` })).status).toBe(403);
	});

	it('takes an apostrophe in the query as Twilio signed it (twilio-node #1183 is fixed in the SDK used)', async () => {
		const answer = await post("/telephony/menu?lang=en&note=o'brien", { ...newCall(), Digits: '9' });
		expect(answer.status).toBe(200);
		expect(answer.body).toContain('<Response>');
	});

	it('takes HMAC-SHA256 when the signature settings header asks for it, and refuses SHA-1 then', async () => {
		const headers = { 'X-Twilio-Webhooks-Signature-Settings': 'key=webhooks_sharedkey_1,algorithm=HMAC_SHA256' };
		const call = newCall();
		const url = `${PUBLIC_URL}/telephony/voice`;
		expect((await rawPost(server, '/telephony/voice', call, { 'X-Twilio-Signature': sign(url, call, 'HMAC_SHA256'), ...headers })).status).toBe(200);
		const other = newCall();
		expect((await rawPost(server, '/telephony/voice', other, { 'X-Twilio-Signature': sign(url, other), ...headers })).status).toBe(403);
		await signedAfterRefused(other);
	});

	it('shows administrators the line on, with the three URLs to give Twilio, and nobody else', async () => {
		const status = await api(server, '/api/phone/status');
		expect(status).toMatchObject({
			status: 200,
			body: { on: true, voiceUrl: `${PUBLIC_URL}/telephony/voice`, statusUrl: `${PUBLIC_URL}/telephony/status`, fallbackUrl: `${PUBLIC_URL}/telephony/fallback` }
		});
		expect((await fetch(`${server.url}/api/phone/status`)).status).toBe(401);
		await saveUser(server, { username: 'coord', role: 'coordinator', buildings: [] });
		expect(await api(server, '/api/phone/status', { as: 'coord' })).toMatchObject({ status: 403, body: { reason: 'Only administrators see how the phone line is connected.' } });
	});
});

describe('a server without Twilio’s account SID and token', () => {
	let server: WatchedServer;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(async () => {
		await server?.dispose();
	});

	it('says at start-up that the line is off and which variables turn it on, and answers /telephony with that reason (503)', async () => {
		expect(server.output()).toContain('Phone line: off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console, Account Info) and restart the server.');
		const answer = await rawPost(server, '/telephony/voice', { CallSid: twilioSid('CA', 1) }, {});
		expect(answer).toEqual({ status: 503, body: 'The phone line is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console, Account Info) and restart the server.' });
		expect((await api(server, '/api/phone/status')).body).toMatchObject({ on: false, reason: expect.stringMatching(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/) });
	});

	it('seeds the phone line (the administrator on the help desk and on call), and gives it back to a store made before it', async () => {
		expect((await api(server, '/db/helpdesk/phone-line:district')).body).toMatchObject({ helpdesk: ['admin'], onCall: ['admin'], ringSeconds: 20, maxRecordingSeconds: 120 });
		await server.stop();
		const store = new PouchDB(join(server.dataDir, 'helpdesk'));
		try {
			await store.remove(await store.get('phone-line:district'));
		} finally {
			await store.close();
		}
		await server.restart();
		expect(server.output()).toContain('data: existing data (added the phone line)');
		expect((await api(server, '/db/helpdesk/phone-line:district')).status).toBe(200);
	});
});

import { request } from 'node:http';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationId } from '../../core/notify/notification-doc';
import { Ticket } from '../../core/schemas';
import { VoicemailDoc } from '../../core/telephony/docs';
import { device } from '../support/district';
import { type Mailbox, startMailbox } from '../support/mailbox';
import { mailOf } from '../support/notify-district';
import { E164, type PhoneDistrict, startPhoneDistrict } from '../support/phone-calls';
import { LINE_NUMBER, twilioSid } from '../support/phone-district';
import { jobsCaughtUp, pathOf, publicUrl, twilioPost } from '../support/phone-signed';
import { silentWav } from '../support/twilio-standin';

// A caller on a SIP trunk: Twilio's From is the SIP address, longer than a phone number.
const SIP_CALLER = 'sip:+13035550142@lakeside-usd.sip.us1.twilio.com';

interface Answer {
	status: number;
	body: string;
	/** Milliseconds from the request's start to the end of the answer. */
	ms: number;
}

describe('the phone line’s limits and long caller IDs, over the real server and signed HTTP', () => {
	let d: PhoneDistrict;
	let mailbox: Mailbox;
	const admin = () => device(d.server, 'admin').remote;
	const token = () => d.twilio.authToken;

	/**
	 * POSTs a form to /telephony/voice with a raw body. With `declared`, the Content-Length says that many bytes but only
	 * `body` is sent and the request is left open: an answer then came before the body was read. Without it, the body
	 * goes chunked (no length given).
	 */
	const post = (body: string, headers: Record<string, string>, declared?: number): Promise<Answer> => {
		const started = performance.now();
		return new Promise((done, fail) => {
			const req = request(
				{
					host: '127.0.0.1',
					port: d.server.port,
					path: '/telephony/voice',
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded', ...(declared !== undefined ? { 'content-length': declared } : {}), ...headers }
				},
				(res) => {
					let text = '';
					res.on('data', (c: Buffer) => (text += c.toString()));
					res.on('end', () => {
						done({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started });
						req.destroy();
					});
				}
			);
			// A server that waits for the rest of a body that never comes fails the test in 10 s, not at the test's timeout.
			req.setTimeout(10_000, () => {
				req.destroy();
				fail(new Error('no answer in 10 s: the server waited for the rest of the body'));
			});
			// The server may close the connection while the rest of the body is still on its way.
			req.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : fail(error)));
			if (declared !== undefined) req.write(body);
			else req.end(body);
		});
	};
	const signedFor = (params: Record<string, string>) => twilio.getExpectedTwilioSignature(token(), `${publicUrl(d.server)}/telephony/voice`, params);

	beforeAll(async () => {
		mailbox = await startMailbox();
		d = await startPhoneDistrict({ SMTP_URL: mailbox.url, MAIL_FROM: 'District Helpdesk <helpdesk@district.test>' });
	});
	afterAll(async () => {
		await d?.dispose();
		await mailbox?.close();
	});

	it('refuses a body over 64 KB with 413 before reading it, signed or not', async () => {
		const start = 'CallSid=' + twilioSid('CA', 0x1a0001) + '&From=%2B13035550142&Note=';
		// The length says 70 KB; 1 KB is sent and the rest never comes: the answer comes from the length alone.
		const declared = await post(start + 'x'.repeat(1024), { 'X-Twilio-Signature': signedFor({}) }, 70 * 1024);
		expect(declared.status).toBe(413);
		expect(declared.body).toBe('Payload too large: a phone webhook is at most 64 KB.');
		// No length given (chunked), unsigned: refused as too large once 64 KB have come, not as unsigned.
		const chunked = await post(start + 'x'.repeat(70 * 1024), {});
		expect(chunked.status).toBe(413);
		// A signed 60 KB body is no trouble.
		const call = { CallSid: twilioSid('CA', 0x1a0002), From: E164.ann, To: LINE_NUMBER, Note: 'x'.repeat(60 * 1024) };
		expect((await twilioPost(d.server, token(), '/telephony/voice', call)).status).toBe(200);
	});

	it('answers 1,000 repeated parameters, and a 64 KB body of them, quickly: 403 unsigned, 413 signed (too many fields)', async () => {
		const thousand = Array.from({ length: 1000 }, () => 'Digits=1').join('&');
		const unsigned = await post(thousand, {});
		expect(unsigned.status).toBe(403);
		const signed = await post(thousand, { 'X-Twilio-Signature': signedFor({ Digits: '1' }) });
		expect(signed).toMatchObject({ status: 413, body: 'Payload too large: a phone webhook has at most 200 fields.' });
		// As many repeats as fit in 64 KB (a list copied per repeat would take seconds here).
		const most = Array.from({ length: Math.floor((64 * 1024) / 4) - 1 }, () => 'a=1').join('&');
		expect(most.length).toBeLessThan(64 * 1024);
		const full = await post(most, { 'X-Twilio-Signature': signedFor({ a: '1' }) });
		expect(full.status).toBe(413);
		// Quickly: well under a second here; 2 s leaves room for a machine busy with other work.
		for (const answer of [unsigned, signed, full]) expect(answer.ms).toBeLessThan(2000);
	});

	it('files a caller on a SIP address (longer than 40 characters) who presses 9 and leaves a message as a priority-1 emergency, and alerts on call', async () => {
		const n = 0x1a0010;
		const recordingSid = twilioSid('RE', n);
		d.twilio.addRecording(recordingSid, silentWav());
		const base = { CallSid: twilioSid('CA', n), AccountSid: d.twilio.accountSid, From: SIP_CALLER, To: LINE_NUMBER };
		const step = async (path: string, params: Record<string, string>) => {
			const answer = await twilioPost(d.server, token(), path, { ...base, ...params });
			expect(answer.status, answer.text).toBe(200);
			return answer.text;
		};
		const menu = await step('/telephony/voice', { CallStatus: 'ringing' });
		const dial = await step(pathOf(menu, 'action'), { CallStatus: 'in-progress', Digits: '9' });
		expect(dial).toContain('<Dial');
		const record = await step(pathOf(dial, 'action'), { CallStatus: 'in-progress', DialCallStatus: 'no-answer' });
		expect(record).toContain('<Record');
		const status = await twilioPost(d.server, token(), pathOf(record, 'recordingStatusCallback'), { CallSid: base.CallSid, AccountSid: base.AccountSid, RecordingSid: recordingSid, RecordingStatus: 'completed', RecordingDuration: '21' });
		expect(status.status, status.text).toBe(200);

		const vm = VoicemailDoc.parse(await admin().get(`voicemail:${recordingSid}`));
		expect(vm.emergency).toBe(true);
		expect(Ticket.parse(await admin().get(`ticket:${vm.ticket}`))).toMatchObject({ priority: 1, assignee: null, source: 'voicemail' });
		// SMS to the two on-call people with a mobile, an email and an in-app alert to each of the three.
		await d.twilio.waitFor('the emergency SMS', () => d.twilio.messages.filter((m) => m.body.includes(vm.ticket)).length, 2);
		await mailbox.waitFor('an email to each on-call person', () => ['coord', 'spec', 'tech-s'].filter((u) => mailbox.to(mailOf(u)).some((m) => m.subject.includes(vm.ticket))).length, 3);
		await jobsCaughtUp(d.server, d.twilio);
		expect(d.twilio.messages.filter((m) => m.body.includes(vm.ticket)).map((m) => m.to).sort()).toEqual([E164.spec, E164.coord]);
		for (const username of ['coord', 'spec', 'tech-s']) {
			const key = `phone:emergency:${vm.ticket}:${username}`;
			expect(await device(d.server, username).remote.get(notificationId(username, key))).toMatchObject({ kind: 'emergency', ticket: vm.ticket });
		}
	});
});

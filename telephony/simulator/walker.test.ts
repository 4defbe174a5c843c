import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedCall } from '../../core/telephony/simulate';
import { walkCall } from './walker';

const TOKEN = 'walker-test-token-0123456789abcdef';
const PUBLIC = 'https://help.example';

/**
 * A hand-written line (not ours: fixed TwiML per path) that checks every signature with the SDK against the public URL,
 * as the real webhooks do, and records what it received.
 */
function fixedLine(answers: Record<string, { status: number; xml: string }>) {
	const received: { path: string; params: Record<string, string>; signed: boolean }[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			const params = Object.fromEntries(new URLSearchParams(body));
			const path = req.url ?? '/';
			const signed = twilio.validateRequest(TOKEN, String(req.headers['x-twilio-signature']), PUBLIC + path, params);
			received.push({ path, params, signed });
			const answer = answers[path.split('?')[0]] ?? { status: 200, xml: '<Response/>' };
			res.writeHead(answer.status, { 'content-type': 'text/xml' });
			res.end(answer.xml);
		});
	});
	return { server, received };
}

describe('walkCall against a fixed line', () => {
	const { server, received } = fixedLine({
		'/telephony/voice': { status: 500, xml: 'Internal error' },
		'/telephony/fallback': {
			status: 200,
			xml: `<Response><Say language="en-US">Sorry.</Say><Record action="${PUBLIC}/telephony/recorded?lang=en" recordingStatusCallback="${PUBLIC}/telephony/recording-status" transcribeCallback="${PUBLIC}/telephony/transcription" maxLength="2"/></Response>`
		},
		'/telephony/recorded': { status: 200, xml: `<Response><Redirect>https://elsewhere.example/x</Redirect></Response>` }
	});
	let url = '';

	beforeAll(async () => {
		await new Promise<void>((done) => (server as Server).listen(0, '127.0.0.1', done));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((done) => server.close(() => done())));

	it('signs every request over the public URL, takes the fallback after a failed answer, sends callbacks in the order asked, caps the recording, and never leaves the line’s address', async () => {
		const delivered: string[] = [];
		const result = await walkCall({
			line: { publicUrl: PUBLIC, serverUrl: url, authToken: TOKEN, accountSid: `AC${'1'.repeat(32)}` },
			call: SimulatedCall.parse({ from: '(303) 555-0142', say: 'Printer jam.', callbacks: ['transcription', 'action', 'recording'] }),
			apiUrl: 'https://api.example',
			// Eight seconds of 8 kHz mu-law audio.
			speak: async () => {
				const b = Buffer.alloc(44);
				b.write('RIFF', 0, 'ascii');
				b.write('WAVEfmt ', 8, 'ascii');
				b.writeUInt32LE(16, 16);
				b.writeUInt32LE(8000, 28);
				b.write('data', 36, 'ascii');
				b.writeUInt32LE(64_000, 40);
				return new Uint8Array(b);
			},
			deliverRecording: async (recordingSid) => void delivered.push(recordingSid)
		});

		expect(received.every((r) => r.signed)).toBe(true);
		expect(received.map((r) => r.path)).toEqual([
			'/telephony/voice',
			'/telephony/fallback',
			'/telephony/transcription',
			'/telephony/recorded?lang=en',
			'/telephony/recording-status',
			'/telephony/status'
		]);
		expect(received[0].params).toMatchObject({ From: '+13035550142', To: '+13035550100', CallStatus: 'ringing', CallSid: result.callSid });
		expect(received[1].params).toMatchObject({ ErrorCode: '11200', ErrorUrl: `${PUBLIC}/telephony/voice` });
		expect(received[2].params).toMatchObject({ TranscriptionText: 'Printer jam.', TranscriptionStatus: 'completed', RecordingSid: result.recordingSid });
		expect(received[3].params).toMatchObject({ RecordingDuration: '2', RecordingUrl: `https://api.example/2010-04-01/Accounts/AC${'1'.repeat(32)}/Recordings/${result.recordingSid}` });
		expect(delivered).toEqual([result.recordingSid]);
		expect(result.events.map((e) => e.kind)).toEqual(['error', 'say', 'record', 'callback', 'callback', 'callback', 'error', 'hangup', 'callback']);
		expect(result.events[0]).toMatchObject({ message: '/telephony/voice answered 500' });
		expect(result.events[6]).toMatchObject({ message: expect.stringContaining('outside PUBLIC_URL') });
		expect(received.at(-1)!.params).toMatchObject({ CallStatus: 'completed' });
	});
});

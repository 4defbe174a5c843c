import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from './server';

/** A text message the stand-in took, as Twilio's Messages API received it. */
export interface SentSms {
	from: string;
	to: string;
	body: string;
}

export interface TwilioStandin {
	/** TWILIO_API_URL for the server under test. */
	url: string;
	accountSid: string;
	authToken: string;
	/** Makes a recording downloadable (as Twilio has it once the call ends). */
	addRecording(recordingSid: string, bytes: Uint8Array): void;
	/** Gives the recording a finished transcript, as Twilio's Transcriptions list shows it (its callback may never come). */
	addTranscript(recordingSid: string, text: string): void;
	/** Whether Twilio still has the recording (the pipeline deletes it once stored and transcribed). */
	hasRecording(recordingSid: string): boolean;
	/** Every request, as "METHOD /path" (for "the server never fetched anything else"). */
	requests: string[];
	downloads: string[];
	deletions: string[];
	messages: SentSms[];
	/** Requests refused for wrong or missing credentials. */
	unauthorized(): number;
	/** Answers every request 503 while on (Twilio down), or serves again. */
	fail(on: boolean): void;
	/** Resolves once `count()` reaches `n` (checked on every request); rejects after `ms`. */
	waitFor(what: string, count: () => number, n: number, ms?: number): Promise<void>;
	close(): Promise<void>;
}

/** A 16-bit PCM WAV of `samples` silent samples at 8 kHz: what Twilio serves at a recording's `.wav`. */
export function silentWav(samples = 800): Uint8Array {
	const data = samples * 2;
	const b = Buffer.alloc(44 + data);
	b.write('RIFF', 0, 'ascii');
	b.writeUInt32LE(36 + data, 4);
	b.write('WAVEfmt ', 8, 'ascii');
	b.writeUInt32LE(16, 16);
	b.writeUInt16LE(1, 20);
	b.writeUInt16LE(1, 22);
	b.writeUInt32LE(8000, 24);
	b.writeUInt32LE(16000, 28);
	b.writeUInt16LE(2, 32);
	b.writeUInt16LE(16, 34);
	b.write('data', 36, 'ascii');
	b.writeUInt32LE(data, 40);
	return new Uint8Array(b);
}

const body = (req: IncomingMessage): Promise<string> =>
	new Promise((done) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (text += chunk));
		req.on('end', () => done(text));
	});

/**
 * The only stand-in of the phone tests: Twilio's REST and media hosts on a loopback port. Recordings (GET `.wav`,
 * DELETE, their Transcriptions list) and Messages (POST, recorded), each checking HTTP Basic with the account SID and auth token.
 */
export async function startTwilioStandin(accountSid = `AC${'1'.repeat(32)}`, authToken = 'test-auth-token-0123456789abcdef'): Promise<TwilioStandin> {
	const port = await freePort();
	const recordings = new Map<string, Uint8Array>();
	const transcripts = new Map<string, string>();
	const state = { failing: false, unauthorized: 0 };
	const requests: string[] = [];
	const downloads: string[] = [];
	const deletions: string[] = [];
	const messages: SentSms[] = [];
	const watchers = new Set<() => void>();
	const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
	const account = `/2010-04-01/Accounts/${accountSid}`;
	const json = (res: ServerResponse, status: number, value: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(value));
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const path = new URL(req.url ?? '/', 'http://standin').pathname;
		requests.push(`${req.method} ${path}`);
		if (state.failing) return json(res, 503, { code: 20503, message: 'Service unavailable', status: 503 });
		if (req.headers.authorization !== expected) {
			state.unauthorized++;
			return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
		}
		const recording = new RegExp(`^${account}/Recordings/(RE[0-9a-f]{32})(\\.wav|\\.json)?$`).exec(path);
		if (recording && req.method === 'GET' && recording[2] === '.wav') {
			const bytes = recordings.get(recording[1]);
			if (!bytes) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
			downloads.push(recording[1]);
			res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': bytes.length });
			return res.end(Buffer.from(bytes));
		}
		const transcriptions = new RegExp(`^${account}/Recordings/(RE[0-9a-f]{32})/Transcriptions\\.json$`).exec(path);
		if (transcriptions && req.method === 'GET') {
			if (!recordings.has(transcriptions[1])) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
			const text = transcripts.get(transcriptions[1]);
			const list = text === undefined ? [] : [{ sid: `TR${transcriptions[1].slice(2)}`, recording_sid: transcriptions[1], status: 'completed', transcription_text: text }];
			return json(res, 200, { transcriptions: list, page: 0, page_size: 50, next_page_uri: null, uri: path });
		}
		if (recording && req.method === 'DELETE') {
			// Twilio deletes a recording's transcriptions with it.
			transcripts.delete(recording[1]);
			const had = recordings.delete(recording[1]);
			if (!had) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
			deletions.push(recording[1]);
			res.writeHead(204);
			return res.end();
		}
		if (path === `${account}/Messages.json` && req.method === 'POST') {
			const form = new URLSearchParams(await body(req));
			const sms = { from: form.get('From') ?? '', to: form.get('To') ?? '', body: form.get('Body') ?? '' };
			messages.push(sms);
			const sid = `SM${messages.length.toString(16).padStart(32, '0')}`;
			return json(res, 201, { sid, account_sid: accountSid, from: sms.from, to: sms.to, body: sms.body, status: 'queued', date_created: new Date().toUTCString() });
		}
		return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
	};

	const server = createServer((req, res) => {
		handle(req, res)
			.catch(() => json(res, 500, { message: 'stand-in error' }))
			.finally(() => {
				for (const watcher of [...watchers]) watcher();
			});
	});
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	return {
		url: `http://127.0.0.1:${port}`,
		accountSid,
		authToken,
		addRecording: (sid, bytes) => recordings.set(sid, bytes),
		addTranscript: (sid, text) => transcripts.set(sid, text),
		hasRecording: (sid) => recordings.has(sid),
		requests,
		downloads,
		deletions,
		messages,
		unauthorized: () => state.unauthorized,
		fail: (on) => {
			state.failing = on;
		},
		waitFor: (what, count, n, ms = 30_000) =>
			new Promise<void>((done, fail) => {
				const check = () => {
					if (count() < n) return;
					watchers.delete(check);
					clearTimeout(timer);
					done();
				};
				const timer = setTimeout(() => {
					watchers.delete(check);
					fail(new Error(`${what}: ${count()} of ${n} in ${ms} ms; requests: ${JSON.stringify(requests.slice(-20))}`));
				}, ms);
				watchers.add(check);
				check();
			}),
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}

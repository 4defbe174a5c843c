/**
 * Phone line benchmark: webhook latency with 50 concurrent simulated calls against the real server, beside a bare
 * Hono route answering the same TwiML (the anchor) in the same run.
 *
 *   npx tsx tests/bench/phone.ts      (also part of npm run bench; never part of npm test)
 *
 * The real server (its own process, the line on, DEMO=0) takes ROUNDS rounds of CALLS calls at once; each call is the
 * simulator walking the line as Twilio would: /telephony/voice, the menu (2: voicemail), the recording's action,
 * recording status and transcript callbacks, the status callback. Every webhook's round trip is timed (a voicemail
 * files a ticket). The recording (made once by espeak-ng) is uploaded through the simulate API beforehand, untimed.
 * The anchor takes the same number of signed requests, CALLS at a time, with /telephony/voice's form body.
 * Goal: p99 under 50 ms.
 *
 * Pacing: a caller listens to a prompt before pressing a key, so each call waits a random think time (THINK_MS, by
 * default 100 to 600 ms: far quicker than people, a heavier load than real calls) before each of its requests; the
 * anchor's 50 workers wait the same. BENCH_PHONE_THINK_MS=0 sends every call's requests back to back instead: a
 * saturation test, where both figures measure queueing on this 2-core machine rather than a webhook's answer time.
 *
 * Knobs (environment): BENCH_PHONE_CALLS (50), BENCH_PHONE_ROUNDS (4), BENCH_PHONE_THINK_MS (600: the longest think time).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SimulatedCall } from '../../core/telephony/simulate';
import { speakToTelephoneWav } from '../../telephony/simulator/speech';
import { type LineAddress, postSigned, twilioSid } from '../../telephony/simulator/twilio-side';
import { walkCall } from '../../telephony/simulator/walker';
import { ADMIN_PASSWORD, freePort, type RunningServer, startServer } from '../support/server';
import { runBench } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? v : fallback;
};
const CALLS = envNum('BENCH_PHONE_CALLS', 50);
const ROUNDS = envNum('BENCH_PHONE_ROUNDS', 4);
const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const GOAL_P99_MS = 50;
const THINK_MS = process.env.BENCH_PHONE_THINK_MS === '0' ? 0 : envNum('BENCH_PHONE_THINK_MS', 600);
/** A caller's pause before a request: uniform from a sixth of THINK_MS to THINK_MS; none when THINK_MS is 0. */
const think = (): Promise<void> => (THINK_MS ? new Promise((done) => setTimeout(done, THINK_MS / 6 + Math.random() * (THINK_MS * 5) / 6)) : Promise.resolve());

const log = (...parts: unknown[]) => console.log('[phone bench]', ...parts);
let server: RunningServer | null = null;
let anchor: ChildProcess | null = null;
const tmp = mkdtempSync(join(tmpdir(), 'phone-bench-'));
const results: { name: string; ms: number[] }[] = [];
/** The load average (1 minute) as the timed rounds began: on a shared machine, the figures mean little without it. */
let loadAtStart: number | null = null;
/** The line's timings by webhook (path without its query), to see which step makes the tail. */
const byPath = new Map<string, number[]>();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (ms: number[]) => {
	const sorted = [...ms].sort((a, b) => a - b);
	return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
};

function report(): void {
	if (!results.length) return;
	console.log(`\nWebhook latency, ${CALLS} calls at once, ${THINK_MS ? `each pausing ${Math.round(THINK_MS / 6)} to ${THINK_MS} ms before a request` : 'requests back to back'} (load average ${loadAtStart === null ? '' : `${loadAtStart.toFixed(2)} at the start, `}${loadavg()[0].toFixed(2)} at the end):`);
	console.log('what'.padEnd(44), 'requests'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8));
	for (const { name, ms } of results) {
		const s = summary(ms);
		console.log(name.padEnd(44), String(s.n).padStart(8), s.p50.toFixed(1).padStart(8), s.p99.toFixed(1).padStart(8), s.max.toFixed(1).padStart(8));
	}
	for (const [path, ms] of [...byPath].sort()) {
		const s = summary(ms);
		console.log(`  ${path}`.padEnd(44), String(s.n).padStart(8), s.p50.toFixed(1).padStart(8), s.p99.toFixed(1).padStart(8), s.max.toFixed(1).padStart(8));
	}
	const line = results.find((r) => r.name.startsWith('phone line'));
	const bare = results.find((r) => r.name.startsWith('anchor'));
	if (line && bare) {
		const [l, b] = [summary(line.ms), summary(bare.ms)];
		console.log(`\nratio line/anchor: p50 ${(l.p50 / b.p50).toFixed(1)}x, p99 ${(l.p99 / b.p99).toFixed(1)}x`);
		console.log(`goal p99 < ${GOAL_P99_MS} ms: ${l.p99 < GOAL_P99_MS ? 'met' : 'NOT met'} (${l.p99.toFixed(1)} ms)`);
	}
}

async function main(): Promise<void> {
	server = await startServer({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_API_URL: 'http://127.0.0.1:9' });
	const line: LineAddress = { publicUrl: `http://localhost:${server.port}`, serverUrl: server.url, authToken: AUTH_TOKEN, accountSid: ACCOUNT_SID };
	const wav = await speakToTelephoneWav('My printer in room twelve is jammed, please call me back.', 'en');
	const authorization = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
	const call = SimulatedCall.parse({ from: '+13035550123', digits: ['2'], say: 'My printer in room twelve is jammed.' });
	const place = (timings: number[] | null) =>
		walkCall({
			line,
			call,
			apiUrl: 'http://127.0.0.1:9',
			beforeRequest: () => (timings ? think() : Promise.resolve()),
			speak: async () => wav,
			onAnswer: ({ path, status, ms }) => {
				if (status >= 400) throw new Error(`${path} answered ${status}`);
				if (!timings) return;
				timings.push(ms);
				const route = path.split('?')[0];
				byPath.set(route, [...(byPath.get(route) ?? []), ms]);
			},
			deliverRecording: async (recordingSid) => {
				const response = await fetch(`${server!.url}/api/admin/phone/simulate/recordings/${recordingSid}`, {
					method: 'PUT',
					headers: { authorization, 'content-type': 'audio/wav' },
					body: new Uint8Array(wav) as Uint8Array<ArrayBuffer>
				});
				if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
			}
		});

	log(`warming up (5 calls); load average ${loadavg()[0].toFixed(2)}…`);
	const first = await place(null);
	if (!first.events.some((e) => e.kind === 'record')) throw new Error(`The line did not record a voicemail for digit 2:\n${JSON.stringify(first.events, null, 1)}`);
	for (let i = 0; i < 4; i++) await place(null);

	const lineMs: number[] = [];
	loadAtStart = loadavg()[0];
	for (let round = 1; round <= ROUNDS; round++) {
		const started = performance.now();
		await Promise.all(Array.from({ length: CALLS }, () => place(lineMs)));
		log(`round ${round}: ${CALLS} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	}
	results.push({ name: 'phone line (real server, signed webhooks)', ms: lineMs });

	// The anchor answers what /telephony/voice answers, to the same signed form body.
	const voiceParams = { AccountSid: ACCOUNT_SID, CallSid: twilioSid('CA'), From: call.from, To: call.to, CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01' };
	const voice = await postSigned(line, '/telephony/voice', voiceParams);
	const twimlFile = join(tmp, 'voice.xml');
	writeFileSync(twimlFile, voice.body);
	// The server's background work (audio, transcripts) must not weigh on the anchor's figures.
	await server.dispose();
	server = null;
	const port = await freePort();
	anchor = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/bare-twiml.ts', String(port), twimlFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise<void>((done, fail) => {
		anchor!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('bare twiml ready') && done());
		anchor!.once('exit', (code) => fail(new Error(`the anchor exited with ${code}`)));
	});
	const bareLine = { ...line, serverUrl: `http://127.0.0.1:${port}` };
	const bareMs: number[] = [];
	const perWorker = Math.ceil(lineMs.length / CALLS);
	await Promise.all(
		Array.from({ length: CALLS }, async () => {
			for (let i = 0; i < perWorker; i++) {
				await think();
				const started = performance.now();
				const answer = await postSigned(bareLine, '/telephony/voice', { ...voiceParams, CallSid: twilioSid('CA') });
				bareMs.push(performance.now() - started);
				if (answer.body !== voice.body) throw new Error('the anchor answered other TwiML');
			}
		})
	);
	results.push({ name: 'anchor (bare Hono route, same TwiML)', ms: bareMs });
	report();
}

await runBench(main, {
	report,
	log,
	cleanup: async () => {
		anchor?.kill();
		await server?.dispose();
		rmSync(tmp, { recursive: true, force: true });
	}
});

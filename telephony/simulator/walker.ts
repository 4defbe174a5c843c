import { toE164 } from '../../core/telephony/dial-targets';
import type { CallEvent, SimulatedCall } from '../../core/telephony/simulate';
import type { Twiml, Verb } from '../../core/telephony/twiml';
import { readTwiml } from './read-twiml';
import { speakToTelephoneWav, wavSeconds } from './speech';
import { type LineAddress, pathOnLine, postSigned, TWILIO_WAIT_MS, twilioSid } from './twilio-side';

export interface WalkOptions {
	line: LineAddress;
	call: SimulatedCall;
	/** Twilio's REST base (TWILIO_API_URL): the RecordingUrl the callbacks carry points there, as Twilio's would. */
	apiUrl: string;
	/** Hands the recording to the server before any callback names it (SimulatedMedia in process, the upload API from the CLI). */
	deliverRecording(recordingSid: string, wav: Uint8Array): Promise<void>;
	/** Called with each event as it happens. */
	onEvent?(event: CallEvent): void;
	/** Called after each webhook answer with its round-trip time (the benchmark's measure). */
	onAnswer?(answer: { path: string; status: number; ms: number }): void;
	/** Awaited before each webhook request: the benchmark paces its calls as callers listening to prompts would. */
	beforeRequest?(path: string): Promise<void>;
	/** Makes the caller's message audio; espeak-ng and sox unless replaced. */
	speak?(text: string, language: SimulatedCall['language']): Promise<Uint8Array>;
}

export interface WalkResult {
	callSid: string;
	recordingSid: string | null;
	events: CallEvent[];
	/** Every signed request sent, in order, with its form parameters (a test replays them). */
	sent: { path: string; params: Record<string, string>; status: number }[];
}

/** One leg of the call: the caller's, or the whisper leg of the person who answers. */
interface Leg {
	params: Record<string, string>;
	digits: string[];
	heardBy: 'caller' | 'callee';
}

type Emitted = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'at'> : never) : never;

/** A call walks no further than this many TwiML requests: a menu that loops forever is reported, not followed. */
const MAX_REQUESTS = 60;
const SAY_WORDS_PER_SECOND = 2.5;
const CONVERSATION_SECONDS = 30;

/**
 * Places one call on the line through its real signed webhooks, as Twilio would: POST /telephony/voice, then every
 * URL its TwiML names, pressing the scripted digits, ringing, recording, sending the recording's callbacks in the
 * script's order and finally the call's status callback.
 */
export async function walkCall(options: WalkOptions): Promise<WalkResult> {
	return new CallWalk(options).run();
}

class CallWalk {
	#o: WalkOptions;
	#events: CallEvent[] = [];
	#at = 0;
	#requests = 0;
	#callSid = twilioSid('CA');
	#recordingSid: string | null = null;
	#lastStatus = 0;
	#sent: WalkResult['sent'] = [];

	constructor(options: WalkOptions) {
		this.#o = options;
	}

	async run(): Promise<WalkResult> {
		const { call } = this.#o;
		// Twilio sends a caller's number in E.164; a withheld one as it is.
		const from = toE164(call.from) ?? call.from;
		const caller: Leg = {
			params: {
				AccountSid: this.#o.line.accountSid,
				ApiVersion: '2010-04-01',
				CallSid: this.#callSid,
				From: from,
				To: call.to,
				Caller: from,
				Called: call.to,
				Direction: 'inbound',
				CallStatus: 'in-progress'
			},
			digits: [...call.digits],
			heardBy: 'caller'
		};
		let twiml = await this.#twiml('/telephony/voice', caller, { CallStatus: 'ringing' });
		while (twiml) twiml = await this.#play(twiml, caller);
		await this.#callback('status', '/telephony/status', {
			...caller.params,
			CallStatus: 'completed',
			CallDuration: String(Math.round(this.#at)),
			Duration: String(Math.ceil(this.#at / 60))
		});
		return { callSid: this.#callSid, recordingSid: this.#recordingSid, events: this.#events, sent: this.#sent };
	}

	#emit(event: Emitted, seconds = 0): void {
		const full = { ...event, at: Math.round(this.#at * 10) / 10 } as CallEvent;
		this.#events.push(full);
		this.#o.onEvent?.(full);
		this.#at += seconds;
	}

	/** Plays verbs until one leads elsewhere; returns the next TwiML, or null when the call (or leg) ends. */
	async #play(verbs: Twiml, leg: Leg): Promise<Twiml | null> {
		for (const verb of verbs) {
			switch (verb.verb) {
				case 'say':
				case 'pause':
					this.#hear(verb, leg);
					break;
				case 'gather': {
					const next = await this.#gather(verb, leg);
					if (next !== 'timeout') return next;
					break;
				}
				case 'dial':
					if (leg.heardBy === 'callee') return this.#fail('The whisper dialled again: a whisper only speaks and gathers.');
					return this.#dial(verb, leg);
				case 'record':
					if (leg.heardBy === 'callee') return this.#fail('The whisper recorded: a whisper only speaks and gathers.');
					return this.#record(verb, leg);
				case 'redirect':
					return this.#twiml(verb.url, leg);
				case 'hangup':
					this.#emit({ kind: 'hangup', by: 'line' });
					return null;
			}
		}
		// Twilio hangs up when the TwiML runs out; a whisper that runs out connects the call instead.
		if (leg.heardBy === 'caller') this.#emit({ kind: 'hangup', by: 'line' });
		return null;
	}

	#hear(verb: Extract<Verb, { verb: 'say' | 'pause' }>, leg: Leg): void {
		if (verb.verb === 'pause') return this.#emit({ kind: 'pause', seconds: verb.seconds }, verb.seconds);
		this.#emit({ kind: 'say', text: verb.text, language: verb.language, heardBy: leg.heardBy }, verb.text.split(/\s+/).length / SAY_WORDS_PER_SECOND);
	}

	async #gather(verb: Extract<Verb, { verb: 'gather' }>, leg: Leg): Promise<Twiml | null | 'timeout'> {
		for (const prompt of verb.prompts) this.#hear(prompt, leg);
		let digits = leg.digits.shift();
		if (!digits) {
			this.#emit({ kind: 'silence', seconds: verb.timeoutSeconds }, verb.timeoutSeconds);
			return 'timeout';
		}
		// Like a phone's type-ahead: digits past numDigits wait for the next menu.
		if (verb.numDigits && digits.length > verb.numDigits) {
			leg.digits.unshift(digits.slice(verb.numDigits));
			digits = digits.slice(0, verb.numDigits);
		}
		this.#emit({ kind: 'press', digits, by: leg.heardBy }, digits.length * 0.5);
		return this.#twiml(verb.action, leg, { Digits: digits });
	}

	async #dial(verb: Extract<Verb, { verb: 'dial' }>, leg: Leg): Promise<Twiml | null> {
		const targets = verb.targets.map((t) => (t.kind === 'number' ? t.e164 : t.kind === 'client' ? `client:${t.identity}` : t.uri));
		if (this.#o.call.answer === 'nobody' || !targets.length) {
			this.#emit({ kind: 'ring', targets, seconds: verb.timeoutSeconds }, verb.timeoutSeconds);
			this.#emit({ kind: 'no-answer' });
			return this.#twiml(verb.action, leg, { DialCallStatus: 'no-answer', DialCallDuration: '0' });
		}
		this.#emit({ kind: 'ring', targets, seconds: 5 }, 5);
		this.#emit({ kind: 'answered', target: targets[0] });
		const childSid = twilioSid('CA');
		let accepted = true;
		if (verb.whisperUrl) {
			const callee: Leg = {
				params: { ...leg.params, CallSid: childSid, ParentCallSid: this.#callSid, To: targets[0], Called: targets[0], Direction: 'outbound-dial' },
				digits: ['1'],
				heardBy: 'callee'
			};
			let whisper = await this.#twiml(verb.whisperUrl, callee);
			while (whisper) whisper = await this.#play(whisper, callee);
			// The whisper hangs up on a person who does not accept; running out of TwiML connects them.
			accepted = this.#events.at(-1)?.kind !== 'hangup';
		}
		if (accepted) this.#at += CONVERSATION_SECONDS;
		const status = accepted ? { DialCallStatus: 'completed', DialCallDuration: String(CONVERSATION_SECONDS) } : { DialCallStatus: 'no-answer', DialCallDuration: '0' };
		return this.#twiml(verb.action, leg, { ...status, DialCallSid: childSid });
	}

	async #record(verb: Extract<Verb, { verb: 'record' }>, leg: Leg): Promise<Twiml | null> {
		const { call } = this.#o;
		const wav = await (this.#o.speak ?? speakToTelephoneWav)(call.say, call.language);
		const seconds = Math.min(wavSeconds(wav), verb.maxLengthSeconds);
		const recordingSid = twilioSid('RE');
		this.#recordingSid = recordingSid;
		await this.#o.deliverRecording(recordingSid, wav);
		this.#emit({ kind: 'record', recordingSid, seconds, text: call.say }, seconds);
		const recording = {
			RecordingSid: recordingSid,
			RecordingUrl: `${this.#o.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${this.#o.line.accountSid}/Recordings/${recordingSid}`
		};
		const transcriptionSid = twilioSid('TR');
		let next: Twiml | null = null;
		let actionSent = false;
		for (const name of call.callbacks) {
			if (name === 'action') {
				const answer = await this.#twiml(verb.action, leg, { ...recording, RecordingDuration: String(seconds), Digits: 'hangup' });
				this.#emit({ kind: 'callback', name: 'action', status: this.#lastStatus });
				if (!actionSent) next = answer;
				actionSent = true;
			} else if (name === 'recording' && verb.recordingStatusCallback) {
				await this.#callback('recording', verb.recordingStatusCallback, {
					AccountSid: this.#o.line.accountSid,
					CallSid: this.#callSid,
					...recording,
					RecordingStatus: 'completed',
					RecordingDuration: String(seconds),
					RecordingChannels: '1',
					RecordingSource: 'RecordVerb'
				});
			} else if (name === 'transcription' && verb.transcribeCallback) {
				const done = call.transcription === 'completed';
				await this.#callback('transcription', verb.transcribeCallback, {
					...leg.params,
					...recording,
					TranscriptionSid: transcriptionSid,
					TranscriptionStatus: call.transcription,
					TranscriptionUrl: `${this.#o.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${this.#o.line.accountSid}/Transcriptions/${transcriptionSid}`,
					TranscriptionType: 'fast',
					...(done ? { TranscriptionText: call.say } : {})
				});
			}
		}
		if (!actionSent) this.#emit({ kind: 'hangup', by: 'caller' });
		return next;
	}

	/** Requests TwiML from the line; on a failed answer, Twilio's fallback URL, then its "application error". */
	async #twiml(url: string, leg: Leg, extra: Record<string, string> = {}): Promise<Twiml | null> {
		const path = pathOnLine(url, this.#o.line.publicUrl);
		if (!path) return this.#fail(`The line sent the call to ${url}, outside PUBLIC_URL; the simulator only follows the line's own URLs.`);
		if (++this.#requests > MAX_REQUESTS) return this.#fail(`The call went through ${MAX_REQUESTS} steps without ending; the simulator hung up.`);
		const answer = await this.#post(path, { ...leg.params, ...extra });
		const problem = answer.status === 0 ? `${path} did not answer within ${TWILIO_WAIT_MS / 1000} s` : answer.status !== 200 ? `${path} answered ${answer.status}` : null;
		if (!problem) {
			try {
				return readTwiml(answer.body);
			} catch (error) {
				return this.#fallback(path, leg, `${path} answered what is not TwiML: ${error instanceof Error ? error.message : error}`);
			}
		}
		return this.#fallback(path, leg, problem);
	}

	async #fallback(path: string, leg: Leg, problem: string): Promise<Twiml | null> {
		this.#emit({ kind: 'error', message: problem });
		if (path.startsWith('/telephony/fallback')) return this.#fail('Twilio would now say "An application error has occurred" and hang up.');
		return this.#twiml('/telephony/fallback', leg, { ErrorCode: '11200', ErrorUrl: this.#o.line.publicUrl.replace(/\/+$/, '') + path });
	}

	async #callback(name: string, url: string, params: Record<string, string>): Promise<void> {
		const path = pathOnLine(url, this.#o.line.publicUrl);
		if (!path) return void this.#fail(`The ${name} callback points outside PUBLIC_URL (${url}); not sent.`);
		const answer = await this.#post(path, params);
		this.#emit({ kind: 'callback', name, status: answer.status });
	}

	async #post(path: string, params: Record<string, string>) {
		await this.#o.beforeRequest?.(path);
		const started = performance.now();
		const answer = await postSigned(this.#o.line, path, params);
		this.#o.onAnswer?.({ path, status: answer.status, ms: performance.now() - started });
		this.#lastStatus = answer.status;
		this.#sent.push({ path, params, status: answer.status });
		return answer;
	}

	#fail(message: string): null {
		this.#emit({ kind: 'error', message });
		this.#emit({ kind: 'hangup', by: 'line' });
		return null;
	}
}

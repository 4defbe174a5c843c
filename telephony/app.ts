import { Hono } from 'hono';
import { z } from 'zod';
import { DEFAULT_PROMPTS } from '../core/telephony/defaults';
import { Language, sid } from '../core/telephony/docs';
import { answer, choose } from '../core/telephony/flow';
import { dialEnded, whisper, whisperAnswered } from '../core/telephony/flow-dial';
import { CallState, MAX_FROM } from '../core/telephony/flow-state';
import { type Effect, type StepResult, apology, leaveMessage, messageSaved } from '../core/telephony/flow-voicemail';
import type { Verb } from '../core/telephony/twiml';
import type { LineSetup, PhoneLine, VoicemailFor } from './line';
import { renderTwiml } from './render';
import { type SignedEnv, type TwilioParams, twilioSignature, webhookBodyLimit } from './signature';

export interface TelephonyOptions {
	/** The account's auth token: every webhook's signature is checked with it. */
	authToken: string;
	/** The server's public URL (PUBLIC_URL): what Twilio signs, and the base of every URL handed to it. */
	publicUrl: string;
	line: PhoneLine;
	/** The server's clock (CLOCK_OFFSET_MS). */
	now: () => Date;
}

const CallSid = sid('CA');
const text = z.string().max(2000);
const count = z.coerce.number().int().min(0).catch(0);

/** The first value of a form parameter ('' when absent). */
function param(params: TwilioParams, name: string): string {
	const value = params[name];
	return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The call state from the raw query; a malformed one (never from our own URLs) reads as a new English call. */
function stateOf(rawQuery: string, from: string): CallState {
	const parsed = CallState.safeParse(Object.fromEntries(new URLSearchParams(rawQuery)));
	const state = parsed.success ? parsed.data : CallState.parse({});
	return { ...state, from: state.from ?? (from ? from.slice(0, MAX_FROM) : undefined) };
}

function forWhom(state: CallState): VoicemailFor {
	if (state.for === 'person' && state.to) return { kind: 'person', username: state.to };
	return { kind: state.for === 'emergency' ? 'emergency' : 'helpdesk' };
}

const xml = (twiml: Verb[], publicUrl: string) =>
	new Response(renderTwiml(twiml, publicUrl), { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });

/**
 * The phone line's webhooks (mounted at /telephony): every request signed, every answer TwiML sent at once. A voice
 * step that fails answers an apology and a recording for the help desk, never Twilio's "application error".
 */
export function telephonyApp({ authToken, publicUrl, line, now }: TelephonyOptions) {
	const app = new Hono<SignedEnv>();
	app.use('*', webhookBodyLimit, twilioSignature(authToken, publicUrl));

	const log = (route: string, error: unknown) => console.error(`telephony ${route}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

	/**
	 * Queues each logged step to the call and answers without waiting: the line writes a call's steps in order. A failed
	 * write is logged and never stops the caller's answer.
	 */
	const apply = (callSid: string | undefined, effects: Effect[]) => {
		if (!callSid || !CallSid.safeParse(callSid).success) return;
		for (const effect of effects) void line.callStep(callSid, effect.update).catch((error) => log('call log', error));
	};

	const sorry = async (state: CallState): Promise<StepResult> => {
		const setup = await line.setup().catch(() => null);
		return apology(setup?.line.prompts[state.lang] ?? DEFAULT_PROMPTS[state.lang], setup?.line.maxRecordingSeconds ?? 120, state);
	};

	type Step = (ctx: { setup: LineSetup; state: CallState; params: TwilioParams; callSid: string; at: Date }) => Promise<StepResult> | StepResult;

	/** A voice route: the step's TwiML, or when it throws, `fallback` (by default the apology and a recording). */
	const voice = (route: string, step: Step, fallback?: (params: TwilioParams, state: CallState) => Promise<StepResult> | StepResult) =>
		app.post(`/${route}`, async (c) => {
			const params = c.get('twilioParams');
			const state = stateOf(c.get('rawQuery'), param(params, 'From'));
			const callSid = param(params, 'CallSid');
			let result: StepResult;
			try {
				if (!CallSid.safeParse(callSid).success) throw new Error('no CallSid in the request');
				result = await step({ setup: await line.setup(), state, params, callSid, at: now() });
			} catch (error) {
				log(route, error);
				result = fallback ? await fallback(params, state) : await sorry(state);
			}
			apply(state.call ?? callSid, result.effects);
			return xml(result.twiml, publicUrl);
		});

	voice('voice', async ({ setup, params, callSid, at }) => {
		const { caller } = await line.callStarted({ callSid, from: param(params, 'From'), to: param(params, 'To'), at });
		return answer(setup, CallState.parse({ caller: caller?.username }), at.getTime());
	});
	voice('menu', ({ setup, state, params, callSid, at }) => choose(setup, state, param(params, 'Digits') || null, callSid, at.getTime()));
	voice('dial-done', ({ setup, state, params }) => dialEnded(setup, state, { status: param(params, 'DialCallStatus'), bridged: param(params, 'DialBridged') || null }));
	voice('voicemail', ({ setup, state }) => leaveMessage(setup, state));
	// The whisper runs on the answering person's leg: when it fails, that leg hangs up and the caller's dial goes on.
	voice('whisper', ({ setup, state, params }) => whisper(setup, state, param(params, 'From')), () => ({ twiml: [{ verb: 'hangup' }], effects: [] }));
	voice(
		'whisper-done',
		({ setup, state, params }) => whisperAnswered(setup, state, param(params, 'Digits') || null, param(params, 'To')),
		(params) => ({ twiml: param(params, 'Digits') === '1' ? [] : [{ verb: 'hangup' }], effects: [] })
	);
	voice(
		'recorded',
		async ({ setup, state, params, callSid, at }) => {
			const recordingSid = sid('RE').parse(param(params, 'RecordingSid'));
			const facts = { callSid, recordingSid, from: state.from ?? '', dialled: param(params, 'To') || undefined, durationSeconds: count.parse(param(params, 'RecordingDuration')), language: state.lang, for: forWhom(state), at };
			const { ticket } = await line.fileVoicemail(facts);
			return messageSaved(setup, state, ticket);
		},
		// The recording is safe: its status callback files it. Another recording would make a second ticket.
		async (_params, state) => {
			const setup = await line.setup().catch(() => null);
			const prompts = setup?.line.prompts[state.lang] ?? DEFAULT_PROMPTS[state.lang];
			return { twiml: [{ verb: 'say', text: prompts.goodbye, language: state.lang }, { verb: 'hangup' }], effects: [] };
		}
	);
	app.post('/fallback', async (c) => {
		const params = c.get('twilioParams');
		const failedQuery = param(params, 'ErrorUrl').split('?')[1] ?? '';
		const state = stateOf(failedQuery, param(params, 'From'));
		log('fallback', `Twilio fell back after ${param(params, 'ErrorCode') || 'an error'} at ${param(params, 'ErrorUrl') || 'an unknown URL'}`);
		const result = await sorry({ ...state, for: 'helpdesk', to: undefined });
		apply(param(params, 'CallSid'), result.effects);
		return xml(result.twiml, publicUrl);
	});

	/** A callback (no caller listening): parsed, handed to the line, answered with empty TwiML; 400 names a missing field. */
	const callback = <T>(route: string, schema: z.ZodType<T>, read: (params: TwilioParams, state: CallState) => unknown, handle: (input: T) => Promise<void>) =>
		app.post(`/${route}`, async (c) => {
			const params = c.get('twilioParams');
			const parsed = schema.safeParse(read(params, stateOf(c.get('rawQuery'), '')));
			if (!parsed.success) return c.text(`Bad request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, 400);
			try {
				await handle(parsed.data);
			} catch (error) {
				log(route, error);
				return c.text('The phone line could not record this yet; send it again.', 503);
			}
			return xml([], publicUrl);
		});

	const recording = z.object({
		callSid: CallSid,
		recordingSid: sid('RE'),
		from: text,
		durationSeconds: count,
		status: text.min(1),
		language: Language,
		for: z.custom<VoicemailFor>()
	});
	callback(
		'recording-status',
		recording,
		(p, state) => ({
			callSid: param(p, 'CallSid'),
			recordingSid: param(p, 'RecordingSid'),
			from: state.from ?? '',
			durationSeconds: param(p, 'RecordingDuration'),
			status: param(p, 'RecordingStatus'),
			language: state.lang,
			for: forWhom(state)
		}),
		(input) => line.recordingStatus({ ...input, at: now() })
	);
	callback(
		'transcription',
		z.object({ recordingSid: sid('RE'), transcriptionSid: sid('TR'), status: text.min(1), text: z.string().max(20_000).nullable() }),
		(p) => ({ recordingSid: param(p, 'RecordingSid'), transcriptionSid: param(p, 'TranscriptionSid'), status: param(p, 'TranscriptionStatus'), text: param(p, 'TranscriptionText') || null }),
		(input) => line.transcription({ ...input, at: now() })
	);
	callback(
		'status',
		z.object({ callSid: CallSid, status: text.min(1), durationSeconds: z.coerce.number().int().min(0).nullable().catch(null) }),
		(p) => ({ callSid: param(p, 'CallSid'), status: param(p, 'CallStatus'), durationSeconds: param(p, 'CallDuration') || null }),
		(input) => line.callStatus({ ...input, at: now() })
	);
	return app;
}

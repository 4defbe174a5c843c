import { z } from 'zod';
import { ticketNumber } from '../schema-parts';
import { Language } from './docs';

/**
 * A call placed by the simulator (telephony/simulator/): what the caller does. The administrators' simulate API
 * (POST /api/admin/phone/simulate) and the CLI (`npm run call`) parse it here.
 */

/** The callbacks Twilio sends after a <Record>: the action (whose answer the call goes on with), the recording status, the transcript. */
export const SIMULATED_CALLBACKS = ['action', 'recording', 'transcription'] as const;
export const SimulatedCallback = z.enum(SIMULATED_CALLBACKS);
export type SimulatedCallback = z.infer<typeof SimulatedCallback>;

export const DEFAULT_CALLBACKS: SimulatedCallback[] = ['action', 'recording', 'transcription'];

/** The line's own number the simulated call dials (Twilio's `To`), unless another is given. */
export const SIMULATED_LINE_NUMBER = '+13035550100';

export const SimulatedCall = z
	.object({
		/** The caller's number as a phone would send it (Twilio's `From`); "anonymous" for a withheld number. */
		from: z
			.string()
			.trim()
			.regex(/^(\+?[0-9 ().-]{3,30}|anonymous)$/i, 'the caller is a phone number such as +13035550123 (or "anonymous")'),
		to: z.string().regex(/^\+[1-9]\d{6,14}$/, 'the number called is in E.164 form, such as +13035550100').default(SIMULATED_LINE_NUMBER),
		/** What the caller presses, one entry per menu that waits for digits, in order: "2", "8", "3448", "9". */
		digits: z.array(z.string().regex(/^[0-9*#]{1,10}$/, 'each entry is what the caller presses at one menu: up to 10 digits, * or #')).max(10).default([]),
		/** The message the caller leaves (spoken with espeak-ng, and sent as Twilio's transcript text). */
		say: z.string().trim().min(1, 'say what the caller leaves as a message').max(1000).default('Hello, this is a test call from the simulator.'),
		/** The caller's voice (the message's language). */
		language: Language.default('en'),
		/** When the line rings someone: nobody answers, or the first phone answers and presses 1 at the whisper. */
		answer: z.enum(['nobody', 'first']).default('nobody'),
		/** The callbacks after a recording, in the order sent; a repeated one is a replay, a missing one never arrives. */
		callbacks: z.array(SimulatedCallback).max(12).default(DEFAULT_CALLBACKS),
		/** What Twilio's transcription reports. */
		transcription: z.enum(['completed', 'failed']).default('completed')
	})
	.strict();
export type SimulatedCall = z.infer<typeof SimulatedCall>;
export type SimulatedCallInput = z.input<typeof SimulatedCall>;

/** One thing that happened on a simulated call; `at` is seconds since it began, on the call's own (simulated) clock. */
export const CallEvent = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('say'), at: z.number(), text: z.string(), language: Language, heardBy: z.enum(['caller', 'callee']) }),
	z.object({ kind: z.literal('pause'), at: z.number(), seconds: z.number() }),
	z.object({ kind: z.literal('press'), at: z.number(), digits: z.string(), by: z.enum(['caller', 'callee']) }),
	z.object({ kind: z.literal('silence'), at: z.number(), seconds: z.number() }),
	z.object({ kind: z.literal('ring'), at: z.number(), targets: z.array(z.string()), seconds: z.number() }),
	z.object({ kind: z.literal('answered'), at: z.number(), target: z.string() }),
	z.object({ kind: z.literal('no-answer'), at: z.number() }),
	z.object({ kind: z.literal('record'), at: z.number(), recordingSid: z.string(), seconds: z.number(), text: z.string() }),
	z.object({ kind: z.literal('callback'), at: z.number(), name: z.string(), status: z.number() }),
	z.object({ kind: z.literal('error'), at: z.number(), message: z.string() }),
	z.object({ kind: z.literal('hangup'), at: z.number(), by: z.enum(['line', 'caller']) })
]);
export type CallEvent = z.infer<typeof CallEvent>;

/** What a simulated call gave: its events, and the ticket its voicemail made (null when none). */
export const SimulationResult = z.object({
	callSid: z.string(),
	recordingSid: z.string().nullable(),
	ticket: ticketNumber.nullable(),
	events: z.array(CallEvent)
});
export type SimulationResult = z.infer<typeof SimulationResult>;

/** One line of the simulate API's NDJSON stream: an event as it happens, then the result (or why the call stopped). */
export const SimulationLine = z.union([
	CallEvent,
	SimulationResult.extend({ kind: z.literal('result') }),
	z.object({ kind: z.literal('failed'), reason: z.string() })
]);
export type SimulationLine = z.infer<typeof SimulationLine>;

/** Splits what an NDJSON stream delivered so far into its whole lines, and the partial line still coming. */
export function takeLines(buffered: string): { lines: string[]; rest: string } {
	const end = buffered.lastIndexOf('\n');
	if (end < 0) return { lines: [], rest: buffered };
	return { lines: buffered.slice(0, end).split('\n').filter((line) => line.trim()), rest: buffered.slice(end + 1) };
}

/** Reads "8 2" or "3448, 2" (what a caller presses at each menu, in order) into the simulator's digits; null when a digit is not a key. */
export function readDigits(text: string): string[] | null {
	const entries = text.split(/[\s,]+/).filter(Boolean);
	return entries.every((entry) => /^[0-9*#]{1,10}$/.test(entry)) ? entries : null;
}

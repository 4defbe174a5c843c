import type { Language } from './docs';

/**
 * TwiML as data: what the flow's pure steps return, and telephony/ renders with the twilio SDK's VoiceResponse.
 * URLs are paths under /telephony with their query (`/telephony/menu?lang=es`); the renderer prefixes PUBLIC_URL.
 * Keep `'` out of them (twilio-node #1183).
 */
export type DialTarget = { kind: 'number'; e164: string } | { kind: 'client'; identity: string } | { kind: 'sip'; uri: string };

export type Say = { verb: 'say'; text: string; language: Language };
export type Pause = { verb: 'pause'; seconds: number };

export type Verb =
	| Say
	| Pause
	| { verb: 'gather'; action: string; numDigits?: number; finishOnKey?: string; timeoutSeconds: number; prompts: (Say | Pause)[] }
	/** Rings every target at once; the first to accept (the whisper at `whisperUrl`) takes the call. */
	| { verb: 'dial'; action: string; timeoutSeconds: number; targets: DialTarget[]; whisperUrl: string | null; callerId?: string }
	| {
			verb: 'record';
			action: string;
			maxLengthSeconds: number;
			recordingStatusCallback: string;
			transcribeCallback: string;
			finishOnKey: string;
	  }
	| { verb: 'redirect'; url: string }
	| { verb: 'hangup' };

export type Twiml = Verb[];

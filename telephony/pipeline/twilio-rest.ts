import twilio from 'twilio';
import { z } from 'zod';
import { sid } from '../../core/telephony/docs';

/**
 * The SDK's HTTP client with every request moved onto `base` (TWILIO_API_URL): Twilio's own host in production, a
 * stand-in in tests. The SDK's `edge`/`region` options only reach other twilio.com hosts.
 */
export class RebasedRequestClient extends twilio.RequestClient {
	constructor(private readonly base: string) {
		super({ timeout: 15_000 });
	}

	override request<TData>(o: Parameters<twilio.RequestClient['request']>[0]) {
		const url = new URL(o.uri);
		return super.request<TData>({ ...o, uri: `${this.base.replace(/\/+$/, '')}${url.pathname}${url.search}` } as typeof o & { data?: TData });
	}
}

/** Twilio's account, as the configuration gives it. */
export interface TwilioAccount {
	accountSid: string;
	authToken: string;
	/** TWILIO_API_URL. */
	apiUrl: string;
}

const MAX_RECORDING_BYTES = 20 * 1024 * 1024;
/** One of Twilio's transcriptions of a recording, as much of it as the pipeline reads. */
const TwilioTranscription = z.object({ sid: sid('TR'), status: z.string().max(20), text: z.string().max(20_000).nullable() });

/**
 * The REST calls the pipeline makes, all on TWILIO_API_URL with the account's credentials: a recording's audio (its
 * address built from the RecordingSid, never taken from a callback), its transcript, deleting it, and sending an SMS.
 */
export class TwilioRest {
	readonly #client;

	constructor(private readonly account: TwilioAccount) {
		this.#client = twilio(account.accountSid, account.authToken, { httpClient: new RebasedRequestClient(account.apiUrl) });
	}

	#recordingUrl(recordingSid: string, ext: string): string {
		return `${this.account.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${this.account.accountSid}/Recordings/${recordingSid}${ext}`;
	}

	/** The recording as a WAV file; throws with the status when Twilio refuses. */
	async downloadRecording(recordingSid: string): Promise<Uint8Array> {
		const auth = Buffer.from(`${this.account.accountSid}:${this.account.authToken}`).toString('base64');
		const response = await fetch(this.#recordingUrl(recordingSid, '.wav'), { headers: { authorization: `Basic ${auth}` }, signal: AbortSignal.timeout(60_000) });
		if (!response.ok) throw new Error(`downloading recording ${recordingSid} answered ${response.status}`);
		const bytes = new Uint8Array(await response.arrayBuffer());
		if (bytes.length > MAX_RECORDING_BYTES) throw new Error(`recording ${recordingSid} is larger than 20 MB`);
		return bytes;
	}

	/** Deletes the recording at Twilio; one already gone counts as deleted. */
	async deleteRecording(recordingSid: string): Promise<void> {
		try {
			await this.#client.recordings(recordingSid).remove();
		} catch (error) {
			if ((error as { status?: number }).status !== 404) throw error;
		}
	}

	/** The recording's finished transcript at Twilio, if it has one (for a transcription callback that never came). */
	async completedTranscript(recordingSid: string): Promise<{ transcriptionSid: string; text: string } | null> {
		try {
			const transcriptions = await this.#client.recordings(recordingSid).transcriptions.list({ limit: 5 });
			for (const t of transcriptions) {
				const parsed = TwilioTranscription.safeParse({ sid: t.sid, status: t.status, text: t.transcriptionText });
				if (parsed.success && parsed.data.status === 'completed' && parsed.data.text) return { transcriptionSid: parsed.data.sid, text: parsed.data.text };
			}
			return null;
		} catch (error) {
			if ((error as { status?: number }).status === 404) return null;
			throw error;
		}
	}

	/** Sends a text message; returns Twilio's MessageSid. */
	async sendSms(message: { from: string; to: string; body: string }): Promise<string> {
		const sent = await this.#client.messages.create({ from: message.from, to: message.to, body: message.body });
		return sent.sid;
	}
}

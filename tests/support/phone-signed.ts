import twilio from 'twilio';
import { api, device } from './district';
import { eventually, LINE_NUMBER, twilioSid } from './phone-district';
import type { WatchedServer } from './server';
import { silentWav, type TwilioStandin } from './twilio-standin';

/** The server's public URL: what Twilio signs (PUBLIC_URL, or the default the server takes). */
export const publicUrl = (server: WatchedServer): string => server.env.PUBLIC_URL ?? `http://localhost:${server.port}`;

/** Posts a webhook as Twilio does: form-encoded, signed with the auth token over the public URL and the parameters. */
export async function twilioPost(server: WatchedServer, authToken: string, path: string, params: Record<string, string>): Promise<{ status: number; text: string }> {
	const signature = twilio.getExpectedTwilioSignature(authToken, `${publicUrl(server)}${path}`, params);
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
		body: new URLSearchParams(params).toString()
	});
	return { status: response.status, text: await response.text() };
}

/** The path and query of a URL in TwiML (attributes are XML-escaped). */
export function pathOf(twiml: string, attribute: string): string {
	const match = new RegExp(`${attribute}="([^"]+)"`).exec(twiml);
	if (!match) throw new Error(`no ${attribute} in ${twiml}`);
	const url = new URL(match[1].replace(/&amp;/g, '&'), 'http://x');
	return `${url.pathname}${url.search}`;
}

/** A call that reaches the recording: its ids and the three callback paths Twilio was given in the <Record>. */
export interface RecordedCall {
	callSid: string;
	recordingSid: string;
	transcriptionSid: string;
	action: string;
	recordingStatus: string;
	transcription: string;
}

/** Calls the line from `from` and asks for voicemail (the help desk's, a person's or the emergency one) as Twilio would. */
export async function callToVoicemail(server: WatchedServer, authToken: string, ids: { callSid: string; recordingSid: string; transcriptionSid: string }, from: string, query: string): Promise<RecordedCall> {
	const base = { CallSid: ids.callSid, AccountSid: `AC${'1'.repeat(32)}`, From: from, To: LINE_NUMBER };
	const voice = await twilioPost(server, authToken, '/telephony/voice', { ...base, CallStatus: 'ringing' });
	if (voice.status !== 200) throw new Error(`voice answered ${voice.status}: ${voice.text}`);
	const record = await twilioPost(server, authToken, `/telephony/voicemail?${query}`, { ...base, CallStatus: 'in-progress' });
	if (record.status !== 200) throw new Error(`voicemail answered ${record.status}: ${record.text}`);
	return { ...ids, action: pathOf(record.text, 'action'), recordingStatus: pathOf(record.text, 'recordingStatusCallback'), transcription: pathOf(record.text, 'transcribeCallback') };
}

let caughtUp = 0;

/**
 * Resolves once the server's phone jobs have run every job that requests answered before this call made due: one
 * runner works through due jobs in the order they became due, so a new voicemail's transcript, sent now, is attached
 * only after them. Leaves a voicemail (help desk, transcript done, audio stored) from +17195550198.
 */
export async function jobsCaughtUp(server: WatchedServer, standin: TwilioStandin): Promise<void> {
	const n = 0xca0000 + ++caughtUp;
	const ids = { callSid: twilioSid('CA', n), recordingSid: twilioSid('RE', n), transcriptionSid: twilioSid('TR', n) };
	standin.addRecording(ids.recordingSid, silentWav());
	const c = await callToVoicemail(server, standin.authToken, ids, '+17195550198', 'for=helpdesk&from=%2B17195550198');
	const status = await twilioPost(server, standin.authToken, c.recordingStatus, { CallSid: c.callSid, RecordingSid: c.recordingSid, RecordingStatus: 'completed', RecordingDuration: '5' });
	if (status.status !== 200) throw new Error(`recording status answered ${status.status}: ${status.text}`);
	const transcription = await twilioPost(server, standin.authToken, c.transcription, { TranscriptionSid: c.transcriptionSid, TranscriptionText: 'The jobs caught up.', TranscriptionStatus: 'completed', RecordingSid: c.recordingSid });
	if (transcription.status !== 200) throw new Error(`transcription answered ${transcription.status}: ${transcription.text}`);
	await eventually(device(server, 'admin').remote, 'the phone jobs caught up', async () => {
		const r = await api(server, `/db/helpdesk/voicemail:${c.recordingSid}`);
		return r.status === 200 && r.body.transcript === 'done';
	});
}

/** What the server asked Twilio about a recording, by method, in order (a recording is fetched once, then deleted once). */
export function recordingRequests(standin: TwilioStandin, recordingSid: string): string[] {
	return standin.requests.filter((r) => r.includes(`/Recordings/${recordingSid}`)).map((r) => r.split(' ')[0]);
}

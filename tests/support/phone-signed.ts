import twilio from 'twilio';
import type { WatchedServer } from './server';
import { LINE_NUMBER } from './phone-district';

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
function pathOf(twiml: string, attribute: string): string {
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

import PouchDB from 'pouchdb';
import type { UserProfile } from '../../core/schemas';
import { CallDoc, VoicemailDoc } from '../../core/telephony/docs';
import { voicemailTicket } from '../../core/telephony/voicemail-ticket';
import { deviceCode, ticketNumber } from '../../core/ticket-number';

/**
 * Files voicemails the way the phone line's pipeline stores them (core's voicemail ticket and a voicemail document with
 * its audio attachment, transcript already in, and the call's log), written straight into the server's store: the CouchDB-protocol store at
 * STORE_URL, whose changes the server's shared feed follows. For tests of the pages that show them.
 */
export interface FiledVoicemail {
	/** Unique within the test: numbers the ticket under the server's own device code, far past the demo's. */
	seq: number;
	from: string;
	/** The directory match, or null for an unknown caller (filed under the district office). */
	caller: Pick<UserProfile, 'username' | 'name' | 'buildings'> | null;
	recordedAt: string;
	transcript: { state: 'waiting' | 'done' | 'none'; text: string | null };
	emergency?: boolean;
	audio?: Buffer;
}

/** A WAV file of `seconds` of a quiet 440 Hz tone, 8 kHz 16-bit mono: real audio a browser decodes and plays. */
export function toneWav(seconds: number): Buffer {
	const rate = 8000;
	const samples = Math.round(rate * seconds);
	const wav = Buffer.alloc(44 + samples * 2);
	wav.write('RIFF', 0);
	wav.writeUInt32LE(36 + samples * 2, 4);
	wav.write('WAVEfmt ', 8);
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20);
	wav.writeUInt16LE(1, 22);
	wav.writeUInt32LE(rate, 24);
	wav.writeUInt32LE(rate * 2, 28);
	wav.writeUInt16LE(2, 32);
	wav.writeUInt16LE(16, 34);
	wav.write('data', 36);
	wav.writeUInt32LE(samples * 2, 40);
	for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
	return wav;
}

const hex = (n: number, width = 32) => n.toString(16).padStart(width, '0');

/** Writes the voicemails' tickets and documents into the store at `storeUrl`; returns their ticket numbers in order. */
export async function fileVoicemails(storeUrl: string, voicemails: readonly FiledVoicemail[]): Promise<string[]> {
	const db = new PouchDB(`${storeUrl.replace(/\/+$/, '')}/helpdesk`, { skip_setup: true });
	const docs: object[] = [];
	const numbers: string[] = [];
	for (const v of voicemails) {
		const number = ticketNumber(deviceCode(0), 900_000 + v.seq);
		numbers.push(number);
		const ticket = voicemailTicket({
			number,
			recordingSid: `RE${hex(v.seq)}`,
			from: v.from,
			caller: v.caller as UserProfile | null,
			for: v.emergency ? { kind: 'emergency' } : { kind: 'helpdesk' },
			durationSeconds: 2,
			at: new Date(v.recordedAt),
			line: { defaultBuilding: 'district-office' },
			personName: (username) => username,
			timeZone: 'America/Denver'
		});
		const audio = v.audio ?? toneWav(1.5);
		const voicemail = VoicemailDoc.parse({
			_id: `voicemail:RE${hex(v.seq)}`,
			type: 'voicemail',
			recordingSid: `RE${hex(v.seq)}`,
			callSid: `CA${hex(v.seq)}`,
			ticket: number,
			filedAs: number,
			assignee: null,
			from: v.from,
			caller: v.caller?.username ?? null,
			emergency: v.emergency ?? false,
			recordedAt: v.recordedAt,
			durationSeconds: 2,
			transcript: v.transcript.state,
			transcriptText: v.transcript.text,
			audio: 'stored',
			audioExpiresAt: new Date(Date.parse(v.recordedAt) + 90 * 86_400_000).toISOString()
		});
		const call = CallDoc.parse({
			_id: `call:CA${hex(v.seq)}`,
			type: 'call',
			callSid: `CA${hex(v.seq)}`,
			from: v.from,
			fromE164: v.from,
			caller: v.caller?.username ?? null,
			language: 'en',
			path: ['menu', 'voicemail'],
			startedAt: new Date(Date.parse(v.recordedAt) - 60_000).toISOString(),
			endedAt: v.recordedAt,
			durationSeconds: 60,
			outcome: v.emergency ? 'emergency-voicemail' : 'voicemail',
			answeredBy: null,
			ticket: number
		});
		docs.push(call, ticket, { ...voicemail, _attachments: { 'audio.wav': { content_type: 'audio/wav', data: audio.toString('base64') } } });
	}
	const results = await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
	const failed = results.find((r) => 'error' in r && r.error);
	if (failed) throw new Error(`filing voicemails: ${JSON.stringify(failed)}`);
	await db.close();
	return numbers;
}

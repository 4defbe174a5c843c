import { expect } from 'vitest';
import type { PhoneLineDoc } from '../../core/telephony/docs';
import { SimulatedCall, type SimulatedCallInput } from '../../core/telephony/simulate';
import { type WalkResult, walkCall } from '../../telephony/simulator/walker';
import { api, PEOPLE } from './district';
import { mailOf, offsetFor, provisionForMail } from './notify-district';
import { startServer, type WatchedServer } from './server';
import { startTwilioStandin, type TwilioStandin } from './twilio-standin';
import { PHONES, testPhoneLine } from './phone-district';

export { eventually } from './phone-district';

/** Wednesday 2 December 2026, 10 AM in Denver: the district (Monday to Friday 07:00 to 15:30) is open. */
export const WEDNESDAY_MORNING = Date.parse('2026-12-02T10:00:00-07:00');

/** Extensions of the test district (the phones are phone-district.ts's PHONES). */
export const EXTENSIONS: Record<string, string> = { coord: '3446', spec: '3448' };

/** The PHONES in E.164, as Twilio sends them and the line dials them (worked out by hand). */
export const E164: Record<keyof typeof PHONES, string> = { ann: '+13035550142', 'tech-n': '+17205550110', coord: '+19705550120', spec: '+17195550130' };

/** A number no one in the directory has. */
export const STRANGER = '+13035550199';

export interface PhoneDistrict {
	server: WatchedServer;
	twilio: TwilioStandin;
	/** Places a call through the signed webhooks from this process, its recording served by the Twilio stand-in. */
	call(input: SimulatedCallInput): Promise<WalkResult>;
	/** Every recording the calls left (espeak-ng's telephone WAV), by RecordingSid. */
	recordings: Map<string, Uint8Array>;
	dispose(): Promise<void>;
}

/**
 * The real server with the line on (its REST calls and recordings at the Twilio stand-in), the test district with
 * email addresses, phones and extensions, the district calendar and phone-district.ts's phone line (help desk: coord;
 * on call: coord, spec and tech-s, who has no mobile). PUBLIC_URL is left at its default (http://localhost:<port>) while requests go to 127.0.0.1, as behind a proxy.
 */
export async function startPhoneDistrict(env: Record<string, string> = {}, line: Partial<PhoneLineDoc> = {}): Promise<PhoneDistrict> {
	const twilio = await startTwilioStandin();
	const server = await startServer({
		TWILIO_ACCOUNT_SID: twilio.accountSid,
		TWILIO_AUTH_TOKEN: twilio.authToken,
		TWILIO_API_URL: twilio.url,
		CLOCK_OFFSET_MS: offsetFor(WEDNESDAY_MORNING),
		...env
	});
	await provisionForMail(server);
	for (const [username, phone] of Object.entries(PHONES)) {
		const p = PEOPLE.find((person) => person.username === username)!;
		const extension = EXTENSIONS[username];
		const r = await api(server, `/api/admin/users/${username}`, {
			method: 'PUT',
			body: JSON.stringify({ username, name: p.name, role: p.role, kind: p.kind ?? 'staff', buildings: p.buildings, active: true, email: mailOf(username), phone, ...(extension ? { extension } : {}) })
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
	}
	// The server seeded a phone line; the district's own replaces it, as an administrator's edit would.
	const seeded = await api(server, '/db/helpdesk/phone-line:district');
	const doc = { ...testPhoneLine(line), _rev: seeded.body._rev };
	const r = await api(server, `/db/helpdesk/${doc._id}`, { method: 'PUT', body: JSON.stringify(doc) });
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	const recordings = new Map<string, Uint8Array>();
	return {
		server,
		twilio,
		recordings,
		call: (input) =>
			walkCall({
				line: { publicUrl: `http://localhost:${server.port}`, serverUrl: server.url, authToken: twilio.authToken, accountSid: twilio.accountSid },
				call: SimulatedCall.parse(input),
				apiUrl: twilio.url,
				deliverRecording: async (recordingSid, wav) => {
					recordings.set(recordingSid, wav);
					twilio.addRecording(recordingSid, wav);
				}
			}),
		dispose: async () => {
			await server.dispose();
			await twilio.close();
		}
	};
}

/** What the caller heard, in order, one line per prompt. */
export function heard(result: WalkResult): string[] {
	return result.events.flatMap((e) => (e.kind === 'say' && e.heardBy === 'caller' ? [e.text] : []));
}

/** The callbacks' answers, by name, in the order sent. */
export function callbacks(result: WalkResult): string[] {
	return result.events.flatMap((e) => (e.kind === 'callback' ? [`${e.name} ${e.status}`] : []));
}

/** How the line spells a ticket number: one character at a time, the dash as a word (worked out by hand from the number). */
export function spelled(number: string, dash = 'dash'): string[] {
	return [...number].map((c) => (c === '-' ? dash : c));
}

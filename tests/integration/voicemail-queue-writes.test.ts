import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket } from '../../core/schemas';
import { VoicemailDoc } from '../../core/telephony/docs';
import { markDuplicate } from '../../core/telephony/queue-actions';
import { api, device, makeTicket, provision } from '../support/district';
import { callToVoicemail, twilioPost } from '../support/phone-signed';
import { twilioSid } from '../support/phone-district';
import { startServer, type WatchedServer } from '../support/server';
import { silentWav, startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';

type Stored = VoicemailDoc & { _rev: string; _attachments: Record<string, { digest: string; stub?: boolean; content_type: string }> };

describe('a coordinator moving a voicemail, as the gateway judges it', () => {
	let server: WatchedServer;
	let twilio: TwilioStandin;
	let recordingSid: string;
	let number: string;

	const read = async (): Promise<Stored> => (await api(server, `/db/helpdesk/voicemail:${recordingSid}`)).body as unknown as Stored;
	const put = (as: string, doc: object) => api(server, `/db/helpdesk/voicemail:${recordingSid}`, { as, method: 'PUT', body: JSON.stringify(doc) });

	beforeAll(async () => {
		twilio = await startTwilioStandin();
		server = await startServer({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_URL: twilio.url });
		await provision(server);
		const ids = { callSid: twilioSid('CA', 901), recordingSid: twilioSid('RE', 901), transcriptionSid: twilioSid('TR', 901) };
		recordingSid = ids.recordingSid;
		twilio.addRecording(recordingSid, silentWav(1600));
		const call = await callToVoicemail(server, twilio.authToken, ids, '+13035550199', 'for=helpdesk&from=%2B13035550199');
		expect((await twilioPost(server, twilio.authToken, call.action, { CallSid: ids.callSid, RecordingSid: recordingSid, RecordingDuration: '12' })).status).toBe(200);
		await twilioPost(server, twilio.authToken, call.recordingStatus, {
			AccountSid: twilio.accountSid,
			CallSid: ids.callSid,
			RecordingSid: recordingSid,
			RecordingStatus: 'completed',
			RecordingDuration: '12',
			RecordingUrl: `https://elsewhere.example/${recordingSid}`,
			RecordingChannels: '1',
			RecordingSource: 'RecordVerb'
		});
		// Wait on the gateway's own changes feed until the audio is stored: no sleeping.
		let since = '0';
		for (let v = await read(); v.audio !== 'stored'; v = await read()) {
			const r = await api(server, `/db/helpdesk/_changes?feed=longpoll&timeout=2000&since=${encodeURIComponent(since)}`);
			since = String(r.body.last_seq ?? since);
		}
		number = (await read()).ticket;
	}, 60_000);
	afterAll(async () => {
		await server?.dispose();
		await twilio?.close();
	});

	it('accepts a coordinator’s device moving it to the ticket it duplicates, its audio carried back unchanged', async () => {
		const coord = device(server, 'coord');
		const target = makeTicket('ann', { building: 'north' });
		expect((await api(server, `/db/helpdesk/${target._id}`, { as: 'ann', method: 'PUT', body: JSON.stringify(target) })).status).toBe(201);
		await coord.pull();
		const ticket = Ticket.parse(await coord.local.get(`ticket:${number}`));
		const voicemail = VoicemailDoc.parse(await coord.local.get(`voicemail:${recordingSid}`));
		const saved = Ticket.parse(await coord.local.get(target._id));
		const result = markDuplicate({ ticket, voicemail, target: saved, callerWords: '(303) 555-0199', stamp: { by: 'coord', at: new Date().toISOString(), id: 'CRD-dup-1' } });
		if (!result.ok) throw new Error(result.reason);
		await coord.local.put(result.value.voicemail as object);
		await coord.local.put(result.value.target);
		await coord.local.put(result.value.ticket);
		const pushed = await coord.push();
		expect(pushed.doc_write_failures, JSON.stringify(pushed.errors)).toBe(0);
		const moved = await read();
		expect(moved.ticket).toBe(target.number);
		expect(moved.filedAs).toBe(number);
		expect(Object.keys(moved._attachments)).toEqual(['audio.wav']);
		expect((await api(server, `/db/helpdesk/ticket:${number}`)).body.status).toBe('closed');
	});

	it('refuses a person adding, replacing or removing the recording, and anyone but a coordinator moving it', async () => {
		const stored = await read();
		const { _attachments: files, ...bare } = stored;
		const replaced = { ...stored, _attachments: { 'audio.wav': { content_type: 'audio/wav', data: Buffer.from(silentWav(800)).toString('base64') } } };
		const added = { ...stored, _attachments: { ...files, 'extra.mp3': { content_type: 'audio/mpeg', data: Buffer.from([0x49, 0x44, 0x33, 4, 0, 0]).toString('base64') } } };
		const reason = async (as: string, doc: object) => {
			const r = await put(as, doc);
			expect(r.status, JSON.stringify(r.body)).toBe(403);
			return r.body.reason;
		};
		expect(await reason('coord', bare)).toBe('The recording audio.wav stays with the voicemail: save again with it.');
		expect(await reason('coord', replaced)).toMatch(/cannot be replaced/);
		expect(await reason('coord', added)).toBe('A voicemail’s recording comes from the phone line: extra.mp3 cannot be added from a device.');
		expect(await reason('tech-n', { ...stored, ticket: number })).toBe('Only coordinators move a voicemail to another ticket.');
		expect(await reason('coord', { ...stored, transcriptText: 'Something else was said.' })).toMatch(/only the ticket it belongs to can change/);
		expect((await read())._rev).toBe(stored._rev);
	});

	it('refuses moving it to a ticket that does not exist or is no longer open, and leaves it where it is', async () => {
		const stored = await read();
		const reason = async (ticket: string) => {
			const r = await put('coord', { ...stored, ticket });
			expect(r.status, JSON.stringify(r.body)).toBe(403);
			return r.body.reason;
		};
		expect(await reason('ZZZ-ZZZZ')).toBe('There is no ticket ZZZ-ZZZZ: check the number of the ticket this voicemail duplicates.');
		// Its first ticket was closed as the duplicate in the first test.
		expect(await reason(number)).toBe(`Ticket ${number} is closed: move the voicemail to an open ticket, or reopen ${number} first.`);
		expect((await read())._rev).toBe(stored._rev);
	});

	it('refuses a coordinator’s branch from the revision before the audio and transcript, pushed as a replicator does', async () => {
		const stored = await read();
		const history = (await api(server, `/db/helpdesk/voicemail:${recordingSid}?revs=true`)).body._revisions as { start: number; ids: string[] };
		const first = `${history.start - history.ids.length + 1}-${history.ids.at(-1)}`;
		const old = (await api(server, `/db/helpdesk/voicemail:${recordingSid}?rev=${first}`)).body as unknown as VoicemailDoc & { _rev: string };
		expect(old.audio).toBe('waiting');
		const open = makeTicket('ann', { building: 'north' });
		expect((await api(server, `/db/helpdesk/${open._id}`, { as: 'ann', method: 'PUT', body: JSON.stringify(open) })).status).toBe(201);
		const start = history.start - history.ids.length + 2;
		const branch = { ...old, ticket: open.number, _rev: `${start}-${'b'.repeat(32)}`, _revisions: { start, ids: ['b'.repeat(32), history.ids.at(-1)] } };
		const r = await api(server, '/db/helpdesk/_bulk_docs', { as: 'coord', method: 'POST', body: JSON.stringify({ docs: [branch], new_edits: false }) });
		const rows = r.body as unknown as { error?: string; reason?: string }[];
		expect(rows[0]?.error, JSON.stringify(r.body)).toBe('forbidden');
		expect(rows[0]?.reason).toMatch(/only the ticket it belongs to can change/);
		const now = await read();
		expect(now._rev).toBe(stored._rev);
		expect((await api(server, `/db/helpdesk/voicemail:${recordingSid}?conflicts=true`)).body._conflicts).toBeUndefined();
	});

	it('never shows a requester the voicemail or its call, whoever filed it', async () => {
		const all = (await api(server, '/db/helpdesk/_all_docs', { as: 'ann' })).body.rows as { id: string }[];
		const changes = (await api(server, '/db/helpdesk/_changes', { as: 'ann' })).body.results as { id: string }[];
		for (const ids of [all.map((r) => r.id), changes.map((r) => r.id)]) {
			expect(ids.length).toBeGreaterThan(0);
			expect(ids.filter((id) => id.startsWith('voicemail:') || id.startsWith('call:'))).toEqual([]);
		}
		expect((await api(server, `/db/helpdesk/voicemail:${recordingSid}`, { as: 'ann' })).status).toBe(404);
		expect((await api(server, `/db/helpdesk/voicemail:${recordingSid}/audio.wav`, { as: 'ann' })).status).toBe(404);
	});
});

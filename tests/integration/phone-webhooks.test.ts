import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { VoicemailDoc } from '../../core/telephony/docs';
import { api, device } from '../support/district';
import { type Mailbox, startMailbox } from '../support/mailbox';
import { mailOf, offsetFor, provisionForMail, restartAt, serverNow } from '../support/notify-district';
import { callToVoicemail, jobsCaughtUp, type RecordedCall, recordingRequests, twilioPost } from '../support/phone-signed';
import { LINE_NUMBER, PHONES, testPhoneLine, twilioSid } from '../support/phone-district';
import { startServer, type WatchedServer } from '../support/server';
import { silentWav, startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';

// Tuesday 1 December 2026, 10 AM in Denver: the district is open.
const TUESDAY = Date.parse('2026-12-01T10:00:00-07:00');

describe('the phone line through the real server and signed webhooks', () => {
	let server: WatchedServer;
	let twilio: TwilioStandin;
	let mailbox: Mailbox;
	let n = 0;
	const token = () => twilio.authToken;

	const get = async <T>(id: string, parse: { parse: (v: unknown) => T }): Promise<T> => {
		const r = await api(server, `/db/helpdesk/${id}`);
		expect(r.status, `${id}: ${JSON.stringify(r.body)}`).toBe(200);
		return parse.parse(r.body);
	};
	/** Reads a document until `check` passes, each time the gateway reports a change (its longpoll), never by sleeping. */
	const until = async <T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, ms = 30_000): Promise<T> => {
		const end = Date.now() + ms;
		let since = 'now';
		for (;;) {
			const value = await read();
			if (check(value)) return value;
			if (Date.now() > end) throw new Error(`${what}: not so after ${ms} ms: ${JSON.stringify(value).slice(0, 500)}`);
			const r = await api(server, `/db/helpdesk/_changes?feed=longpoll&timeout=2000&since=${encodeURIComponent(String(since))}`);
			since = String(r.body.last_seq ?? since);
		}
	};
	const vm = (rs: string) => get(`voicemail:${rs}`, VoicemailDoc);
	/** The voicemail once `check` passes; it is written just after the caller's answer, so it may not be there yet. */
	const untilVm = async (what: string, rs: string, check: (v: VoicemailDoc) => boolean): Promise<VoicemailDoc> => {
		const read = async () => {
			const r = await api(server, `/db/helpdesk/voicemail:${rs}`);
			return r.status === 404 ? null : VoicemailDoc.parse(r.body);
		};
		return (await until(what, read, (v) => v !== null && check(v))) as VoicemailDoc;
	};
	const ticket = (number: string) => get(`ticket:${number}`, Ticket);
	const newCall = async (from: string, query: string) => {
		n++;
		const ids = { callSid: twilioSid('CA', 500 + n), recordingSid: twilioSid('RE', 500 + n), transcriptionSid: twilioSid('TR', 500 + n) };
		twilio.addRecording(ids.recordingSid, silentWav(1600));
		return callToVoicemail(server, token(), ids, from, query);
	};
	const recorded = (c: RecordedCall) => twilioPost(server, token(), c.action, { CallSid: c.callSid, RecordingSid: c.recordingSid, RecordingDuration: '38', RecordingUrl: `https://elsewhere.example/${c.recordingSid}` });
	const recordingStatus = (c: RecordedCall) =>
		twilioPost(server, token(), c.recordingStatus, { AccountSid: twilio.accountSid, CallSid: c.callSid, RecordingSid: c.recordingSid, RecordingStatus: 'completed', RecordingDuration: '38', RecordingUrl: `https://elsewhere.example/${c.recordingSid}`, RecordingChannels: '1', RecordingSource: 'RecordVerb' });
	const transcription = (c: RecordedCall, text: string) =>
		twilioPost(server, token(), c.transcription, { TranscriptionSid: c.transcriptionSid, TranscriptionText: text, TranscriptionStatus: 'completed', TranscriptionUrl: 'https://elsewhere.example/t', RecordingSid: c.recordingSid, RecordingUrl: `https://elsewhere.example/${c.recordingSid}` });

	beforeAll(async () => {
		twilio = await startTwilioStandin();
		mailbox = await startMailbox();
		server = await startServer({ TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_URL: twilio.url, SMTP_URL: mailbox.url, CLOCK_OFFSET_MS: offsetFor(TUESDAY) });
		await provisionForMail(server);
		for (const [username, phone] of Object.entries(PHONES)) {
			const { user } = (await api(server, `/api/admin/users/${username}`)).body as { user: Record<string, unknown> };
			const { _id, _rev, type, ...profile } = user;
			const r = await api(server, `/api/admin/users/${username}`, { method: 'PUT', body: JSON.stringify({ ...profile, phone }) });
			expect(r.status, JSON.stringify(r.body)).toBe(200);
		}
		const stored = await api(server, '/db/helpdesk/phone-line:district');
		const line = { ...testPhoneLine({ updatedAt: new Date(serverNow(server)).toISOString() }), ...(stored.status === 200 ? { _rev: stored.body._rev } : {}) };
		const r = await api(server, '/db/helpdesk/phone-line:district', { method: 'PUT', body: JSON.stringify(line) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
	});
	afterAll(async () => {
		await server?.dispose();
		await twilio?.close();
		await mailbox?.close();
	});

	it('files one ticket with one transcript and one audio file when every callback comes early, late and twice', async () => {
		const c = await newCall('+13035550142', 'for=helpdesk&from=%2B13035550142');
		const text = 'Hi, this is Ann Teacher at South School. The projector in room 12 is dead. Call me back at 303 555 0142.';
		// The transcription first (before the ticket exists), then the recording's status, then the action, then all again.
		expect((await transcription(c, text)).status).toBe(200);
		expect((await recordingStatus(c)).status).toBe(200);
		const [first, again] = await Promise.all([recorded(c), recorded(c), transcription(c, text), recordingStatus(c)]);
		expect(first.status).toBe(200);
		// The caller hears the same ticket number on a replay.
		expect(again.text).toBe(first.text);
		const v = await untilVm('audio stored', c.recordingSid, (v) => v.audio === 'stored' && v.transcript === 'done');
		await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
		const t = await ticket(v.ticket);
		expect(t).toMatchObject({ requester: 'ann', requesterName: 'Ann Teacher', source: 'voicemail', status: 'new', assignee: null, title: 'Voicemail from Ann Teacher' });
		expect(t.history.filter((e) => e.kind === 'transcript').map((e) => e.kind === 'transcript' && e.text)).toEqual([text]);
		// The transcript came before the ticket, yet the ticket's history starts with its filing.
		expect(t.history.map((e) => e.kind)).toEqual(['created', 'set', 'transcript']);
		const all = (await api(server, '/db/helpdesk/_all_docs?startkey=%22voicemail:%22&endkey=%22voicemail:%EF%BF%BF%22')).body.rows as unknown[];
		expect(all).toHaveLength(1);
		// Once more, then whatever the replays set going after they returned is over before Twilio's side is counted.
		expect((await recordingStatus(c)).status).toBe(200);
		await jobsCaughtUp(server, twilio);
		expect(recordingRequests(twilio, c.recordingSid)).toEqual(['GET', 'DELETE']);
		// The server fetched nothing from the callbacks' RecordingUrl; it asked the account's API alone.
		expect(twilio.requests.every((r) => r.includes(`/2010-04-01/Accounts/${twilio.accountSid}/`))).toBe(true);
		// A coordinator's device receives the voicemail with its audio, to play offline.
		const coord = device(server, 'coord');
		await coord.pull();
		const local = (await coord.local.get(`voicemail:${c.recordingSid}`, { attachments: true, binary: true })) as unknown as { _attachments: Record<string, { data: Buffer }> };
		expect(new Uint8Array(local._attachments['audio.wav'].data)).toEqual(silentWav(1600));

		// A coordinator's note leaves it in her queue (South School's technician does not get it on the next write) ...
		const at = new Date(serverNow(server)).toISOString();
		const noted = appendEntries(t, [{ id: 'coord-note-vm-1', at, by: 'coord', kind: 'note', text: 'Calling Ann back.' }]);
		let r = await api(server, `/db/helpdesk/ticket:${t.number}`, { as: 'coord', method: 'PUT', body: JSON.stringify(noted) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		expect(await ticket(t.number)).toMatchObject({ assignee: null, status: 'new' });
		// ... until she gives it to a technician, whose device then receives the voicemail and its audio.
		const current = await ticket(t.number);
		const given = appendEntries(current, [
			{ id: 'coord-give-vm-1', at, by: 'coord', kind: 'set', changes: { assignee: 'tech-n' } },
			{ id: 'coord-give-vm-2', at, by: 'coord', kind: 'status', from: 'new', to: 'assigned' }
		]);
		r = await api(server, `/db/helpdesk/ticket:${t.number}`, { as: 'coord', method: 'PUT', body: JSON.stringify(given) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		await untilVm('the voicemail follows its ticket', c.recordingSid, (v) => v.assignee === 'tech-n');
		const nina = device(server, 'tech-n');
		await nina.pull();
		expect(await nina.ids('voicemail:')).toEqual([`voicemail:${c.recordingSid}`]);
	});

	it('alerts every on-call person once by SMS, email and in the app when an emergency message is left', async () => {
		const c = await newCall('+17195550166', 'for=emergency&from=%2B17195550166');
		const replies = await Promise.all([recorded(c), recordingStatus(c), recorded(c)]);
		expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
		const v = await untilVm('filed', c.recordingSid, () => true);
		await twilio.waitFor('SMS to the two on-call people with a mobile', () => twilio.messages.length, 2);
		await mailbox.waitFor('mail to the three on-call people', () => mailbox.messages.filter((m) => /Emergency voicemail/.test(m.subject)).length, 3);
		await jobsCaughtUp(server, twilio);
		expect(twilio.messages.map((m) => [m.from, m.to]).sort()).toEqual([
			[LINE_NUMBER, '+17195550130'],
			[LINE_NUMBER, '+19705550120']
		]);
		expect(twilio.messages[0].body).toContain(`ticket ${v.ticket}: Caller at (719) 555-0166, call back (719) 555-0166.`);
		for (const who of ['coord', 'spec', 'tech-s']) expect(mailbox.to(mailOf(who), /Emergency voicemail/).map((m) => m.subject)).toEqual([`[${v.ticket}] Emergency voicemail: Voicemail from (719) 555-0166`]);
		expect(await ticket(v.ticket)).toMatchObject({ priority: 1, assignee: null, requester: 'unknown-caller', requesterName: 'Caller at (719) 555-0166' });
		// An unknown caller never becomes an account.
		expect((await api(server, '/api/admin/users/unknown-caller')).status).toBe(404);
		const inApp = await api(server, `/db/helpdesk/_all_docs?include_docs=true&startkey=%22notification:spec:%22&endkey=%22notification:spec:%EF%BF%BF%22`, { as: 'spec' });
		const notes = (inApp.body.rows as { doc: { kind: string; ticket: string } }[]).map((r) => r.doc).filter((d) => d.ticket === v.ticket);
		expect(notes.map((d) => d.kind)).toEqual(['emergency']);
	});

	it('marks the ticket "listen to the recording" when no transcript came within the wait (the server restarted later)', async () => {
		const c = await newCall('+13035550142', 'for=helpdesk&from=%2B13035550142');
		expect((await recorded(c)).status).toBe(200);
		const filed = await untilVm('filed', c.recordingSid, () => true);
		expect(filed.transcript).toBe('waiting');
		await restartAt(server, serverNow(server) + 11 * 60_000);
		const v = await untilVm('no transcript', c.recordingSid, (v) => v.transcript === 'none');
		const notes = (await ticket(v.ticket)).history.filter((e) => e.kind === 'note');
		expect(notes.map((e) => [e.by, e.kind === 'note' && e.text])).toEqual([['system', 'No transcript arrived: listen to the recording.']]);
		// Emergency mail and SMS went once: nothing more after the restart.
		await jobsCaughtUp(server, twilio);
		expect(twilio.messages).toHaveLength(2);
		expect(mailbox.messages.filter((m) => /Emergency voicemail/.test(m.subject))).toHaveLength(3);
	});

	it('assigns a message left for a person to them, and lets the voicemail follow its ticket to another technician', async () => {
		const c = await newCall('+13035550142', 'for=person&to=tech-n&from=%2B13035550142');
		expect((await recorded(c)).status).toBe(200);
		const v = await untilVm('filed', c.recordingSid, () => true);
		expect(v.assignee).toBe('tech-n');
		const t = await ticket(v.ticket);
		expect(t).toMatchObject({ assignee: 'tech-n', status: 'assigned' });
		const at = new Date(serverNow(server)).toISOString();
		const moved = { ...t, assignee: 'tech-s', history: [...t.history, { id: 'coord-reassign-1', at, by: 'coord', kind: 'set', changes: { assignee: 'tech-s' } }] };
		const r = await api(server, `/db/helpdesk/ticket:${t.number}`, { as: 'coord', method: 'PUT', body: JSON.stringify(moved) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		await untilVm('the voicemail follows', c.recordingSid, (v) => v.assignee === 'tech-s');
	});

	it('retries a download Twilio refused, and stores the audio once Twilio serves it again', async () => {
		twilio.fail(true);
		const c = await newCall('+13035550142', 'for=helpdesk&from=%2B13035550142');
		const failed = server.waitForOutput(new RegExp(`phone: audio job for ${c.recordingSid} failed \\(attempt 1`));
		expect((await recorded(c)).status).toBe(200);
		expect((await recordingStatus(c)).status).toBe(200);
		await failed;
		expect((await vm(c.recordingSid)).audio).toBe('waiting');
		twilio.fail(false);
		await restartAt(server, serverNow(server) + 2 * 60_000);
		await untilVm('audio stored', c.recordingSid, (v) => v.audio === 'stored');
		// Twilio keeps the recording until its transcript has come: deleting it sooner would stop the transcription.
		expect(twilio.hasRecording(c.recordingSid)).toBe(true);
		expect((await transcription(c, 'The printer in the library jams.')).status).toBe(200);
		await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
	});

	it('deletes the audio after the retention days and keeps the transcript', async () => {
		const rows = (await api(server, '/db/helpdesk/_all_docs?include_docs=true&startkey=%22voicemail:%22&endkey=%22voicemail:%EF%BF%BF%22')).body.rows as { doc: unknown }[];
		const first = rows.map((r) => VoicemailDoc.parse(r.doc)).find((v) => v.transcript === 'done')!;
		expect(first.audio).toBe('stored');
		const coordAuth = { authorization: `Basic ${Buffer.from(`coord:test-password-1`).toString('base64')}` };
		const oldAudio = `${server.url}/db/helpdesk/voicemail:${first.recordingSid}/audio.wav?rev=${first._rev}`;
		expect((await fetch(`${server.url}/db/helpdesk/voicemail:${first.recordingSid}/audio.wav`, { headers: coordAuth })).status).toBe(200);
		expect((await fetch(oldAudio, { headers: coordAuth })).status).toBe(200);
		await restartAt(server, serverNow(server) + 91 * 86_400_000);
		const v = await untilVm('audio expired', first.recordingSid, (v) => v.audio === 'expired');
		expect(v._attachments).toBeUndefined();
		// The store compacts after the deletion: the audio is not kept in the revision before it either.
		let status = 200;
		for (let attempt = 0; attempt < 500 && status === 200; attempt++) status = (await fetch(oldAudio, { headers: coordAuth })).status;
		expect(status).toBe(404);
		expect(v).toMatchObject({ transcript: 'done', transcriptText: first.transcriptText });
		expect((await ticket(v.ticket)).history.filter((e) => e.kind === 'transcript')).toHaveLength(1);
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket } from '../../core/schemas';
import { ticketNumber, ticketSequence } from '../../core/ticket-number';
import { VoicemailDoc } from '../../core/telephony/docs';
import { readConfig } from '../../server/config';
import { SharedFeed } from '../../server/gateway/feed';
import { getOrNull, openStore, type Store } from '../../server/store';
import type { RecordingFacts, VoicemailFor } from '../../telephony/line';
import { openPhoneLine, type RunningPhoneLine } from '../../telephony/pipeline';
import { SERVER_DEVICE, TicketNumbers } from '../../telephony/pipeline/numbering';
import { SimulatedMedia } from '../../telephony/simulated-media';
import { eventually, LINE_NUMBER, PHONES, testPhoneLine, twilioSid } from '../support/phone-district';
import { recordingRequests } from '../support/phone-signed';
import { silentWav, startTwilioStandin, type TwilioStandin } from '../support/twilio-standin';

const DAY = 86_400_000;
const HOUR = 3_600_000;

// The pipeline in this process over a real PouchDB store and the Twilio stand-in: the PhoneLine the webhooks call.
describe('the phone line pipeline over a real store', () => {
	let dir: string;
	let store: Store;
	let twilio: TwilioStandin;
	let media: SimulatedMedia;
	let running: { line: RunningPhoneLine; feed: SharedFeed; offset: number } | null = null;
	const logs: string[] = [];
	let n = 100;

	const open = async (offset = 0) => {
		if (running) {
			await running.line.stop();
			running.feed.stop();
		}
		const feed = new SharedFeed(store.main, { log: () => undefined });
		await feed.start();
		const config = readConfig({ DATA_DIR: dir, DEMO: '0', ADMIN_PASSWORD: 'x'.repeat(12), TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_URL: twilio.url, CLOCK_OFFSET_MS: String(offset), SMTP_URL: 'smtp://127.0.0.1:1' });
		const line = await openPhoneLine({ store, feed, config, media, log: (l) => logs.push(l) });
		running = { line, feed, offset };
		return line;
	};
	const line = () => running!.line;
	const now = () => new Date(Date.now() + (running?.offset ?? 0));
	const ticketOf = async (number: string) => Ticket.parse(await store.main.get(`ticket:${number}`));
	const vmOf = async (rs: string) => VoicemailDoc.parse(await store.main.get(`voicemail:${rs}`));
	const call = async (from: string, forWhom: VoicemailFor = { kind: 'helpdesk' }) => {
		n++;
		const callSid = twilioSid('CA', n);
		const recordingSid = twilioSid('RE', n);
		await line().callStarted({ callSid, from, to: LINE_NUMBER, at: now() });
		twilio.addRecording(recordingSid, silentWav());
		const facts: RecordingFacts = { callSid, recordingSid, from, durationSeconds: 42, language: 'en', for: forWhom, at: now() };
		return { callSid, recordingSid, transcriptionSid: twilioSid('TR', n), facts };
	};
	const voicemailTickets = async () => (await store.main.allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff', include_docs: true })).rows.map((r) => r.doc as unknown as Ticket).filter((t) => t.source === 'voicemail');

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'phone-pipeline-'));
		store = await openStore({ DATA_DIR: dir });
		twilio = await startTwilioStandin();
		media = new SimulatedMedia();
		const person = (username: string, name: string, role: string, buildings: string[], phone?: string) => ({ _id: `user:${username}`, type: 'user', username, name, role, kind: 'staff', buildings, active: true, email: `${username}@district.test`, ...(phone ? { phone } : {}) });
		await store.main.bulkDocs([
			{ _id: 'building:north', type: 'building', code: 'north', name: 'North School', kind: 'school', technician: 'tech-n' },
			{ _id: 'building:south', type: 'building', code: 'south', name: 'South School', kind: 'school', technician: 'tech-s' },
			person('ann', 'Ann Teacher', 'requester', ['south', 'north'], PHONES.ann),
			person('tech-n', 'Nina North', 'building-tech', ['north'], PHONES['tech-n']),
			person('tech-s', 'Sam South', 'building-tech', ['south']),
			person('spec', 'Pat Network', 'specialist', [], PHONES.spec),
			person('coord', 'Cora Coordinator', 'coordinator', [], PHONES.coord),
			testPhoneLine()
		] as never);
		await open();
	});
	afterAll(async () => {
		await running?.line.stop();
		running?.feed.stop();
		await store?.close();
		await twilio?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('numbers tickets under the server’s device code after the highest stored, once each even when two instances ask at the same moment', async () => {
		// The demo data's tickets are numbered 0, 1, 2 ... under the same code: a stored 40 means the line starts at 41.
		await store.main.bulkDocs([0, 7, 40].map((s) => ({ _id: `ticket:${ticketNumber(SERVER_DEVICE, s)}`, type: 'ticket' })));
		const [one, two] = [new TicketNumbers(store.private, store.main), new TicketNumbers(store.private, store.main)];
		const asked = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? two : one).next()));
		const numbers = asked.map((n) => ticketSequence(n) ?? -1);
		expect(new Set(numbers).size).toBe(6);
		// Each instance takes a block of 16 from the counter: one starts at 41, the other after that block.
		const [first, second] = [numbers.filter((_, i) => i % 2 === 0), numbers.filter((_, i) => i % 2 === 1)].sort((a, b) => a[0] - b[0]);
		expect(first).toEqual([41, 42, 43]);
		expect(second).toEqual([57, 58, 59]);
	}, 30_000);

	const transcript = (c: { recordingSid: string; transcriptionSid: string }, text: string | null, status = 'completed') =>
		line().transcription({ recordingSid: c.recordingSid, transcriptionSid: c.transcriptionSid, status, text, at: now() });
	const settled = (rs: string, check: (vm: VoicemailDoc) => boolean) =>
		eventually(store.main, `voicemail ${rs}`, async () => {
			const vm = VoicemailDoc.safeParse(await getOrNull(store.main, `voicemail:${rs}`));
			return vm.success && check(vm.data) ? vm.data : null;
		});
	/**
	 * Resolves once `on`'s jobs have run every job made due before this call: its one runner works through due jobs in the
	 * order they became due, so a new voicemail's transcript, sent now, is attached only after them.
	 */
	const jobsCaughtUp = async (on: RunningPhoneLine = line()) => {
		const b = await call('+17195550198');
		await on.recordingStatus({ ...b.facts, status: 'completed' });
		await on.transcription({ recordingSid: b.recordingSid, transcriptionSid: b.transcriptionSid, status: 'completed', text: 'The jobs caught up.', at: now() });
		await settled(b.recordingSid, (v) => v.transcript === 'done');
	};
	const orders = [
		['action', 'status', 'transcript'],
		['action', 'transcript', 'status'],
		['status', 'action', 'transcript'],
		['status', 'transcript', 'action'],
		['transcript', 'action', 'status'],
		['transcript', 'status', 'action']
	] as const;

	it.each(orders)('files one ticket with one transcript and one audio file for callbacks in the order %s, %s, %s, each replayed', async (...order) => {
		const c = await call(PHONES.ann);
		const text = `Hi, this is Ann at South School, order ${order.join(' ')}. The projector in room 12 is dead.`;
		const numbers: string[] = [];
		const send = {
			action: async () => void numbers.push((await line().fileVoicemail(c.facts)).ticket),
			status: () => line().recordingStatus({ ...c.facts, status: 'completed' }),
			transcript: () => transcript(c, text)
		};
		for (const step of order) await send[step]();
		// Twilio's retries: every callback again, all at once, twice.
		await Promise.all([...order, ...order].map((step) => send[step]()));
		await settled(c.recordingSid, (v) => v.transcript === 'done' && v.audio === 'stored');
		await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
		// Once more after all that, then whatever the replays set going after they returned is over before anything is counted.
		await Promise.all(order.map((step) => send[step]()));
		await jobsCaughtUp();
		const vm = await vmOf(c.recordingSid);

		expect(new Set(numbers).size).toBe(1);
		const filed = (await voicemailTickets()).filter((t) => t.history.some((e) => e.id === `vm-${c.recordingSid}-created`));
		expect(filed.map((t) => t.number)).toEqual([numbers[0]]);
		const ticket = await ticketOf(numbers[0]);
		expect(ticket.history.filter((e) => e.kind === 'transcript')).toEqual([{ id: `vm-${c.recordingSid}-transcript`, at: expect.any(String), by: 'system', kind: 'transcript', text }]);
		expect(ticket).toMatchObject({ requester: 'ann', requesterName: 'Ann Teacher', building: 'south', status: 'new', assignee: null, source: 'voicemail', createdBy: 'system', title: 'Voicemail from Ann Teacher', contactPhone: '(303) 555-0142' });
		expect(vm).toMatchObject({ ticket: numbers[0], filedAs: numbers[0], caller: 'ann', transcriptText: text, assignee: null, emergency: false });
		expect(Object.keys(vm._attachments ?? {})).toEqual(['audio.wav']);
		const audio = (await store.main.getAttachment(`voicemail:${c.recordingSid}`, 'audio.wav')) as Buffer;
		expect(new Uint8Array(audio)).toEqual(silentWav());
		expect(recordingRequests(twilio, c.recordingSid)).toEqual(['GET', 'DELETE']);
		expect((await store.main.get(`call:${c.callSid}`)) as unknown).toMatchObject({ ticket: numbers[0], outcome: 'voicemail', caller: 'ann' });
	});

	it('files one ticket when two server instances get the callbacks at the same moment', async () => {
		const feed = new SharedFeed(store.main, { log: () => undefined });
		await feed.start();
		const config = readConfig({ DATA_DIR: dir, DEMO: '0', ADMIN_PASSWORD: 'x'.repeat(12), TWILIO_ACCOUNT_SID: twilio.accountSid, TWILIO_AUTH_TOKEN: twilio.authToken, TWILIO_API_URL: twilio.url });
		const second = await openPhoneLine({ store, feed, config, media, log: () => undefined });
		try {
			const c = await call(PHONES.ann);
			const filed = await Promise.all([line().fileVoicemail(c.facts), second.fileVoicemail(c.facts), second.recordingStatus({ ...c.facts, status: 'completed' }), line().recordingStatus({ ...c.facts, status: 'completed' })]);
			expect(new Set(filed.flatMap((f) => (f ? [f.ticket] : [])))).toEqual(new Set([filed[0]!.ticket]));
			expect((await voicemailTickets()).filter((t) => t.history.some((e) => e.id === `vm-${c.recordingSid}-created`))).toHaveLength(1);
			await settled(c.recordingSid, (v) => v.audio === 'stored');
			await Promise.all([transcript(c, 'Both instances heard this.'), second.transcription({ recordingSid: c.recordingSid, transcriptionSid: c.transcriptionSid, status: 'completed', text: 'Both instances heard this.', at: now() })]);
			await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
			await Promise.all([line().recordingStatus({ ...c.facts, status: 'completed' }), second.recordingStatus({ ...c.facts, status: 'completed' })]);
			await Promise.all([jobsCaughtUp(), jobsCaughtUp(second)]);
			expect(recordingRequests(twilio, c.recordingSid)).toEqual(['GET', 'DELETE']);
		} finally {
			await second.stop();
			feed.stop();
		}
	});

	it('logs the end of a call without losing its voicemail outcome, and takes nonsense without writing or crashing', async () => {
		const c = await call(PHONES.ann);
		const { ticket } = await line().fileVoicemail(c.facts);
		await line().callStep(c.callSid, { step: 'menu' });
		await line().callStep(c.callSid, { step: 'menu' });
		await line().callStatus({ callSid: c.callSid, status: 'completed', durationSeconds: 71, at: now() });
		await line().callStatus({ callSid: c.callSid, status: 'completed', durationSeconds: 99, at: now() });
		expect(await store.main.get(`call:${c.callSid}`)).toMatchObject({ path: ['menu'], outcome: 'voicemail', ticket, durationSeconds: 71, endedAt: expect.any(String) });
		const before = (await store.main.info()).doc_count;
		expect(await line().callStarted({ callSid: 'CA-not-a-sid', from: '', to: '', at: now() })).toEqual({ caller: null });
		await line().callStep('CAnothing', { step: 'menu' });
		await line().callStatus({ callSid: twilioSid('CA', 999_999), status: 'completed', durationSeconds: null, at: now() });
		await line().transcription({ recordingSid: 'nonsense', transcriptionSid: 'TR1', status: 'completed', text: 'x', at: now() });
		await line().recordingStatus({ ...c.facts, recordingSid: twilioSid('RE', 999_999), status: 'absent' });
		await expect(line().fileVoicemail({ ...c.facts, recordingSid: '../../etc/passwd' })).rejects.toThrow('a voicemail needs a CallSid and a RecordingSid');
		expect((await store.main.info()).doc_count).toBe(before);
	});

	it('files an unknown caller’s message under unknown-caller with the number, and makes no account', async () => {
		const c = await call('+17195550188');
		const { ticket } = await line().fileVoicemail(c.facts);
		expect(await ticketOf(ticket)).toMatchObject({ requester: 'unknown-caller', requesterName: 'Caller at (719) 555-0188', contactPhone: '(719) 555-0188', building: 'north', title: 'Voicemail from (719) 555-0188' });
		expect(await getOrNull(store.main, 'user:unknown-caller')).toBeNull();
		expect(await vmOf(c.recordingSid)).toMatchObject({ caller: null, from: '+17195550188' });
	});

	it('marks a failed transcription as none, with a note to listen, at once', async () => {
		const c = await call(PHONES.ann);
		const { ticket } = await line().fileVoicemail(c.facts);
		await transcript(c, null, 'failed');
		await settled(c.recordingSid, (v) => v.transcript === 'none');
		const notes = (await ticketOf(ticket)).history.filter((e) => e.kind === 'note');
		expect(notes.map((e) => [e.by, e.kind === 'note' && e.text])).toEqual([['system', 'No transcript arrived: listen to the recording.']]);
	});

	it('assigns a person’s message to them, and keeps the voicemail’s assignee equal to its ticket’s as it is reassigned', async () => {
		const c = await call(PHONES.ann, { kind: 'person', username: 'tech-n' });
		const { ticket } = await line().fileVoicemail(c.facts);
		expect(await ticketOf(ticket)).toMatchObject({ assignee: 'tech-n', status: 'assigned' });
		expect((await vmOf(c.recordingSid)).assignee).toBe('tech-n');
		const t = await ticketOf(ticket);
		const at = now().toISOString();
		await store.main.put({ ...t, assignee: 'tech-s', history: [...t.history, { id: 'coord-move-1', at, by: 'coord', kind: 'set', changes: { assignee: 'tech-s' } }] } as never);
		await settled(c.recordingSid, (v) => v.assignee === 'tech-s');
		// Moved to the ticket it duplicates (an unassigned one): it follows that ticket.
		const other = await call('+17195550177');
		const { ticket: otherNumber } = await line().fileVoicemail(other.facts);
		const vm = await vmOf(c.recordingSid);
		await store.main.put({ ...vm, ticket: otherNumber } as never);
		await settled(c.recordingSid, (v) => v.ticket === otherNumber && v.assignee === null);
	});

	it('files a message for someone no longer in the directory in the help desk’s queue', async () => {
		const c = await call(PHONES.ann, { kind: 'person', username: 'gone-away' });
		const { ticket } = await line().fileVoicemail(c.facts);
		expect(await ticketOf(ticket)).toMatchObject({ assignee: null, status: 'new' });
		expect(await ticketOf(ticket)).toHaveProperty('description', expect.stringContaining('voicemail for the help desk'));
	});

	it('alerts every on-call person once: an SMS from the number dialled, in the app, and a mail in the outbox', async () => {
		const before = twilio.messages.length;
		const c = await call('+17195550166', { kind: 'emergency' });
		const { ticket } = await line().fileVoicemail(c.facts);
		await Promise.all([line().fileVoicemail(c.facts), line().recordingStatus({ ...c.facts, status: 'completed' }), line().fileVoicemail(c.facts)]);
		await twilio.waitFor('two SMS', () => twilio.messages.length - before, 2);
		expect(await ticketOf(ticket)).toMatchObject({ priority: 1, assignee: null, status: 'new' });
		const body = `Emergency voicemail, ticket ${ticket}: Caller at (719) 555-0166, call back (719) 555-0166. http://localhost:3000/tickets/${ticket}`;
		expect(twilio.messages.slice(before).sort((a, b) => a.to.localeCompare(b.to))).toEqual([
			{ from: LINE_NUMBER, to: '+17195550130', body },
			{ from: LINE_NUMBER, to: '+19705550120', body }
		]);
		for (const who of ['coord', 'spec', 'tech-s']) {
			const notes = (await store.main.allDocs({ startkey: `notification:${who}:`, endkey: `notification:${who}:\uffff`, include_docs: true })).rows.map((r) => r.doc as Record<string, unknown>).filter((d) => d.ticket === ticket);
			expect(notes.map((d) => [d.kind, d.text])).toEqual([['emergency', `Emergency: Caller at (719) 555-0166 left a message nobody on call answered (call back (719) 555-0166), ticket ${ticket}`]]);
		}
		const mails = (await store.private.allDocs({ startkey: 'outbox:', endkey: 'outbox:\uffff', include_docs: true })).rows.map((r) => r.doc as Record<string, unknown>).filter((d) => (d.event as { ticket?: string }).ticket === ticket);
		expect(mails.map((m) => m.to).sort()).toEqual(['coord@district.test', 'spec@district.test', 'tech-s@district.test']);
		expect(mails.every((m) => m.subject === `[${ticket}] Emergency voicemail: Voicemail from (719) 555-0166`)).toBe(true);
		expect(logs).toContain(`phone: no SMS to tech-s for emergency ticket ${ticket}: they have no mobile number in the directory`);
	});

	it('texts an emergency from the number its recording says was dialled, when the call’s own record cannot be read', async () => {
		// The call was answered elsewhere (another instance, or before a restart whose write never landed): nothing of it is
		// stored here, only the recording's action request, which carries Twilio's To.
		const before = twilio.messages.length;
		n++;
		const recordingSid = twilioSid('RE', n);
		twilio.addRecording(recordingSid, silentWav());
		const facts: RecordingFacts = { callSid: twilioSid('CA', n), recordingSid, from: '+17195550167', dialled: LINE_NUMBER, durationSeconds: 12, language: 'en', for: { kind: 'emergency' }, at: now() };
		const { ticket } = await line().fileVoicemail(facts);
		await twilio.waitFor('two SMS', () => twilio.messages.length - before, 2);
		expect(twilio.messages.slice(before).map((m) => [m.from, m.body.startsWith(`Emergency voicemail, ticket ${ticket}:`)])).toEqual([
			[LINE_NUMBER, true],
			[LINE_NUMBER, true]
		]);
	});

	it('retries a download Twilio refused, and stores the audio once Twilio serves it', async () => {
		twilio.fail(true);
		const c = await call(PHONES.ann);
		await line().fileVoicemail(c.facts);
		await line().recordingStatus({ ...c.facts, status: 'completed' });
		await eventually(store.private, 'the failed attempt recorded', async () => ((await getOrNull<{ attempts: number }>(store.private, `phone-job:audio:${c.recordingSid}`))?.attempts ?? 0) >= 1);
		expect((await vmOf(c.recordingSid)).audio).toBe('waiting');
		twilio.fail(false);
		// A minute later by the server's clock (a restart moves it): the retry is due.
		await open(running!.offset + 2 * 60_000);
		await settled(c.recordingSid, (v) => v.audio === 'stored');
		// Its transcript has not come: Twilio keeps the recording, since deleting it would stop the transcription.
		await eventually(store.private, 'the audio job done', async () => ((await getOrNull<{ doneAt: number | null }>(store.private, `phone-job:audio:${c.recordingSid}`))?.doneAt ?? null) !== null);
		expect(twilio.hasRecording(c.recordingSid)).toBe(true);
		failedWaiting = c;
	});
	let failedWaiting: Awaited<ReturnType<typeof call>> | null = null;

	it('marks a voicemail whose transcript never came as none after the wait, with the note on its ticket', async () => {
		const c = failedWaiting!;
		expect((await vmOf(c.recordingSid)).transcript).toBe('waiting');
		await open(running!.offset + 11 * 60_000);
		const vm = await settled(c.recordingSid, (v) => v.transcript === 'none');
		const notes = (await ticketOf(vm.ticket)).history.filter((e) => e.kind === 'note' && e.by === 'system');
		expect(notes).toHaveLength(1);
		// Twilio was asked for a transcript whose callback might have been lost, then the recording was deleted there.
		await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
		expect(recordingRequests(twilio, c.recordingSid).slice(-2)).toEqual(['GET', 'DELETE']);
		expect(twilio.requests).toContain(`GET /2010-04-01/Accounts/${twilio.accountSid}/Recordings/${c.recordingSid}/Transcriptions.json`);
		// A transcript that turns up after all still joins the ticket, under the note.
		await transcript(c, 'Late words.');
		await settled(c.recordingSid, (v) => v.transcript === 'done' && v.transcriptText === 'Late words.');
		expect((await ticketOf(vm.ticket)).history.filter((e) => e.kind === 'transcript')).toHaveLength(1);
	});

	it('fetches a transcript whose callback never came from Twilio at the end of the wait, then deletes the recording there', async () => {
		const c = await call(PHONES.ann);
		await line().fileVoicemail(c.facts);
		await line().recordingStatus({ ...c.facts, status: 'completed' });
		await settled(c.recordingSid, (v) => v.audio === 'stored');
		// Twilio transcribed it, but its callback was lost (the store was down, and Twilio does not retry it).
		twilio.addTranscript(c.recordingSid, 'The projector in room 12 will not turn on.');
		expect(twilio.hasRecording(c.recordingSid)).toBe(true);
		await open(running!.offset + 11 * 60_000);
		const vm = await settled(c.recordingSid, (v) => v.transcript === 'done');
		expect(vm.transcriptText).toBe('The projector in room 12 will not turn on.');
		const history = (await ticketOf(vm.ticket)).history;
		expect(history.filter((e) => e.kind === 'transcript').map((e) => e.text)).toEqual(['The projector in room 12 will not turn on.']);
		expect(history.filter((e) => e.kind === 'note' && e.by === 'system')).toEqual([]);
		await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
	});

	it('keeps the deletion at Twilio as a job from the filing, so a refused deletion is made after a restart', async () => {
		const c = await call(PHONES.ann);
		await line().fileVoicemail(c.facts);
		// Queued with the filing's other jobs, just after the answer.
		await eventually(store.private, 'the deletion queued', async () => (await getOrNull<{ doneAt: number | null }>(store.private, `phone-job:twilio-delete:${c.recordingSid}`))?.doneAt === null);
		await line().recordingStatus({ ...c.facts, status: 'completed' });
		await settled(c.recordingSid, (v) => v.audio === 'stored');
		twilio.fail(true);
		await transcript(c, 'The bell schedule screen is blank.');
		await settled(c.recordingSid, (v) => v.transcript === 'done');
		await eventually(store.private, 'the refused deletion recorded', async () => ((await getOrNull<{ attempts: number }>(store.private, `phone-job:twilio-delete:${c.recordingSid}`))?.attempts ?? 0) >= 1);
		expect(twilio.hasRecording(c.recordingSid)).toBe(true);
		twilio.fail(false);
		await open(running!.offset + 2 * 60_000);
		await twilio.waitFor('the recording deleted at Twilio', () => twilio.deletions.filter((d) => d === c.recordingSid).length, 1);
	});

	it('deletes the audio after the retention days and keeps the transcript', async () => {
		const [first] = (await store.main.allDocs({ startkey: 'voicemail:', endkey: 'voicemail:\uffff', include_docs: true })).rows.map((r) => VoicemailDoc.parse(r.doc)).filter((v) => v.transcript === 'done');
		expect(first.audio).toBe('stored');
		await open(running!.offset + 89 * DAY);
		expect((await vmOf(first.recordingSid)).audio).toBe('stored');
		await open(running!.offset + 2 * DAY + HOUR);
		const vm = await settled(first.recordingSid, (v) => v.audio === 'expired');
		expect(vm._attachments).toBeUndefined();
		expect(vm.transcriptText).toBe(first.transcriptText);
		expect(vm.transcript).toBe('done');
	});
});

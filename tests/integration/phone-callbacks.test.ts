import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket } from '../../core/schemas';
import { VoicemailDoc } from '../../core/telephony/docs';
import { postSigned } from '../../telephony/simulator/twilio-side';
import type { WalkResult } from '../../telephony/simulator/walker';
import { api, device } from '../support/district';
import { restartAt } from '../support/notify-district';
import { jobsCaughtUp, recordingRequests } from '../support/phone-signed';
import { E164, eventually, heard, type PhoneDistrict, startPhoneDistrict, WEDNESDAY_MORNING } from '../support/phone-calls';

const NO_TRANSCRIPT = 'No transcript arrived: listen to the recording.';

describe('Twilio’s callbacks as they really come: replayed, out of order, missing; and a step that fails', () => {
	let d: PhoneDistrict;
	const admin = () => device(d.server, 'admin').remote;
	const voicemailOf = async (recordingSid: string | null) => VoicemailDoc.parse(await admin().get(`voicemail:${recordingSid}`));
	const ticketOf = async (number: string) => Ticket.parse(await admin().get(`ticket:${number}`));
	const line = () => ({ publicUrl: `http://localhost:${d.server.port}`, serverUrl: d.server.url, authToken: d.twilio.authToken, accountSid: d.twilio.accountSid });
	/** Sends again, signed, every request of the call whose path starts with `prefix`. */
	const replay = async (call: WalkResult, prefix: string) => {
		const again = call.sent.filter((r) => r.path.startsWith(prefix));
		expect(again.length).toBeGreaterThan(0);
		return Promise.all(again.map((r) => postSigned(line(), r.path, r.params)));
	};
	const ticketsFor = async (recordingSid: string) =>
		(await admin().allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff', include_docs: true })).rows
			.map((r) => Ticket.parse(r.doc))
			.filter((t) => t.history.some((e) => e.id.startsWith(`vm-${recordingSid}-`)));

	beforeAll(async () => {
		d = await startPhoneDistrict();
	});
	afterAll(async () => {
		await d?.dispose();
	});

	it('gives one ticket, one transcript and one download when the transcript comes first and every callback twice, then all again', async () => {
		const said = 'The smart board in room 4 does not respond to touch.';
		const call = await d.call({ from: E164.ann, digits: ['2'], say: said, callbacks: ['transcription', 'recording', 'transcription', 'recording', 'action', 'action'] });
		const recordingSid = call.recordingSid!;
		await eventually(admin(), 'the audio stored and the transcript attached', async () => {
			const vm = await voicemailOf(recordingSid);
			return vm.audio === 'stored' && vm.transcript === 'done';
		});
		await d.twilio.waitFor('the recording deleted at Twilio', () => d.twilio.deletions.filter((sid) => sid === recordingSid).length, 1);
		// Everything once more, the call's first request included, in parallel.
		const answers = [...(await replay(call, '/telephony/voice')), ...(await replay(call, '/telephony/recorded')), ...(await replay(call, '/telephony/recording-status')), ...(await replay(call, '/telephony/transcription')), ...(await replay(call, '/telephony/status'))];
		expect(answers.map((a) => a.status).every((s) => s === 200)).toBe(true);
		// What the replays set going after their answers (downloads, transcripts) is over before anything is counted.
		await jobsCaughtUp(d.server, d.twilio);

		const tickets = await ticketsFor(recordingSid);
		expect(tickets).toHaveLength(1);
		expect(tickets[0].history.filter((e) => e.kind === 'transcript')).toEqual([expect.objectContaining({ text: said, by: 'system' })]);
		expect(recordingRequests(d.twilio, recordingSid)).toEqual(['GET', 'DELETE']);
		// Both actions read back the same ticket number.
		const recorded = call.sent.filter((r) => r.path.startsWith('/telephony/recorded'));
		const numbers = (await replay(call, '/telephony/recorded')).map((a) => a.body);
		expect(numbers[0]).toBe(numbers[1]);
		expect(recorded).toHaveLength(2);
		const callDocs = (await admin().allDocs({ startkey: `call:${call.callSid}`, endkey: `call:${call.callSid}` })).rows;
		expect(callDocs).toHaveLength(1);
		expect(await voicemailOf(recordingSid)).toMatchObject({ ticket: tickets[0].number, transcriptText: said });
	});

	it('files the voicemail from the recording status alone when the action never comes', async () => {
		const call = await d.call({ from: E164.ann, digits: ['2'], say: 'Nobody heard the ticket number.', callbacks: ['recording', 'transcription'] });
		expect(heard(call)).not.toContain('Thank you. Your message is saved as ticket number');
		const vm = await voicemailOf(call.recordingSid);
		expect(await ticketsFor(call.recordingSid!)).toHaveLength(1);
		expect((await ticketOf(vm.ticket)).source).toBe('voicemail');
	});

	it('marks a failed transcript at once: "listen to the recording"', async () => {
		const call = await d.call({ from: E164.ann, digits: ['2'], transcription: 'failed' });
		const vm = await eventually(admin(), 'the voicemail marked without transcript', async () => {
			const doc = await voicemailOf(call.recordingSid);
			return doc.transcript === 'none' ? doc : null;
		});
		const ticket = await ticketOf(vm.ticket);
		expect(ticket.history.filter((e) => e.kind === 'transcript')).toEqual([]);
		expect(ticket.history.filter((e) => e.kind === 'note' && e.text === NO_TRANSCRIPT)).toHaveLength(1);
	});

	it('marks a transcript that never arrives once the wait is over, by the server’s clock', async () => {
		const call = await d.call({ from: E164.ann, digits: ['2'], callbacks: ['action', 'recording'] });
		const waiting = await voicemailOf(call.recordingSid);
		expect(waiting.transcript).toBe('waiting');
		// The line waits 10 minutes (transcriptWaitMinutes); the server restarts 15 minutes later.
		await restartAt(d.server, WEDNESDAY_MORNING + 15 * 60_000);
		const vm = await eventually(admin(), 'the voicemail marked without transcript', async () => {
			const doc = await voicemailOf(call.recordingSid);
			return doc.transcript === 'none' ? doc : null;
		});
		const ticket = await ticketOf(vm.ticket);
		expect(ticket.history.filter((e) => e.kind === 'note' && e.text === NO_TRANSCRIPT)).toHaveLength(1);
		expect(vm.audio).toBe('stored');
	});

	it('answers a step that throws with the apology and a recording, never Twilio’s application error; the message is filed once the line is fixed', async () => {
		// An administrator removes the line's set-up: every step that reads it now throws.
		const seeded = await api(d.server, '/db/helpdesk/phone-line:district');
		const removed = await api(d.server, `/db/helpdesk/phone-line:district?rev=${seeded.body._rev as string}`, { method: 'DELETE' });
		expect(removed.status, JSON.stringify(removed.body)).toBe(201);

		const call = await d.call({ from: E164.ann, digits: [], say: 'Something broke but I still left a message.' });
		expect(heard(call)[0]).toBe('Sorry, something went wrong on our side. Please leave a message and we will call you back.');
		expect(call.events.some((e) => e.kind === 'record')).toBe(true);
		expect(call.events.filter((e) => e.kind === 'error')).toEqual([]);
		expect(d.server.output()).toMatch(/telephony voice: .*phone line has no set-up document/);

		// Twilio retries the recording's status callback; once the line is back, it files the message.
		const back = { ...seeded.body };
		delete back._rev;
		expect((await api(d.server, '/db/helpdesk/phone-line:district', { method: 'PUT', body: JSON.stringify(back) })).status).toBe(201);
		await eventually(admin(), 'the voicemail filed from a replayed recording status', async () => {
			const [answer] = await replay(call, '/telephony/recording-status');
			return answer.status === 200;
		});
		expect(await ticketsFor(call.recordingSid!)).toHaveLength(1);
	});
});

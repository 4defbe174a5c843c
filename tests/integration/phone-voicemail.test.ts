import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ticket } from '../../core/schemas';
import { VoicemailDoc } from '../../core/telephony/docs';
import { withDistribution } from '../../core/ticket-changes';
import { device } from '../support/district';
import { E164, eventually, heard, type PhoneDistrict, spelled, startPhoneDistrict, STRANGER } from '../support/phone-calls';
import { serverNow } from '../support/notify-district';

const MESSAGE = 'Hello, this is Ann at North school. The projector in room 12 shows no picture. Please call me back.';

// A call placed through the real server's signed webhooks from this process (the simulator's walker), its recording
// at the Twilio stand-in; the coordinator's and the technician's devices are real PouchDB replicas over the gateway.
describe('a voicemail becomes a ticket in the coordinator’s queue, with its transcript and audio, and reaches the technician', () => {
	let d: PhoneDistrict;
	const admin = () => device(d.server, 'admin').remote;

	beforeAll(async () => {
		d = await startPhoneDistrict();
	});
	afterAll(async () => {
		await d?.dispose();
	});

	it('files the message as a new, unassigned voicemail ticket for the caller matched by number, and reads its number back twice', async () => {
		const call = await d.call({ from: '(303) 555-0142', digits: ['2'], say: MESSAGE });
		const vm = VoicemailDoc.parse(await admin().get(`voicemail:${call.recordingSid}`));
		const ticket = Ticket.parse(await admin().get(`ticket:${vm.ticket}`));
		expect(ticket).toMatchObject({ number: vm.ticket, source: 'voicemail', requester: 'ann', requesterName: 'Ann Teacher', status: 'new', assignee: null, building: 'north' });
		expect(vm).toMatchObject({ callSid: call.callSid, from: E164.ann, caller: 'ann', emergency: false, filedAs: vm.ticket });

		const said = heard(call);
		expect(said[0]).toBe('Thank you for calling the Lakeside Unified School District technology help desk.');
		const saved = said.indexOf('Thank you. Your message is saved as ticket number');
		expect(saved).toBeGreaterThan(0);
		const digits = spelled(vm.ticket);
		expect(said.slice(saved + 1, saved + 1 + digits.length)).toEqual(digits);
		expect(said.slice(saved + 2 + digits.length, saved + 2 + 2 * digits.length)).toEqual(digits);
		expect(call.events.at(-1)).toMatchObject({ kind: 'callback', name: 'status', status: 200 });
	});

	it('attaches the transcript as the server’s entry, stores the audio and deletes it at Twilio; the coordinator distributes from her device and the technician receives ticket and audio', async () => {
		const call = await d.call({ from: E164.ann, digits: ['2'], say: MESSAGE });
		const recordingSid = call.recordingSid!;
		const vm = await eventually(admin(), 'the audio stored and the transcript attached', async () => {
			const doc = VoicemailDoc.parse(await admin().get(`voicemail:${recordingSid}`));
			return doc.audio === 'stored' && doc.transcript === 'done' ? doc : null;
		});
		expect(vm.transcriptText).toBe(MESSAGE);
		expect(d.twilio.downloads).toContain(recordingSid);
		// Deleted at Twilio once both have settled, by its own job right after.
		await d.twilio.waitFor('the recording deleted at Twilio', () => d.twilio.deletions.filter((s) => s === recordingSid).length, 1);
		expect(d.twilio.hasRecording(recordingSid)).toBe(false);

		const coord = device(d.server, 'coord');
		await coord.pull();
		const queued = Ticket.parse(await coord.local.get(`ticket:${vm.ticket}`));
		expect(queued.history.filter((e) => e.kind === 'transcript')).toEqual([expect.objectContaining({ by: 'system', text: MESSAGE })]);
		const audio = (await coord.local.getAttachment(`voicemail:${recordingSid}`, 'audio.wav')) as Buffer;
		expect(new Uint8Array(audio)).toEqual(d.recordings.get(recordingSid));

		const distributed = withDistribution(queued, { by: 'coord', at: new Date(serverNow(d.server)).toISOString(), id: 'coord-distribute-1' }, { assignee: 'tech-n', category: null });
		await coord.local.put(distributed);
		const pushed = await coord.push();
		expect(pushed.doc_write_failures, JSON.stringify(pushed.errors)).toBe(0);

		const tech = device(d.server, 'tech-n');
		await eventually(admin(), 'the voicemail following its ticket to tech-n', async () => VoicemailDoc.parse(await admin().get(`voicemail:${recordingSid}`)).assignee === 'tech-n');
		await tech.pull();
		expect(Ticket.parse(await tech.local.get(`ticket:${vm.ticket}`))).toMatchObject({ assignee: 'tech-n', status: 'assigned' });
		const techAudio = (await tech.local.getAttachment(`voicemail:${recordingSid}`, 'audio.wav')) as Buffer;
		expect(techAudio.length).toBe(d.recordings.get(recordingSid)!.length);
		// Another technician's device never receives it.
		const other = device(d.server, 'tech-s');
		await other.pull();
		expect(await other.ids('voicemail:')).toEqual([]);
	});

	it('files an unknown caller’s message under the district’s default building, keeping the number and creating no account', async () => {
		const call = await d.call({ from: STRANGER, digits: ['2'], say: 'My classroom printer jams on every page.' });
		const vm = VoicemailDoc.parse(await admin().get(`voicemail:${call.recordingSid}`));
		const ticket = Ticket.parse(await admin().get(`ticket:${vm.ticket}`));
		expect(vm.caller).toBeNull();
		expect(ticket).toMatchObject({ requester: 'unknown-caller', building: 'north', contactPhone: '(303) 555-0199' });
		expect(ticket.requesterName).toContain('(303) 555-0199');
		expect(await admin().get('user:unknown-caller').catch((e: { status: number }) => e.status)).toBe(404);
	});
});

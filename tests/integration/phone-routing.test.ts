import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationId } from '../../core/notify/notification-doc';
import { Ticket } from '../../core/schemas';
import { CallDoc, VoicemailDoc } from '../../core/telephony/docs';
import { device } from '../support/district';
import { type Mailbox, startMailbox } from '../support/mailbox';
import { mailOf, restartAt } from '../support/notify-district';
import { E164, heard, type PhoneDistrict, spelled, startPhoneDistrict } from '../support/phone-calls';
import { LINE_NUMBER } from '../support/phone-district';
import { jobsCaughtUp } from '../support/phone-signed';

// Denver is UTC-7 in December; the district is open Monday to Friday 07:00 to 15:30.
const FRIDAY_NIGHT = Date.parse('2026-12-04T21:00:00-07:00');

describe('the menu’s routes through the real server: extensions, the emergency line, Spanish, after hours', () => {
	let d: PhoneDistrict;
	let mailbox: Mailbox;
	const admin = () => device(d.server, 'admin').remote;
	const voicemailOf = async (recordingSid: string | null) => VoicemailDoc.parse(await admin().get(`voicemail:${recordingSid}`));
	const ticketOf = async (number: string) => Ticket.parse(await admin().get(`ticket:${number}`));

	beforeAll(async () => {
		mailbox = await startMailbox();
		d = await startPhoneDistrict({ SMTP_URL: mailbox.url, MAIL_FROM: 'District Helpdesk <helpdesk@district.test>' });
	});
	afterAll(async () => {
		await d?.dispose();
		await mailbox?.close();
	});

	it('rings an extension nobody answers, then files the message as a ticket assigned to that person', async () => {
		const call = await d.call({ from: E164.ann, digits: ['3448'], say: 'Pat, PowerSchool will not let me post grades.' });
		expect(call.events.find((e) => e.kind === 'ring')).toMatchObject({ targets: [E164.spec] });
		expect(heard(call)).toContain('Pat Network is not available. Please leave a message after the tone, with your name, your school and a call-back number.');
		const vm = await voicemailOf(call.recordingSid);
		expect(await ticketOf(vm.ticket)).toMatchObject({ assignee: 'spec', status: 'assigned', requester: 'ann', source: 'voicemail' });
		expect(vm.assignee).toBe('spec');
	});

	it('connects an extension whose person accepts at the whisper: no voicemail, the call log says who answered', async () => {
		const call = await d.call({ from: E164.ann, digits: ['3448'], answer: 'first' });
		const whisper = call.events.filter((e) => e.kind === 'say' && e.heardBy === 'callee').map((e) => (e.kind === 'say' ? e.text : ''));
		// Said twice, so a person who answers mid-sentence still hears it whole.
		expect(whisper).toEqual(['Help desk call from Ann Teacher. Press 1 to accept.', 'Help desk call from Ann Teacher. Press 1 to accept.']);
		expect(call.events).toContainEqual(expect.objectContaining({ kind: 'press', digits: '1', by: 'callee' }));
		expect(call.recordingSid).toBeNull();
		const log = CallDoc.parse(await admin().get(`call:${call.callSid}`));
		expect(log).toMatchObject({ caller: 'ann', outcome: 'answered', answeredBy: 'spec', ticket: null });
	});

	it('rings every on-call mobile for an emergency; when nobody answers, a priority-1 ticket alerts each on-call person by SMS, email and in the app', async () => {
		const call = await d.call({ from: E164.ann, digits: ['9'], say: 'The whole network is down at North school.' });
		expect(call.events.find((e) => e.kind === 'ring')).toMatchObject({ targets: [E164.coord, E164.spec] });
		const vm = await voicemailOf(call.recordingSid);
		expect(vm.emergency).toBe(true);
		expect(await ticketOf(vm.ticket)).toMatchObject({ priority: 1, assignee: null, requester: 'ann' });

		// SMS to the two on-call people with a mobile (tech-s has none), from the number the caller dialled.
		await d.twilio.waitFor('the emergency SMS', () => d.twilio.messages.length, 2);
		// No third one comes later: the jobs have caught up before the messages are compared.
		await jobsCaughtUp(d.server, d.twilio);
		const link = `http://localhost:${d.server.port}/tickets/${vm.ticket}`;
		const text = `Emergency voicemail, ticket ${vm.ticket}: Ann Teacher, call back (303) 555-0142. ${link}`;
		expect([...d.twilio.messages].sort((a, b) => a.to.localeCompare(b.to))).toEqual([
			{ from: LINE_NUMBER, to: E164.spec, body: text },
			{ from: LINE_NUMBER, to: E164.coord, body: text }
		]);
		const mails = () => ['coord', 'spec', 'tech-s'].filter((u) => mailbox.to(mailOf(u)).some((m) => m.subject.includes(vm.ticket)));
		await mailbox.waitFor('an email to each on-call person', () => mails().length, 3);
		for (const username of ['coord', 'spec', 'tech-s']) {
			const key = `phone:emergency:${vm.ticket}:${username}`;
			// Read by the recipient (a notification replicates to its recipient only).
			expect(await device(d.server, username).remote.get(notificationId(username, key))).toMatchObject({ recipient: username, kind: 'emergency', ticket: vm.ticket });
		}
		// Nobody else is alerted.
		expect(mailbox.to(mailOf('tech-n')).filter((m) => m.subject.includes(vm.ticket))).toEqual([]);
	});

	it('speaks Spanish after 8, to the end of the call, and logs the call as Spanish', async () => {
		const call = await d.call({ from: E164.ann, digits: ['8', '2'], say: 'El proyector del salón doce no funciona.', language: 'es' });
		const eight = call.events.findIndex((e) => e.kind === 'press' && e.digits === '8');
		const said = call.events.flatMap((e) => (e.kind === 'say' ? [e] : []));
		const afterEight = call.events.slice(eight).flatMap((e) => (e.kind === 'say' ? [e] : []));
		expect(said[0]).toMatchObject({ language: 'en', text: 'Thank you for calling the Lakeside Unified School District technology help desk.' });
		expect(afterEight[0].text).toBe('Para la mesa de ayuda, oprima 1. Para dejar un mensaje, oprima 2. Para una emergencia, oprima 9. Si sabe la extensión de la persona, márquela en cualquier momento.');
		expect(afterEight.every((e) => e.language === 'es')).toBe(true);
		const vm = await voicemailOf(call.recordingSid);
		const texts = afterEight.map((e) => e.text);
		const saved = texts.indexOf('Gracias. Su mensaje quedó guardado con el número de caso');
		expect(texts.slice(saved + 1, saved + 1 + vm.ticket.length)).toEqual(spelled(vm.ticket, 'guion'));
		expect(texts.at(-1)).toBe('Adiós.');
		expect(CallDoc.parse(await admin().get(`call:${call.callSid}`)).language).toBe('es');
	});

	it('after hours, says when the help desk opens, offers only the message and the emergency, and files the message', async () => {
		await restartAt(d.server, FRIDAY_NIGHT);
		const call = await d.call({ from: E164.ann, digits: ['1', '2'], say: 'My laptop will not start.' });
		const said = heard(call);
		expect(said.slice(0, 3)).toEqual([
			'Thank you for calling the Lakeside Unified School District technology help desk.',
			'The help desk is closed now. We open Monday at 7 AM.',
			'Press 2 to leave a message, or 9 for an emergency.'
		]);
		// 1 (the help desk) is not an option while closed: nothing rings.
		expect(said).toContain('Sorry, that is not an option.');
		expect(call.events.some((e) => e.kind === 'ring')).toBe(false);
		const vm = await voicemailOf(call.recordingSid);
		// Filed on the server's clock: Friday night, minutes after the restart.
		const filed = Date.parse((await ticketOf(vm.ticket)).createdAt);
		expect(filed).toBeGreaterThanOrEqual(FRIDAY_NIGHT);
		expect(filed).toBeLessThan(FRIDAY_NIGHT + 10 * 60_000);
	});
});

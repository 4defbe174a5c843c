import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { api } from '../support/district';
import { type Mailbox, startMailbox } from '../support/mailbox';
import { addNote, fileTicket, forgetNotifier, inApp, mailOf, offsetFor, provisionForMail, restartAt, serverNow } from '../support/notify-district';
import { startServer, type WatchedServer } from '../support/server';

// Denver is UTC-7 in December. Friday 4 December 2026, 9 PM: the district (open weekdays 07:00-15:30) is closed until
// Monday 7 December, 07:00.
const FRIDAY_NIGHT = Date.parse('2026-12-04T21:00:00-07:00');
const MONDAY_OPENING = Date.parse('2026-12-07T07:00:00-07:00');
const TITLE = 'Projector dead in room 12';

describe('notifications by email and in the app, through the real server and a real SMTP receiver', () => {
	let server: WatchedServer;
	let mailbox: Mailbox;
	let p3: Ticket;
	let p1: Ticket;
	const assignedKey = (t: Ticket, to: string) => `ticket:${t.number}:entry:${t.number}-created:assigned:${to}`;
	const mailsAbout = (to: string, t: Ticket, subject: RegExp = /./) => mailbox.to(mailOf(to), subject).filter((m) => m.subject.startsWith(`[${t.number}]`));
	const failures = () => server.output().match(/mail: sending outbox:\S+ to \S+ failed/g)?.length ?? 0;

	beforeAll(async () => {
		mailbox = await startMailbox();
		server = await startServer({ SMTP_URL: mailbox.url, MAIL_FROM: 'District Helpdesk <helpdesk@district.test>', CLOCK_OFFSET_MS: offsetFor(FRIDAY_NIGHT) });
		await provisionForMail(server);
	});
	afterAll(async () => {
		await server?.dispose();
		await mailbox?.close();
	});

	it('mails an emergency’s assignment at once at night, and keeps a P3 one for the morning while showing it in the app', async () => {
		p3 = await fileTicket(server, 'coord', { priority: 3, assignee: 'tech-n' });
		p1 = await fileTicket(server, 'coord', { priority: 1, assignee: 'tech-s', building: 'south', requester: 'cat', requesterName: 'Cat Student' });
		await mailbox.waitFor('the P1 assignment mail', () => mailsAbout('tech-s', p1).length, 1);
		const [mail] = mailsAbout('tech-s', p1);
		expect(mail.subject).toBe(`[${p1.number}] Assigned to you: ${TITLE}`);
		expect(mail.raw).toMatch(/^From: District Helpdesk <helpdesk@district\.test>/m);
		// PUBLIC_URL is not set: links use the default, http://localhost:<port>.
		expect(mail.text).toBe(`coord assigned ticket ${p1.number} to you.\n\nTicket ${p1.number}: ${TITLE}\nBuilding: south school · Priority: Emergency\n\nhttp://localhost:${server.port}/tickets/${p1.number}\n`);
		// The P3 ticket was handled first (changes are read in order), yet nothing was mailed for it.
		expect(mailbox.to(mailOf('tech-n'))).toHaveLength(0);
		const note = await inApp(server, 'tech-n', assignedKey(p3, 'tech-n'));
		expect(note.status).toBe(200);
		expect(note.body).toMatchObject({ recipient: 'tech-n', kind: 'assigned', ticket: p3.number, readAt: null, text: `Cora Coordinator assigned ticket ${p3.number} to you: ${TITLE}` });
	});

	it('mails the P3 assignment at the next opening, once', async () => {
		await restartAt(server, MONDAY_OPENING + 5 * 60_000);
		await mailbox.waitFor('the P3 assignment mail', () => mailsAbout('tech-n', p3).length, 1);
		expect(mailsAbout('tech-n', p3)[0].subject).toBe(`[${p3.number}] Assigned to you: ${TITLE}`);
		expect(mailsAbout('tech-s', p1)).toHaveLength(1);
	});

	it('follows each person’s choices: a requester hears of a note by mail, "in-app" and "none" send no mail', async () => {
		const at = new Date(serverNow(server)).toISOString();
		for (const [who, choices] of [
			['bob', { note: 'in-app' }],
			['tech-n', { assigned: 'none' }]
		] as const) {
			const r = await api(server, `/db/helpdesk/notify-prefs:${who}`, { as: who, method: 'PUT', body: JSON.stringify({ _id: `notify-prefs:${who}`, type: 'notify-prefs', username: who, choices, updatedAt: at }) });
			expect(r.status, JSON.stringify(r.body)).toBe(201);
		}
		const bobs = await fileTicket(server, 'coord', { priority: 3, assignee: 'tech-n', requester: 'bob', requesterName: 'Bob Secretary' });
		const toBob = await addNote(server, 'tech-n', bobs.number, 'Replaced the lamp.');
		const toAnn = await addNote(server, 'tech-n', p3.number, 'Ordered a new lamp.');
		await mailbox.waitFor('the note mail to the requester', () => mailsAbout('ann', p3, /New note on your ticket/).length, 1);
		expect(mailsAbout('ann', p3)[0].text).toContain('tech-n wrote on your ticket:\n\nOrdered a new lamp.\n');
		// Bob chose the app alone for notes; Nina chose nothing for assignments. Their changes were read before Ann's.
		expect(mailbox.to(mailOf('bob'))).toHaveLength(0);
		expect((await inApp(server, 'bob', `ticket:${bobs.number}:entry:${toBob}:note:bob`)).body).toMatchObject({ kind: 'note', text: `Nina North wrote on your ticket ${bobs.number}: ${TITLE}` });
		expect(mailsAbout('tech-n', bobs)).toHaveLength(0);
		expect((await inApp(server, 'tech-n', assignedKey(bobs, 'tech-n'))).status).toBe(404);
		expect((await inApp(server, 'ann', `ticket:${p3.number}:entry:${toAnn}:note:ann`)).status).toBe(200);
		// The note replayed the whole ticket, its assignment included: nothing more was sent.
		expect(mailsAbout('tech-n', p3)).toHaveLength(1);
	});

	it('keeps mail a refusing receiver did not take, and delivers each once after it recovers', async () => {
		mailbox.refuse(true);
		const outage = {
			_id: 'outage:north-network',
			type: 'outage',
			services: ['the network'],
			buildings: ['north'],
			description: 'The fiber link to North is cut.',
			declaredAt: new Date(serverNow(server) - 1000).toISOString(),
			declaredBy: 'coord',
			progress: [],
			restoredAt: null,
			restoredBy: null,
			tickets: []
		};
		expect((await api(server, `/db/helpdesk/${outage._id}`, { as: 'coord', method: 'PUT', body: JSON.stringify(outage) })).status).toBe(201);
		// North's staff: Ann, Bob and Nina (the coordinator, who posted it, has no building).
		while (failures() < 3) await server.waitForOutput(/mail: sending outbox:\S+ to \S+ failed/);
		expect(mailbox.messages.filter((m) => /Outage/.test(m.subject))).toHaveLength(0);
		mailbox.refuse(false);
		// The first retry is due a minute after the failure: the server's clock moves on two.
		await restartAt(server, serverNow(server) + 2 * 60_000);
		const outageMails = () => mailbox.messages.filter((m) => m.subject === 'Outage: the network is down at north school');
		await mailbox.waitFor('the outage mails', () => outageMails().length, 3);
		expect(outageMails().flatMap((m) => m.to).sort()).toEqual([mailOf('ann'), mailOf('bob'), mailOf('tech-n')]);
		expect(mailbox.refused()).toBeGreaterThanOrEqual(3);
	});

	it('tells the building’s staff of progress and of service restored, once each', async () => {
		const stored = (await api(server, '/db/helpdesk/outage:north-network', { as: 'coord' })).body;
		const progress = [{ at: new Date(serverNow(server) - 1000).toISOString(), by: 'coord', text: 'The crew is on site.' }];
		expect((await api(server, '/db/helpdesk/outage:north-network', { as: 'coord', method: 'PUT', body: JSON.stringify({ ...stored, progress }) })).status).toBe(201);
		const updates = () => mailbox.messages.filter((m) => m.subject === 'Outage update: the network is down at north school');
		await mailbox.waitFor('the progress mails', () => updates().length, 3);
		const again = (await api(server, '/db/helpdesk/outage:north-network', { as: 'coord' })).body;
		const restored = { ...again, restoredAt: new Date(serverNow(server) - 500).toISOString(), restoredBy: 'coord' };
		expect((await api(server, '/db/helpdesk/outage:north-network', { as: 'coord', method: 'PUT', body: JSON.stringify(restored) })).status).toBe(201);
		const back = () => mailbox.messages.filter((m) => m.subject === 'Service restored: the network is working again at north school');
		await mailbox.waitFor('the restored mails', () => back().length, 3);
		expect(updates().flatMap((m) => m.to).sort()).toEqual([mailOf('ann'), mailOf('bob'), mailOf('tech-n')]);
		expect(back().flatMap((m) => m.to).sort()).toEqual([mailOf('ann'), mailOf('bob'), mailOf('tech-n')]);
		expect(mailbox.messages.filter((m) => /Outage: /.test(m.subject))).toHaveLength(3);
		expect((await inApp(server, 'ann', 'outage:north-network:restored:ann')).body).toMatchObject({ kind: 'outage-restored', outage: 'outage:north-network' });
	});

	it('sends nothing old when a server without notifications is upgraded over existing history', async () => {
		await server.stop();
		// An upgrade from a version without notifications: the store has history, the notifier has no record at all.
		expect(await forgetNotifier(server)).toBeGreaterThan(5);
		const before = mailbox.messages.length;
		await restartAt(server, serverNow(server) + 60_000);
		// A new note on an old ticket replays its whole history: only the new note is news.
		await addNote(server, 'tech-n', p3.number, 'The lamp is fitted.');
		await mailbox.waitFor('the new note mail', () => mailsAbout('ann', p3, /New note/).length, 2);
		expect(mailbox.messages.slice(before).map((m) => [m.to, m.subject])).toEqual([[[mailOf('ann')], `[${p3.number}] New note on your ticket: ${TITLE}`]]);
	});
});

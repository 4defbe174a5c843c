import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../core/schemas';
import { type Mailbox, startMailbox } from '../support/mailbox';
import { fileTicket, forgetNotifier, inApp, mailOf, offsetFor, provisionForMail, restartAt } from '../support/notify-district';
import { startServer, type WatchedServer } from '../support/server';

// Wednesday 9 December 2026 in Denver (UTC-7), open 07:00-15:30. Policy ts-pe-004: a break-fix P1 is resolved within
// 4 business hours, at risk from 75% of that (3 hours). Filed at 08:00: at risk from 11:00, due 12:00, breached after.
const at = (time: string) => Date.parse(`2026-12-09T${time}:00-07:00`);
const TITLE = 'Projector dead in room 12';

describe('at risk and breached SLA clocks, as the server’s clock moves on', () => {
	let server: WatchedServer;
	let mailbox: Mailbox;
	let ticket: Ticket;
	const overdue = (to: string) => mailbox.to(mailOf(to), /Overdue/);

	beforeAll(async () => {
		mailbox = await startMailbox();
		server = await startServer({ SMTP_URL: mailbox.url, CLOCK_OFFSET_MS: offsetFor(at('08:00')) });
		await provisionForMail(server, { policy: true });
	});
	afterAll(async () => {
		await server?.dispose();
		await mailbox?.close();
	});

	it('tells the owner in the app, not by mail, when a clock is at risk', async () => {
		ticket = await fileTicket(server, 'coord', { priority: 1, category: 'break-fix', assignee: 'tech-n' });
		await mailbox.waitFor('the assignment mail', () => mailbox.to(mailOf('tech-n'), /Assigned to you/).length, 1);
		await restartAt(server, at('11:15'));
		const atRisk = await inApp(server, 'tech-n', `ticket:${ticket.number}:clock:resolution:at-risk:tech-n`);
		expect(atRisk.body).toMatchObject({ kind: 'at-risk', text: `Resolution at risk on ticket ${ticket.number} (due today 12:00 PM): ${TITLE}` });
		expect((await inApp(server, 'coord', `ticket:${ticket.number}:clock:resolution:at-risk:coord`)).status).toBe(404);
		expect(mailbox.messages).toHaveLength(1);
	});

	it('mails the owner and the coordinator once when the clock breaches', async () => {
		await restartAt(server, at('12:30'));
		const subject = `[${ticket.number}] Overdue: resolution was due today 12:00 PM: ${TITLE}`;
		await mailbox.waitFor('the breach mails', () => overdue('tech-n').length + overdue('coord').length, 2);
		expect(overdue('tech-n').map((m) => m.subject)).toEqual([subject]);
		expect(overdue('coord').map((m) => m.subject)).toEqual([subject]);
		expect(overdue('coord')[0].text).toContain('tech-n owns this ticket.');
		// Still breached after another restart: nobody hears of it again. A new emergency's mail comes after any repeat would.
		await restartAt(server, at('12:45'));
		const later = await fileTicket(server, 'coord', { priority: 1, building: 'south', assignee: 'tech-s' });
		await mailbox.waitFor('the later assignment mail', () => mailbox.to(mailOf('tech-s'), new RegExp(later.number)).length, 1);
		expect(overdue('tech-n').map((m) => m.subject)).toEqual([subject]);
		expect(overdue('coord').map((m) => m.subject)).toEqual([subject]);
	});

	it('does not tell of a breach that was old news when an upgraded server first starts', async () => {
		await server.stop();
		expect(await forgetNotifier(server)).toBeGreaterThan(3);
		await restartAt(server, at('13:00'));
		const barrier = await fileTicket(server, 'coord', { priority: 1, building: 'south', assignee: 'tech-s' });
		await mailbox.waitFor('the barrier mail', () => mailbox.to(mailOf('tech-s'), new RegExp(barrier.number)).length, 1);
		expect(overdue('tech-n')).toHaveLength(1);
		expect(overdue('coord')).toHaveLength(1);
	});
});

import { emailFor } from '../../core/notify/email';
import { type NotificationDoc, notificationId } from '../../core/notify/notification-doc';
import { notificationText } from '../../core/notify/notification-text';
import type { Ticket } from '../../core/schemas';
import { emergencyEvent, emergencySms, onCallRecipients } from '../../core/telephony/emergency';
import { outboxId, queueMail } from '../../server/notify/outbox';
import { createOnce } from '../../server/notify/state';
import type { Db } from '../../server/store';
import type { LineSetup } from '../line';
import type { Jobs } from './jobs';

export interface AlertDeps {
	main: Db;
	priv: Db;
	jobs: Jobs;
	/** Whether mail is configured (SMTP_URL). */
	mail: boolean;
	baseUrl: string;
	onMailQueued: (id: string, due: number) => void;
	log: (line: string) => void;
}

/**
 * Alerts every on-call person of an emergency voicemail at once: in the app, by email (the notifier's outbox) and by
 * SMS (a job, from the number the caller dialled). Each has an id derived from the ticket and the person, so a replay
 * or a second instance alerts nobody twice.
 */
export async function alertOnCall(d: AlertDeps, ticket: Ticket, recordingSid: string, dialled: string | null, setup: LineSetup, now: number): Promise<void> {
	const timeZone = setup.calendar?.timeZone ?? 'UTC';
	const personName = (u: string) => setup.people.find((p) => p.username === u)?.name ?? u;
	const buildingName = (c: string) => setup.buildings.find((b) => b.code === c)?.name ?? c;
	const at = Date.parse(ticket.createdAt);
	for (const { person, mobile } of onCallRecipients(setup.line.onCall, setup.people)) {
		const event = emergencyEvent(ticket, recordingSid, person.username, at);
		const note: NotificationDoc = {
			_id: notificationId(person.username, event.key),
			type: 'notification',
			recipient: person.username,
			kind: 'emergency',
			key: event.key,
			at: ticket.createdAt,
			text: notificationText(event, ticket, { personName, buildingName, timeZone }),
			ticket: ticket.number,
			outage: null,
			readAt: null
		};
		await createOnce(d.main, note);
		if (d.mail && person.email) {
			const { subject, text } = emailFor(event, ticket, { baseUrl: d.baseUrl, timeZone, buildingName });
			if (await queueMail(d.priv, { event, to: person.email, subject, text, sendAt: now })) d.onMailQueued(outboxId(event.key), now);
		}
		if (mobile && dialled) await d.jobs.add('sms', `${ticket.number}:${person.username}`, { to: mobile, from: dialled, body: emergencySms(ticket, d.baseUrl) }, now);
		else d.log(`phone: no SMS to ${person.username} for emergency ticket ${ticket.number}: ${mobile ? 'the number the caller dialled is unknown' : 'they have no mobile number in the directory'}`);
	}
}

import type { OutageDoc } from '../../core/outage/outage';
import { emailFor } from '../../core/notify/email';
import type { NotifyEvent } from '../../core/notify/event';
import { deliveryTime } from '../../core/notify/delivery';
import { keyDigest, type NotificationDoc, notificationId } from '../../core/notify/notification-doc';
import { notificationText } from '../../core/notify/notification-text';
import { channelsFor, prefsFor } from '../../core/notify/prefs';
import type { Ticket } from '../../core/schemas';
import type { BusinessCalendar } from '../../core/sla/calendar';
import type { Db } from '../store';
import type { Directory } from './directory';
import { outboxId, queueMail } from './outbox';
import { createOnce } from './state';

export interface DeliveryDeps {
	main: Db;
	private: Db;
	directory: Directory;
	/** The district's calendar (when non-urgent mail may go), or null before an administrator sets it. */
	calendar: () => Promise<BusinessCalendar | null>;
	/** Whether mail is configured (SMTP_URL). */
	mail: boolean;
	/** The app's public address, for links in mail. */
	baseUrl: string;
	now: () => number;
	/** Called with each mail queued and when it is due. */
	onQueued: (id: string, due: number) => void;
	log: (line: string) => void;
}

const MAX_REMEMBERED = 50_000;

/**
 * Delivers each event once, whatever replays it: what was handled is recorded in the private database under an id
 * derived from the event's key (`sent:<digest>`), and both the in-app notification and the queued mail have ids
 * derived from the key too, so a crash between the writes, a restart or a second instance never makes a second one.
 */
export class Delivery {
	// Keys known handled: spares a store read for every replayed event (a changed ticket replays its whole history).
	#handled = new Set<string>();

	constructor(private readonly d: DeliveryDeps) {}

	/**
	 * Delivers the event about `about` (its ticket or outage) under the recipient's choices; `silent` records it unsent.
	 * 'new' when delivered now, 'recorded' when the store says it was handled before (by an earlier run or another
	 * instance), 'known' when this process handled it.
	 */
	async deliver(event: NotifyEvent, about: Ticket | OutageDoc, silent = false): Promise<'new' | 'recorded' | 'known'> {
		if (this.#handled.has(event.key)) return 'known';
		const sentId = `sent:${keyDigest(event.key)}`;
		if (await this.d.private.get(sentId).then(() => true, () => false)) {
			this.#remember(event.key);
			return 'recorded';
		}
		const channels = silent ? { inApp: false, email: false } : await this.#deliver(event, about);
		await createOnce(this.d.private, { _id: sentId, key: event.key, event, at: new Date(this.d.now()).toISOString(), ...channels, silent });
		this.#remember(event.key);
		return 'new';
	}

	#remember(key: string): void {
		if (this.#handled.size >= MAX_REMEMBERED) this.#handled.clear();
		this.#handled.add(key);
	}

	async #deliver(event: NotifyEvent, about: Ticket | OutageDoc): Promise<{ inApp: boolean; email: boolean }> {
		const { directory } = this.d;
		await directory.load();
		const person = directory.person(event.recipient);
		if (!person?.active) return { inApp: false, email: false };
		const channels = channelsFor(prefsFor(person.role, await directory.prefs(person.username)), event);
		const calendar = await this.d.calendar();
		const timeZone = calendar?.timeZone ?? 'UTC';
		if (channels.inApp) {
			const doc: NotificationDoc = {
				_id: notificationId(event.recipient, event.key),
				type: 'notification',
				recipient: event.recipient,
				kind: event.kind,
				key: event.key,
				at: new Date(event.at).toISOString(),
				text: notificationText(event, about, { personName: directory.personName, buildingName: directory.buildingName, timeZone }),
				ticket: 'ticket' in event ? event.ticket : null,
				outage: 'outage' in event ? event.outage : null,
				readAt: null
			};
			await createOnce(this.d.main, doc);
		}
		const email = channels.email && this.d.mail && person.email !== undefined;
		if (email && person.email) {
			const now = this.d.now();
			const sendAt = calendar ? deliveryTime(event, calendar, now) : now;
			const { subject, text } = emailFor(event, about, { baseUrl: this.d.baseUrl, timeZone, buildingName: directory.buildingName });
			if (await queueMail(this.d.private, { event, to: person.email, subject, text, sendAt })) this.d.onQueued(outboxId(event.key), sendAt);
		}
		this.d.log(`notify: ${event.kind} ${'ticket' in event ? event.ticket : event.outage} to ${event.recipient}${channels.inApp ? ', in the app' : ''}${email ? ', by mail' : ''}`);
		return { inApp: channels.inApp, email };
	}
}

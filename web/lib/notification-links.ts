import type { NotificationDoc } from '$core/notify/notification-doc';
import { formatDateTime, timeAgo } from './format';

/** Where a notification leads: its ticket's page, or the outage it is about; null when it names neither. */
export function notificationHref(doc: Pick<NotificationDoc, 'ticket' | 'outage'>): string | null {
	if (doc.ticket) return `/tickets/${doc.ticket}`;
	if (doc.outage) return `/outages/${doc.outage.slice('outage:'.length)}`;
	return null;
}

/** When a notification came: "5 minutes ago" within a day, else its date and time in the district's zone. */
export function notificationWhen(at: string, now: number, timeZone: string | undefined): string {
	return now - Date.parse(at) < 86_400_000 ? timeAgo(at, now) : formatDateTime(at, timeZone);
}

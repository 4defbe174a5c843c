import type { NotificationDoc } from './notification-doc';

type Listed = Pick<NotificationDoc, '_id' | 'at' | 'readAt'>;

/** A person's notifications newest first (ties in a stable order, by id). */
export function newestFirst<T extends Listed>(list: readonly T[]): T[] {
	return [...list].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/** How many notifications are not read yet. */
export function unreadCount(list: readonly Pick<NotificationDoc, 'readAt'>[]): number {
	return list.reduce((n, doc) => (doc.readAt === null ? n + 1 : n), 0);
}

/** The notification marked read at `now`; one already read keeps the time it was first read (the only change allowed). */
export function markedRead(doc: NotificationDoc, now: Date): NotificationDoc {
	return doc.readAt === null ? { ...doc, readAt: now.toISOString() } : doc;
}

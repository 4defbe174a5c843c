/** "just now", "5 minutes ago", "3 hours ago", or the date, for times in lists and the sync indicator. */
export function timeAgo(iso: string, now: number): string {
	const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
	if (seconds < 60) return 'just now';
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
	const hours = Math.round(minutes / 60);
	if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
	const days = Math.round(hours / 24);
	if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
	return formatDate(iso);
}

// One formatter each: building one per call (toLocaleString with options) costs a second on a 5,000-ticket queue.
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

const ZONED = new Map<string, Intl.DateTimeFormat>();

/** A date and time as people read them where they are, or in the given time zone (the district's). */
export function formatDateTime(iso: string, timeZone?: string): string {
	if (!timeZone) return DATE_TIME.format(new Date(iso));
	let format = ZONED.get(timeZone);
	if (!format) ZONED.set(timeZone, (format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone })));
	return format.format(new Date(iso));
}

/** A date as people read it where they are. */
export function formatDate(iso: string): string {
	return DATE.format(new Date(iso));
}

/** "1 change" / "3 changes". */
export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

/** Where a ticket is: "Lincoln Elementary, room 12" for a numbered room, "Lincoln Elementary, Gym" otherwise. */
export function placeLabel(building: string, room: string): string {
	if (!room.trim()) return building;
	return `${building}, ${/^\d/.test(room.trim()) ? `room ${room.trim()}` : room.trim()}`;
}

/** A time zone as people name it: "Denver time" for America/Denver. */
export function zoneWords(timeZone: string): string {
	return `${timeZone.slice(timeZone.lastIndexOf('/') + 1).replaceAll('_', ' ')} time`;
}

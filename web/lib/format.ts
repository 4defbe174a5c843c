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

/** A date and time as people read them where they are. */
export function formatDateTime(iso: string): string {
	return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A date as people read it where they are. */
export function formatDate(iso: string): string {
	return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
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

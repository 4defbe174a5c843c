import { plural } from './format';

/**
 * What the All tickets count covers: the tickets on this device, not the district's, since closed tickets leave
 * devices after `closedWindowDays` (null: the server has not said yet).
 */
export function ticketCountWords(shown: number, onDevice: number, closedWindowDays: number | null): string {
	const count = `${shown} shown of the ${plural(onDevice, 'ticket')} on this device, open ones first, then the most urgent.`;
	if (closedWindowDays === null) return `${count} Closed tickets leave this device after a while.`;
	return `${count} Closed tickets older than ${plural(closedWindowDays, 'day')} are not kept on this device.`;
}

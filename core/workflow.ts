import { STATUSES, type Status, type Ticket } from './schemas';

/** Which status may follow which. Resolved tickets can be reopened; closed is final except for a reopen by staff. */
const NEXT: Record<Status, readonly Status[]> = {
	new: ['assigned', 'in-progress', 'waiting-requester', 'scheduled', 'resolved', 'closed'],
	assigned: ['in-progress', 'waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled', 'resolved', 'new'],
	'in-progress': ['assigned', 'waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled', 'resolved'],
	'waiting-requester': ['in-progress', 'assigned', 'resolved', 'closed'],
	'waiting-vendor': ['in-progress', 'assigned', 'resolved'],
	'waiting-district': ['in-progress', 'assigned', 'resolved'],
	scheduled: ['in-progress', 'assigned', 'resolved'],
	resolved: ['closed', 'in-progress'],
	closed: ['in-progress']
};

/** Statuses a requester may move their own ticket to, from the given status. */
const REQUESTER_NEXT: Partial<Record<Status, readonly Status[]>> = {
	resolved: ['in-progress', 'closed'],
	'waiting-requester': ['in-progress']
};

export const OPEN_STATUSES: readonly Status[] = STATUSES.filter((s) => s !== 'resolved' && s !== 'closed');

/** Statuses whose SLA clock is stopped (procedure 004: vendor and district dependencies have no SLA). */
export const PAUSED_STATUSES: readonly Status[] = ['waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled'];

/** Whether a status change is allowed at all. */
export function canTransition(from: Status, to: Status): boolean {
	return from !== to && NEXT[from].includes(to);
}

/** Whether a requester may make this status change on their own ticket (reopen, confirm, or answer). */
export function requesterCanTransition(from: Status, to: Status): boolean {
	return REQUESTER_NEXT[from]?.includes(to) ?? false;
}

/** The statuses reachable from `from`, for menus. */
export function nextStatuses(from: Status): readonly Status[] {
	return NEXT[from];
}

/** Statuses that say why in a note: what fixed it, or what the ticket waits for (procedures 001 and 003). */
const NEEDS_A_NOTE: readonly Status[] = ['resolved', 'closed', 'waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled'];

/** Whether staff moving a ticket to this status must say why in a note. */
export function statusNeedsNote(to: Status): boolean {
	return NEEDS_A_NOTE.includes(to);
}

/** Statuses staff choose from the status menu: "new" and "assigned" follow from assigning, not from the menu. */
export function menuStatuses(from: Status): readonly Status[] {
	return NEXT[from].filter((s) => s !== 'new' && s !== 'assigned');
}

/** Whether a ticket in this status still needs work. */
export function isOpen(status: Status): boolean {
	return OPEN_STATUSES.includes(status);
}

export const STATUS_LABELS: Record<Status, string> = {
	new: 'New',
	assigned: 'Assigned',
	'in-progress': 'In progress',
	'waiting-requester': 'Waiting on requester',
	'waiting-vendor': 'Waiting on vendor',
	'waiting-district': 'Waiting on district',
	scheduled: 'Scheduled',
	resolved: 'Resolved',
	closed: 'Closed'
};

/**
 * The interim order of a work queue: priority (unset last), then the oldest first. Queues sort by the SLA engine's
 * urgency (queues.queueOrder); this order is their fallback while a device holds no calendar or active policy.
 */
export function byUrgency(a: Ticket, b: Ticket): number {
	return (a.priority ?? 5) - (b.priority ?? 5) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

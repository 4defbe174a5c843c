import type { Ticket } from '$core/schemas';
import { isOpen } from '$core/workflow';

const newestFirst = (a: Ticket, b: Ticket) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** A requester's tickets (filed by them or for them): open ones first, newest first within each group. */
export function myTickets(tickets: readonly Ticket[], username: string): { open: Ticket[]; done: Ticket[] } {
	const mine = tickets.filter((t) => t.requester === username || t.createdBy === username).sort(newestFirst);
	return { open: mine.filter((t) => isOpen(t.status)), done: mine.filter((t) => !isOpen(t.status)) };
}

/**
 * The order of a work queue. Until the SLA engine exists: priority (unset last), then the oldest first.
 * The SLA engine's urgency replaces this comparator and nothing else.
 */
export function byUrgency(a: Ticket, b: Ticket): number {
	return (a.priority ?? 5) - (b.priority ?? 5) || Date.parse(a.createdAt) - Date.parse(b.createdAt);
}

/** The open tickets of the given buildings, most urgent first. */
export function buildingQueue(tickets: readonly Ticket[], buildings: readonly string[]): Ticket[] {
	return tickets.filter((t) => buildings.includes(t.building) && isOpen(t.status)).sort(byUrgency);
}

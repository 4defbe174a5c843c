import type { Ticket } from '$core/schemas';
import { isOwnTicket } from '$core/access';
import { byUrgency, isOpen } from '$core/workflow';

const newestFirst = (a: Ticket, b: Ticket) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/** A requester's tickets (filed by them or for them): open ones first, newest first within each group. */
export function myTickets(tickets: readonly Ticket[], username: string): { open: Ticket[]; done: Ticket[] } {
	const mine = tickets.filter((t) => isOwnTicket({ username }, t)).sort(newestFirst);
	return { open: mine.filter((t) => isOpen(t.status)), done: mine.filter((t) => !isOpen(t.status)) };
}

/** The open tickets of the given buildings, most urgent first. */
export function buildingQueue(tickets: readonly Ticket[], buildings: readonly string[]): Ticket[] {
	return tickets.filter((t) => buildings.includes(t.building) && isOpen(t.status)).sort(byUrgency);
}

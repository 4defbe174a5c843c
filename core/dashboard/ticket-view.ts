import type { Ticket } from '../schemas';
import type { TicketClocks } from '../sla/clock';

/** The fields of a ticket the dashboard reads. */
export type DashboardTicket = Pick<Ticket, 'number' | 'title' | 'building' | 'category' | 'assignee' | 'priority' | 'status' | 'createdAt'>;

/** A ticket's clocks, computed once per ticket by the caller (clocksAt(setup, now) memoizes them). */
export type ClocksOf<T> = (ticket: T) => TicketClocks;

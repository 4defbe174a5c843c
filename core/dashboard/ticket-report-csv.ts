import type { TargetClock } from '../sla/clock';
import { TARGET_LABELS } from '../sla/clock-words';
import { parseIsoTime } from '../sla/iso-time';
import { SLA_TARGET_NAMES } from '../sla/policy';
import { isOpen } from '../workflow';
import { toCsv } from './csv';
import type { ClocksOf, DashboardTicket } from './ticket-view';
import { zonedIsoFormatter } from './zoned-iso';


/** The report's columns: the ticket, then for each target its due time, state and business minutes elapsed. */
export const TICKET_REPORT_HEADER: readonly string[] = [
	'Number',
	'Title',
	'Building',
	'Category',
	'Priority',
	'Status',
	...SLA_TARGET_NAMES.flatMap((name) => [`${TARGET_LABELS[name]} due`, `${TARGET_LABELS[name]} state`, `${TARGET_LABELS[name]} business minutes`])
];

function targetCells(clock: TargetClock, iso: (t: number) => string): string[] {
	if (clock.state === 'not-applicable') return ['', clock.state, ''];
	return [clock.due === null ? '' : iso(clock.due), clock.state, String(Math.floor(clock.elapsedMs / 60_000))];
}

/**
 * The ticket-level report as CSV (RFC 4180, CRLF), one row per ticket in the order given: due times as ISO times
 * with the district's offset, whole minutes the clock has run (business minutes; every minute for an
 * around-the-clock target), empty cells for what does not apply. Text a spreadsheet would run is escaped (csvCell).
 */
export function ticketReportCsv<T extends DashboardTicket>(tickets: readonly T[], clocksOf: ClocksOf<T>, timeZone: string): string {
	const iso = zonedIsoFormatter(timeZone);
	const rows = tickets.map((ticket) => {
		const clocks = clocksOf(ticket);
		return [
			ticket.number,
			ticket.title,
			ticket.building,
			ticket.category ?? '',
			ticket.priority === null ? '' : String(ticket.priority),
			ticket.status,
			...targetCells(clocks.categorization, iso),
			...targetCells(clocks.firstResponse, iso),
			...targetCells(clocks.resolution, iso)
		];
	});
	return toCsv(TICKET_REPORT_HEADER, rows);
}

/**
 * The tickets the report lists: those open now or filed in [from, to) (epoch ms), oldest first (ties by number), so a
 * period's report holds its resolved tickets as well as today's backlog.
 */
export function reportTickets<T extends DashboardTicket>(tickets: readonly T[], from: number, to: number): T[] {
	return tickets
		.map((ticket) => ({ ticket, filed: parseIsoTime(ticket.createdAt) }))
		.filter(({ ticket, filed }) => isOpen(ticket.status) || (filed >= from && filed < to))
		.sort((a, b) => a.filed - b.filed || (a.ticket.number < b.ticket.number ? -1 : a.ticket.number > b.ticket.number ? 1 : 0))
		.map(({ ticket }) => ticket);
}

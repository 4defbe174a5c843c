import type { SlaTargetName } from '../sla/policy';
import type { TicketClocks } from '../sla/clock';
import { isOpen } from '../workflow';
import type { ClocksOf, DashboardTicket } from './ticket-view';

/**
 * A ticket's state on the dashboard: that of its worst running clock. A clock runs when it is on track, at risk, or
 * breached and not yet met; a target met late is history, not a running breach. 'none': no clock runs (all paused,
 * met or without SLA), so the four counts add up to the open tickets.
 */
export type TicketSlaState = 'breached' | 'at-risk' | 'on-track' | 'none';

/** Open tickets by their SLA state; `total` is their sum. */
export interface SlaCounts {
	breached: number;
	atRisk: number;
	onTrack: number;
	none: number;
	total: number;
}

/** One row of a breakdown; `key` null is the "unassigned" or "uncategorized" row. */
export interface SlaCountsRow {
	key: string | null;
	counts: SlaCounts;
}

/** An open ticket past a target it has not met: the target furthest over, and by how much. */
export interface Breach<T> {
	ticket: T;
	target: SlaTargetName;
	overdueMs: number;
	/** Whole minutes over (business minutes, or every minute for an around-the-clock target). */
	overdueMinutes: number;
}

/** What slaOverview returns: the counts, the breach list and the breakdowns. */
export interface SlaOverview<T> {
	counts: SlaCounts;
	/** Most overdue first; ties go to the oldest ticket, then the number. */
	breaches: Breach<T>[];
	byBuilding: SlaCountsRow[];
	byTechnician: SlaCountsRow[];
	byCategory: SlaCountsRow[];
}

const TARGETS: readonly SlaTargetName[] = ['categorization', 'firstResponse', 'resolution'];

/** The worst running clock of a ticket, and for a breach the target furthest over (ties: the first of TARGETS). */
export function worstRunningClock(clocks: TicketClocks): { state: TicketSlaState; target: SlaTargetName | null; overdueMs: number } {
	let state: TicketSlaState = 'none';
	let target: SlaTargetName | null = null;
	let overdueMs = 0;
	for (const name of TARGETS) {
		const c = clocks[name];
		if (c.state === 'breached' && c.metAt === null) {
			if (state !== 'breached' || c.overdueMs > overdueMs) {
				state = 'breached';
				target = name;
				overdueMs = c.overdueMs;
			}
		} else if (c.state === 'at-risk' && state !== 'breached') {
			if (state !== 'at-risk') target = name;
			state = 'at-risk';
		} else if (c.state === 'on-track' && state === 'none') {
			state = 'on-track';
			target = name;
		}
	}
	return { state, target, overdueMs };
}

/** Counts all zero. */
export function emptyCounts(): SlaCounts {
	return { breached: 0, atRisk: 0, onTrack: 0, none: 0, total: 0 };
}

function add(counts: SlaCounts, state: TicketSlaState): void {
	counts.total++;
	if (state === 'breached') counts.breached++;
	else if (state === 'at-risk') counts.atRisk++;
	else if (state === 'on-track') counts.onTrack++;
	else counts.none++;
}

function addTo(rows: Map<string | null, SlaCounts>, key: string | null, state: TicketSlaState): void {
	let counts = rows.get(key);
	if (counts === undefined) rows.set(key, (counts = emptyCounts()));
	add(counts, state);
}

/** Worst rows first (most breached, then most at risk, then most tickets); then by key, the null row last. */
function sortedRows(rows: Map<string | null, SlaCounts>): SlaCountsRow[] {
	return [...rows]
		.map(([key, counts]) => ({ key, counts }))
		.sort(
			(a, b) =>
				b.counts.breached - a.counts.breached ||
				b.counts.atRisk - a.counts.atRisk ||
				b.counts.total - a.counts.total ||
				(a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
		);
}

/**
 * The dashboard's first view, in one pass over the tickets (closed and resolved ones are skipped): counts by SLA state,
 * the breach list, and the same counts per building, per technician (assignee) and per category.
 */
export function slaOverview<T extends DashboardTicket>(tickets: readonly T[], clocksOf: ClocksOf<T>): SlaOverview<T> {
	const counts = emptyCounts();
	const breaches: (Breach<T> & { filed: number })[] = [];
	const byBuilding = new Map<string | null, SlaCounts>();
	const byTechnician = new Map<string | null, SlaCounts>();
	const byCategory = new Map<string | null, SlaCounts>();
	for (const ticket of tickets) {
		if (!isOpen(ticket.status)) continue;
		const worst = worstRunningClock(clocksOf(ticket));
		add(counts, worst.state);
		addTo(byBuilding, ticket.building, worst.state);
		addTo(byTechnician, ticket.assignee, worst.state);
		addTo(byCategory, ticket.category, worst.state);
		if (worst.state === 'breached') {
			const { overdueMs } = worst;
			breaches.push({ ticket, target: worst.target!, overdueMs, overdueMinutes: Math.floor(overdueMs / 60_000), filed: Date.parse(ticket.createdAt) });
		}
	}
	breaches.sort((a, b) => b.overdueMs - a.overdueMs || a.filed - b.filed || (a.ticket.number < b.ticket.number ? -1 : a.ticket.number > b.ticket.number ? 1 : 0));
	return {
		counts,
		breaches: breaches.map(({ filed: _filed, ...breach }) => breach),
		byBuilding: sortedRows(byBuilding),
		byTechnician: sortedRows(byTechnician),
		byCategory: sortedRows(byCategory)
	};
}

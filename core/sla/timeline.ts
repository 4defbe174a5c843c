import type { HistoryEntry, Priority, Status, Ticket } from '../schemas';
import { parseIsoTime } from './iso-time';

/** A status run's kind: the work goes on, waits (a paused status), or is done (resolved or closed). */
export const RUNNING = 1;
export const WAITING = 2;
export const DONE = 4;
export type RunKind = typeof RUNNING | typeof WAITING | typeof DONE;

/** What the SLA clocks need from a ticket's history, as of one instant. Times are epoch ms. */
export interface Timeline {
	createdAt: number;
	filedWithCategory: boolean;
	/** The ticket's priority and category as of `now`. */
	priority: Priority | null;
	category: string | null;
	/** When the ticket first had a category (filing with one counts), or null. */
	firstCategoryAt: number | null;
	/** The first note or status change by a staff member other than the requester, or null. */
	firstResponseAt: number | null;
	/** Status runs: run i starts at runStarts[i] (the first at createdAt) and lasts until the next starts; no two neighbours share a kind. */
	runStarts: number[];
	runKinds: RunKind[];
}

function runKind(status: Status): RunKind {
	switch (status) {
		case 'waiting-requester':
		case 'waiting-vendor':
		case 'waiting-district':
		case 'scheduled':
			return WAITING;
		case 'resolved':
		case 'closed':
			return DONE;
		default:
			return RUNNING;
	}
}

/**
 * Whether the entry can be a first response: a note (an interaction included) or a status change. Automatic
 * assignment is written by 'system', which never counts as staff, so it never meets the target.
 */
function isResponse(entry: HistoryEntry): boolean {
	return entry.kind === 'note' || entry.kind === 'status';
}

/** The history in the order core/ticket folds it (by time, then id); entries are immutable, so they are shared. */
function sortedHistory(history: readonly HistoryEntry[]): HistoryEntry[] {
	const times = history.map((e) => parseIsoTime(e.at));
	const order = history.map((_, i) => i);
	order.sort((a, b) => times[a] - times[b] || (history[a].id < history[b].id ? -1 : history[a].id > history[b].id ? 1 : 0));
	return order.map((i) => history[i]);
}

/**
 * Reads a ticket's history into what its SLA clocks need, ignoring entries after `now`.
 * `isStaff` tells which authors are staff; "system" and the requester never respond.
 */
export function readTimeline(ticket: Pick<Ticket, 'createdAt' | 'requester' | 'history'>, isStaff: (username: string) => boolean, now: number): Timeline {
	// Histories are stored in order; one that is not (an unmerged copy) is read again, sorted.
	return readInOrder(ticket, ticket.history, isStaff, now) ?? readInOrder(ticket, sortedHistory(ticket.history), isStaff, now)!;
}

/** Reads the entries in the order given, parsing each time once; null if they are not in order. */
function readInOrder(ticket: Pick<Ticket, 'createdAt' | 'requester'>, history: readonly HistoryEntry[], isStaff: (username: string) => boolean, now: number): Timeline | null {
	const createdAt = parseIsoTime(ticket.createdAt);
	const created = history[0]?.kind === 'created' ? history[0] : history.find((e) => e.kind === 'created');
	const fields = created?.kind === 'created' ? created.fields : null;
	let priority = fields?.priority ?? null;
	let category = fields?.category ?? null;
	const filedWithCategory = category !== null;
	let firstCategoryAt = filedWithCategory ? createdAt : null;
	let firstResponseAt: number | null = null;
	const runStarts = [createdAt];
	const runKinds: RunKind[] = [runKind(fields?.status ?? 'new')];
	let previous = -Infinity;
	for (let i = 0; i < history.length; i++) {
		const entry = history[i];
		const at = parseIsoTime(entry.at);
		if (at < previous || (at === previous && entry.id < history[i - 1].id)) return null;
		previous = at;
		if (at > now || entry.kind === 'created') continue;
		if (firstResponseAt === null && entry.by !== 'system' && entry.by !== ticket.requester && isResponse(entry) && isStaff(entry.by)) firstResponseAt = at;
		if (entry.kind === 'set') {
			if (entry.changes.priority !== undefined) priority = entry.changes.priority;
			if (entry.changes.category !== undefined) category = entry.changes.category;
			if (firstCategoryAt === null && category !== null) firstCategoryAt = at;
		} else if (entry.kind === 'status') {
			const kind = runKind(entry.to);
			const last = runStarts.length - 1;
			// An entry dated before the filing (a skewed device clock) takes effect at the filing.
			const start = at > createdAt ? at : createdAt;
			if (kind === runKinds[last]) continue;
			if (start === runStarts[last]) {
				runKinds[last] = kind;
				if (last > 0 && runKinds[last - 1] === kind) {
					runStarts.pop();
					runKinds.pop();
				}
			} else {
				runStarts.push(start);
				runKinds.push(kind);
			}
		}
	}
	return { createdAt, filedWithCategory, priority, category, firstCategoryAt, firstResponseAt, runStarts, runKinds };
}

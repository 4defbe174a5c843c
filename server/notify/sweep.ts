import { DEFAULT_CLOCK_NOTIFY_RULE, type ClockNotifyRule, eventsFromClocks } from '../../core/notify/clock-events';
import { Ticket } from '../../core/schemas';
import { ticketClocks } from '../../core/sla/clock';
import { staffTest } from '../../core/sla/staff';
import { isOpen } from '../../core/workflow';
import type { SlaDocs } from '../sla-docs';
import { storedOutageSpans } from '../sla-outages';
import type { Db } from '../store';
import type { Delivery } from './deliver';
import type { Directory } from './directory';

const PAGE = 500;

/**
 * The open tickets in the store, page by page: those named in `open` (the ids the notifier knows to be open), or every
 * ticket when it knows none yet; `open` is then filled.
 */
async function* openTickets(db: Db, open: Set<string> | null, found: Set<string>): AsyncGenerator<Ticket> {
	const pages: PouchDB.Core.AllDocsWithKeysOptions[] = [];
	if (open) {
		const ids = [...open];
		for (let i = 0; i < ids.length; i += PAGE) pages.push({ keys: ids.slice(i, i + PAGE), include_docs: true });
	}
	let startkey = 'ticket:';
	for (let page = 0; ; page++) {
		if (open && !pages[page]) return;
		const rows = (await (open ? db.allDocs(pages[page]) : db.allDocs({ startkey, endkey: 'ticket:\uffff', include_docs: true, limit: PAGE + 1 }))).rows;
		for (const row of rows.slice(0, PAGE)) {
			const parsed = Ticket.safeParse('doc' in row ? row.doc : null);
			if (parsed.success && isOpen(parsed.data.status)) {
				found.add(parsed.data._id);
				yield parsed.data;
			}
		}
		if (!open && rows.length <= PAGE) return;
		if (!open) startkey = rows[PAGE].id;
	}
}

/**
 * Looks at every open ticket's SLA clocks at `now` with the district's active policy, calendar and outages (as /api/sla does)
 * and delivers what is at risk or breached to whom the policy's rule names. `silent` records the events unsent.
 * Nothing happens before the district has a calendar and an active policy.
 */
export async function sweepClocks(deps: {
	db: Db;
	slaDocs: SlaDocs;
	directory: Directory;
	delivery: Delivery;
	now: number;
	/** The ids of the open tickets, kept by the caller from the changes it reads; null the first time (all are read). */
	open: Set<string> | null;
	silent?: boolean;
}): Promise<{ delivered: number; open: Set<string> | null }> {
	const { calendar, policy } = await deps.slaDocs.read(null);
	if (!calendar || !policy) return { delivered: 0, open: deps.open };
	await deps.directory.load();
	const isStaff = staffTest((username) => deps.directory.person(username)?.role);
	const coordinators = deps.directory.coordinators();
	// Parsing gives a policy stored before the rule existed the default rule; a policy from elsewhere may lack it.
	const rule: ClockNotifyRule = policy.notify ?? DEFAULT_CLOCK_NOTIFY_RULE;
	const outages = await storedOutageSpans(deps.db);
	let delivered = 0;
	const found = new Set<string>();
	for await (const ticket of openTickets(deps.db, deps.open, found)) {
		let clocks;
		try {
			clocks = ticketClocks(ticket, { policy, calendar, isStaff, outages }, deps.now);
		} catch {
			// A calendar the engine cannot compute on (closed for decades): /api/sla says why; nothing to tell here. The
			// tickets found so far are not all the open ones: the next sweep reads every ticket again.
			return { delivered, open: deps.open };
		}
		for (const event of eventsFromClocks(ticket, clocks, deps.now, coordinators, rule)) {
			if ((await deps.delivery.deliver(event, ticket, deps.silent)) === 'new') delivered++;
		}
	}
	return { delivered, open: found };
}

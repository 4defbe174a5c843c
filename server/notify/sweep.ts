import { DEFAULT_CLOCK_NOTIFY_RULE, type ClockNotifyRule, eventsFromClocks } from '../../core/notify/clock-events';
import { Ticket } from '../../core/schemas';
import { ticketClocks } from '../../core/sla/clock';
import { staffTest } from '../../core/sla/staff';
import { isOpen } from '../../core/workflow';
import type { SlaDocs } from '../sla-docs';
import type { Db } from '../store';
import type { Delivery } from './deliver';
import type { Directory } from './directory';

const PAGE = 1000;

/** The open tickets in the store, page by page. */
async function* openTickets(db: Db): AsyncGenerator<Ticket> {
	let startkey = 'ticket:';
	for (;;) {
		const rows = (await db.allDocs({ startkey, endkey: 'ticket:\uffff', include_docs: true, limit: PAGE + 1 })).rows;
		for (const row of rows.slice(0, PAGE)) {
			const parsed = Ticket.safeParse(row.doc);
			if (parsed.success && isOpen(parsed.data.status)) yield parsed.data;
		}
		if (rows.length <= PAGE) return;
		startkey = rows[PAGE].id;
	}
}

/**
 * Looks at every open ticket's SLA clocks at `now` with the district's active policy and calendar (as /api/sla does)
 * and delivers what is at risk or breached to whom the policy's rule names. `silent` records the events unsent.
 * Nothing happens before the district has a calendar and an active policy.
 */
export async function sweepClocks(deps: { db: Db; slaDocs: SlaDocs; directory: Directory; delivery: Delivery; now: number; silent?: boolean }): Promise<number> {
	const { calendar, policy } = await deps.slaDocs.read(null);
	if (!calendar || !policy) return 0;
	await deps.directory.load();
	const isStaff = staffTest((username) => deps.directory.person(username)?.role);
	const coordinators = deps.directory.coordinators();
	// The policy gains an editable rule (p-rules); until then, and for a policy saved without one, the default.
	const rule: ClockNotifyRule = (policy as { notify?: ClockNotifyRule }).notify ?? DEFAULT_CLOCK_NOTIFY_RULE;
	let delivered = 0;
	for await (const ticket of openTickets(deps.db)) {
		let clocks;
		try {
			clocks = ticketClocks(ticket, { policy, calendar, isStaff }, deps.now);
		} catch {
			// A calendar the engine cannot compute on (closed for decades): /api/sla says why; nothing to tell here.
			return delivered;
		}
		for (const event of eventsFromClocks(ticket, clocks, deps.now, coordinators, rule)) {
			if ((await deps.delivery.deliver(event, ticket, deps.silent)) === 'new') delivered++;
		}
	}
	return delivered;
}

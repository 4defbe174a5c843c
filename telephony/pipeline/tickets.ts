import { type HistoryEntry, Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import type { Db } from '../../server/store';
import { updateDoc } from './store-ops';

/** Adds the server's entry to a ticket once (an entry already there, by id, is not added again); false when there is no such ticket. */
export async function appendOnce(main: Db, number: string, entry: HistoryEntry): Promise<boolean> {
	const written = await updateDoc(main, `ticket:${number}`, Ticket, (ticket) => (ticket.history.some((e) => e.id === entry.id) ? null : appendEntries(ticket, [entry])));
	return written !== null;
}

import { deviceCode, ticketNumber } from '../../core/ticket-number';
import { nextSequence } from '../../server/api/devices';
import { type Db, getOrNull } from '../../server/store';

/** The server's own device code: its tickets (the demo data's, the phone line's) are numbered under it. */
export const SERVER_DEVICE = deviceCode(0);
const COUNTER_ID = `meta:ticket-counter:${SERVER_DEVICE}`;

/**
 * The next ticket number under the server's device code. A counter in the private database, written with its revision,
 * hands each number out once even to two instances at the same moment (the loser of a 409 reads again); a missing
 * counter starts after the highest number already stored (the demo data's).
 */
export async function nextTicketNumber(privateDb: Db, mainDb: Db): Promise<string> {
	for (;;) {
		const counter = await getOrNull<{ _id: string; _rev: string; next: number }>(privateDb, COUNTER_ID);
		const next = counter?.next ?? (await nextSequence(mainDb, SERVER_DEVICE));
		try {
			await privateDb.put({ _id: COUNTER_ID, ...(counter ? { _rev: counter._rev } : {}), next: next + 1 });
			return ticketNumber(SERVER_DEVICE, next);
		} catch (error) {
			if ((error as { status?: number }).status !== 409) throw error;
		}
	}
}

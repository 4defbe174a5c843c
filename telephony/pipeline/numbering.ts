import { deviceCode, ticketNumber } from '../../core/ticket-number';
import { nextSequence } from '../../server/api/devices';
import { type Db, getOrNull } from '../../server/store';

/** The server's own device code: its tickets (the demo data's, the phone line's) are numbered under it. */
export const SERVER_DEVICE = deviceCode(0);
const COUNTER_ID = `meta:ticket-counter:${SERVER_DEVICE}`;
/** Numbers a process takes from the counter at once: fifty calls ending together then cost a few counter writes, not fifty. */
const BLOCK = 16;
/** When this few are left in the block, the next block is taken in the background: no caller waits for the counter. */
const LOW = BLOCK / 2;

/**
 * Hands out ticket numbers under the server's device code. A counter in the private database, written with its revision,
 * gives each process a block of numbers once even when two instances write at the same moment (the loser of a 409 reads
 * again); a missing counter starts after the highest number already stored (the demo data's). Numbers of a block a process
 * never used are skipped after a restart: a gap in the numbers, never a number given twice.
 */
export class TicketNumbers {
	#next = 0;
	#end = 0;
	#tail: Promise<unknown> = Promise.resolve();
	// The next block, taken ahead while the current one runs low (null: not asked for yet).
	#spare: Promise<number> | null = null;
	// The counter as this process last wrote it: the next block costs no read unless another instance wrote since.
	#counter: { _rev: string; next: number } | null = null;

	constructor(private readonly privateDb: Db, private readonly mainDb: Db) {}

	/** The next number; calls are served one at a time, in order. */
	next(): Promise<string> {
		const run = this.#tail.then(() => this.#take());
		this.#tail = run.catch(() => undefined);
		return run;
	}

	async #take(): Promise<string> {
		if (this.#next >= this.#end) {
			const spare = this.#spare ?? this.#reserve();
			this.#spare = null;
			this.#next = await spare;
			this.#end = this.#next + BLOCK;
		}
		const number = ticketNumber(SERVER_DEVICE, this.#next++);
		if (this.#end - this.#next <= LOW && !this.#spare) {
			const spare = this.#reserve();
			// A failure here is met again, and thrown, by the call that needs the block.
			spare.catch(() => this.#spare === spare && (this.#spare = null));
			this.#spare = spare;
		}
		return number;
	}

	/** Takes a block from the counter (as this process last wrote it, else read: a stale copy meets a 409); its first number. */
	async #reserve(): Promise<number> {
		for (;;) {
			const counter = this.#counter ?? (await getOrNull<{ _rev: string; next: number }>(this.privateDb, COUNTER_ID));
			this.#counter = null;
			const start = counter?.next ?? (await nextSequence(this.mainDb, SERVER_DEVICE));
			try {
				const { rev } = await this.privateDb.put({ _id: COUNTER_ID, ...(counter ? { _rev: counter._rev } : {}), next: start + BLOCK });
				this.#counter = { _rev: rev, next: start + BLOCK };
				return start;
			} catch (error) {
				if ((error as { status?: number }).status !== 409) throw error;
			}
		}
	}
}

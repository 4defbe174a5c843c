const seqNumber = (seq: unknown) => (typeof seq === 'number' ? seq : Number.parseInt(String(seq), 10) || 0);

/** How far a person's first sync on this device is: the pull's position against the server's, and tickets so far. */
export class FirstSyncProgress {
	#run = $state.raw<{ done: number; total: number; tickets: number } | null>(null);

	/** Whether a first sync is being followed. */
	get running(): boolean {
		return this.#run !== null;
	}

	/** How far it is (0 to 1, null before the server said how much there is) and how many tickets arrived. */
	get value(): { fraction: number | null; tickets: number } {
		const run = this.#run;
		return { fraction: run?.total ? Math.min(1, run.done / run.total) : null, tickets: run?.tickets ?? 0 };
	}

	/** Starts following a first sync, from nothing received. */
	begin(): void {
		this.#run = { done: 0, total: 0, tickets: 0 };
	}

	/** Records how much the server holds (its update sequence). */
	total(updateSeq: unknown): void {
		if (this.#run) this.#run = { ...this.#run, total: seqNumber(updateSeq) };
	}

	/** Records a batch the pull received. */
	received(lastSeq: unknown, docs: readonly { type?: unknown; _deleted?: boolean }[]): void {
		if (!this.#run) return;
		const tickets = docs.filter((d) => d.type === 'ticket' && !d._deleted).length;
		this.#run = { ...this.#run, done: seqNumber(lastSeq), tickets: this.#run.tickets + tickets };
	}

	/** Stops following it: it finished, or the person left. */
	end(): void {
		this.#run = null;
	}
}

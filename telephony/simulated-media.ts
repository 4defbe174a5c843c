/** Recordings the simulator keeps at most: each is a few hundred KB, and an abandoned upload must not stay forever. */
const MAX_RECORDINGS = 20;
const KEEP_MS = 60 * 60_000;

type Recording = { bytes: Uint8Array; contentType: 'audio/wav' | 'audio/mpeg' };

/**
 * Recordings made by the call simulator (espeak-ng, no phone, no network): the pipeline's download reads here first,
 * by RecordingSid, so a simulated call needs no Twilio media host. Only the administrators' simulate API puts here.
 * At most 20 are kept, each for an hour: the oldest goes first.
 */
export class SimulatedMedia {
	#recordings = new Map<string, Recording & { at: number }>();

	constructor(private readonly now: () => number = Date.now) {}

	/** Keeps a simulated recording until the pipeline has stored it. */
	put(recordingSid: string, bytes: Uint8Array, contentType: 'audio/wav' | 'audio/mpeg' = 'audio/wav'): void {
		const now = this.now();
		for (const [sid, kept] of this.#recordings) if (now - kept.at > KEEP_MS) this.#recordings.delete(sid);
		this.#recordings.delete(recordingSid);
		while (this.#recordings.size >= MAX_RECORDINGS) this.#recordings.delete(this.#recordings.keys().next().value as string);
		this.#recordings.set(recordingSid, { bytes, contentType, at: now });
	}

	/** The simulated recording with this id, if the simulator made it. */
	get(recordingSid: string): Recording | undefined {
		const kept = this.#recordings.get(recordingSid);
		return kept && { bytes: kept.bytes, contentType: kept.contentType };
	}

	/** Forgets a recording (the pipeline's "delete at Twilio" for a simulated call). */
	delete(recordingSid: string): void {
		this.#recordings.delete(recordingSid);
	}
}

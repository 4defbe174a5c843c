/**
 * Recordings made by the call simulator (espeak-ng, no phone, no network): the pipeline's download reads here first,
 * by RecordingSid, so a simulated call needs no Twilio media host. Only the administrators' simulate API puts here.
 */
export class SimulatedMedia {
	#recordings = new Map<string, { bytes: Uint8Array; contentType: 'audio/wav' | 'audio/mpeg' }>();

	/** Keeps a simulated recording until the pipeline has stored it. */
	put(recordingSid: string, bytes: Uint8Array, contentType: 'audio/wav' | 'audio/mpeg' = 'audio/wav'): void {
		this.#recordings.set(recordingSid, { bytes, contentType });
	}

	/** The simulated recording with this id, if the simulator made it. */
	get(recordingSid: string): { bytes: Uint8Array; contentType: 'audio/wav' | 'audio/mpeg' } | undefined {
		return this.#recordings.get(recordingSid);
	}

	/** Forgets a recording (the pipeline's "delete at Twilio" for a simulated call). */
	delete(recordingSid: string): void {
		this.#recordings.delete(recordingSid);
	}
}

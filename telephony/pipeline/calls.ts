import { z } from 'zod';
import type { UserProfile } from '../../core/schemas';
import { matchCaller, toE164 } from '../../core/telephony/caller';
import { CallDoc, type CallOutcome, sid } from '../../core/telephony/docs';
import { createOnce } from '../../server/notify/state';
import { type Db, getOrNull } from '../../server/store';
import type { CallUpdate } from '../line';
import { updateDoc } from './store-ops';

const MAX_PATH = 50;
// Calls remembered as last written, so a step or a filing need not read the call back; past this many the store decides.
const MAX_REMEMBERED = 10_000;

/** What the call log does not show but the pipeline needs: the number the caller dialled (the SMS sender). */
const CallPrivate = z.object({ _id: z.string(), to: z.string().max(40) });
const privateId = (callSid: string) => `phone-call:${callSid}`;
/** A change to a call's log: the call as it should be, or null when it needs none. */
type Change = (call: CallDoc) => CallDoc | null;
/** Changes to write together; `taken`, once the call's first write took them, settles as that write does. */
type Batch = { changes: Change[]; written: Promise<void>; taken?: Promise<void> };
/** A batch taken by the call's first write, and how that write went. */
type Taken = { changes: Change[]; done: () => void; fail: (error: unknown) => void };
/** The changes applied in order: the call as they leave it, or null when none changed it. */
const applyAll = (changes: Change[]) => (call: CallDoc) => changes.reduce<CallDoc | null>((changed, next) => next(changed ?? call) ?? changed, null);

/** The call log's writes: one document per CallSid, however often Twilio retries. */
export class Calls {
	// Each call's writes in order, one at a time: the webhooks answer without waiting for the log.
	#queues = new Map<string, Promise<unknown>>();
	// Each call as this process last wrote or read it, with its revision.
	#docs = new Map<string, CallDoc>();
	// Each call's changes not yet begun: they are written together.
	#waiting = new Map<string, Batch>();
	// The caller matched when each call started, until the call is stored.
	#matched = new Map<string, string | null>();
	// The number each call dialled, until its private document is stored (its write may wait behind a burst's tickets).
	#dialled = new Map<string, string>();

	constructor(private readonly main: Db, private readonly priv: Db) {}

	/** Settles when every call-log write queued in this process has been made (the server waits for it before it stops). */
	async settled(): Promise<void> {
		await Promise.allSettled([...this.#queues.values()]);
	}

	/** Runs a write to a call's log after the ones queued before it in this process. */
	#queue<T>(callSid: string, write: () => Promise<T>): Promise<T> {
		const run = (this.#queues.get(callSid) ?? Promise.resolve()).catch(() => undefined).then(write);
		this.#queues.set(callSid, run);
		void run.finally(() => this.#queues.get(callSid) === run && this.#queues.delete(callSid)).catch(() => undefined);
		return run;
	}

	/**
	 * Matches the caller to the directory at once and records the call (once per CallSid) in the call's queue; `recorded`
	 * settles when it is stored. A replay keeps the caller first recorded.
	 */
	started(call: { callSid: string; from: string; to: string; at: Date }, people: UserProfile[]): { caller: UserProfile | null; recorded: Promise<UserProfile | null> } {
		if (!sid('CA').safeParse(call.callSid).success) return { caller: null, recorded: Promise.resolve(null) };
		const caller = matchCaller(call.from, people);
		// Until the call is stored (its write may wait behind a burst's tickets), the caller as matched stands for it.
		if (!this.#docs.has(call.callSid)) {
			if (this.#matched.size >= MAX_REMEMBERED) this.#matched.clear();
			this.#matched.set(call.callSid, caller?.username ?? null);
		}
		if (call.to && !this.#dialled.has(call.callSid)) {
			if (this.#dialled.size >= MAX_REMEMBERED) this.#dialled.clear();
			this.#dialled.set(call.callSid, call.to.slice(0, 40));
		}
		return { caller, recorded: this.#queue(call.callSid, () => this.#start(call, people)) };
	}

	/** The caller this call was recorded with in this process (username or null), or undefined when the store must say. */
	recordedCaller(callSid: string): string | null | undefined {
		const stored = this.#docs.get(callSid);
		return stored ? stored.caller : this.#matched.get(callSid);
	}

	async #start(call: { callSid: string; from: string; to: string; at: Date }, people: UserProfile[]): Promise<UserProfile | null> {
		const recorded = await this.#record(call, people);
		return people.find((p) => p.username === recorded) ?? null;
	}

	/** Stores the call once (written without reading first: a replay's write meets the stored one); the username of the caller it was recorded with (null: unknown caller). */
	async #record(call: { callSid: string; from: string; to: string; at: Date }, people: UserProfile[]): Promise<string | null> {
		let early: Taken | null = null;
		try {
			await createOnce(this.priv, { _id: privateId(call.callSid), to: call.to.slice(0, 40) });
			this.#dialled.delete(call.callSid);
			// The changes asked for meanwhile (the answer's own step) go in the same write.
			early = this.#take(call.callSid);
			const recorded = await this.#store(call, people, early?.changes ?? []);
			early?.done();
			return recorded;
		} catch (error) {
			// Whoever waits for the changes learns that they were not written, as the caller of `started` does.
			(early ?? this.#take(call.callSid))?.fail(error);
			throw error;
		}
	}

	/** Takes the call's changes not yet begun into the write under way: their waiters settle as that write does. */
	#take(callSid: string): Taken | null {
		const batch = this.#waiting.get(callSid);
		if (!batch) return null;
		this.#waiting.delete(callSid);
		let taken!: Taken;
		batch.taken = new Promise<void>((done, fail) => (taken = { changes: batch.changes, done, fail }));
		// Handled here too: the waiters read it a turn later, and a failure must not count as unhandled meanwhile.
		batch.taken.catch(() => undefined);
		return taken;
	}

	/** Writes the call with `changes` made to it, or makes them to the call another request stored first. */
	async #store(call: { callSid: string; from: string; to: string; at: Date }, people: UserProfile[], changes: Change[]): Promise<string | null> {
		const caller = matchCaller(call.from, people);
		const doc: CallDoc = {
			_id: `call:${call.callSid}`,
			type: 'call',
			callSid: call.callSid,
			from: call.from.slice(0, 40),
			fromE164: toE164(call.from),
			caller: caller?.username ?? null,
			language: 'en',
			path: [],
			startedAt: call.at.toISOString(),
			endedAt: null,
			durationSeconds: null,
			outcome: 'in-progress',
			answeredBy: null,
			ticket: null
		};
		try {
			const first = applyAll(changes)(doc) ?? doc;
			const stored: Record<string, unknown> = CallDoc.parse(first);
			return this.#keep({ ...first, _rev: (await this.main.put({ ...stored, _id: doc._id })).rev }).caller;
		} catch (error) {
			if ((error as { status?: number }).status !== 409) throw error;
		}
		// Another request (a retry, another instance) recorded it first: the caller it matched stands, and the changes
		// are made to it.
		const parsed = CallDoc.safeParse(await getOrNull(this.main, `call:${call.callSid}`));
		if (!parsed.success) return doc.caller;
		const recorded = this.#keep(parsed.data);
		const written = changes.length > 0 ? await updateDoc(this.main, recorded._id, CallDoc, applyAll(changes)) : null;
		if (written?._rev) this.#keep(written);
		return recorded.caller;
	}

	#keep(call: CallDoc): CallDoc {
		if (this.#docs.size >= MAX_REMEMBERED) this.#docs.clear();
		this.#docs.set(call.callSid, call);
		this.#matched.delete(call.callSid);
		return call;
	}

	/**
	 * Changes the call's log in its queue, from the copy last written when there is one (a stale copy costs a read). The
	 * changes asked for while the call's previous write is under way, or within the same turn, go together as one write.
	 */
	#update(callSid: string, change: Change): Promise<void> {
		const waiting = this.#waiting.get(callSid);
		if (waiting) {
			waiting.changes.push(change);
			return waiting.written;
		}
		const batch: Batch = { changes: [change], written: Promise.resolve() };
		this.#waiting.set(callSid, batch);
		batch.written = this.#queue(callSid, async () => {
			// What one request changes (a filing's link and the step its answer logs) comes within a turn: it goes together.
			await new Promise<void>((done) => setImmediate(done));
			if (this.#waiting.get(callSid) === batch) this.#waiting.delete(callSid);
			if (batch.taken) return batch.taken;
			const written = await updateDoc(this.main, `call:${callSid}`, CallDoc, applyAll(batch.changes), this.#docs.get(callSid));
			if (written?._rev) this.#keep(written);
		});
		return batch.written;
	}

	/** The number the caller dialled, when the call was recorded (remembered until its private document is stored). */
	async dialled(callSid: string): Promise<string | null> {
		const remembered = this.#dialled.get(callSid);
		if (remembered) return remembered;
		const parsed = CallPrivate.safeParse(await getOrNull(this.priv, privateId(callSid)));
		return parsed.success && parsed.data.to ? parsed.data.to : null;
	}

	/** Adds a step (a replayed step is not added twice), the language, the outcome or who answered. */
	async step(callSid: string, update: CallUpdate): Promise<void> {
		await this.#update(callSid, (call) => {
			const next = { ...call };
			if (update.step && call.path.at(-1) !== update.step && call.path.length < MAX_PATH) next.path = [...call.path, update.step.slice(0, 40)];
			if (update.language) next.language = update.language;
			if (update.outcome) next.outcome = update.outcome;
			if (update.answeredBy !== undefined) next.answeredBy = update.answeredBy;
			return JSON.stringify(next) === JSON.stringify(call) ? null : next;
		});
	}

	/** Links the call to the ticket its voicemail filed, marking a simulated call. */
	async filed(callSid: string, ticket: string, emergency: boolean, simulated = false): Promise<void> {
		const outcome: CallOutcome = emergency ? 'emergency-voicemail' : 'voicemail';
		await this.#update(callSid, (call) =>
			call.ticket === ticket && call.outcome === outcome && Boolean(call.simulated) === simulated ? null : { ...call, ticket, outcome, ...(simulated ? { simulated } : {}) }
		);
	}

	/** Twilio's final status: the end, the duration, and an outcome for a call that ended with none. */
	async ended(s: { callSid: string; status: string; durationSeconds: number | null; at: Date }): Promise<void> {
		if (!['completed', 'no-answer', 'busy', 'failed', 'canceled'].includes(s.status)) return;
		await this.#update(s.callSid, (call) => {
			if (call.endedAt !== null) return null;
			const outcome: CallOutcome = call.outcome !== 'in-progress' ? call.outcome : s.status === 'failed' ? 'failed' : 'abandoned';
			const duration = s.durationSeconds ?? Math.max(0, Math.round((s.at.getTime() - Date.parse(call.startedAt)) / 1000));
			return { ...call, endedAt: s.at.toISOString(), durationSeconds: Math.max(0, Math.floor(duration)), outcome };
		});
	}
}

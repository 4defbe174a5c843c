import { z } from 'zod';
import { nextAttempt } from '../../core/notify/retry';
import { type Db, getOrNull } from '../../server/store';

/** A claim older than this is from an instance that died while working: another may take the job. */
const CLAIM_TTL_MS = 10 * 60_000;
const RESCAN_MS = 10 * 60_000;
const PAGE = 500;

export const JOB_KINDS = ['audio', 'transcript', 'transcript-wait', 'retention', 'sms', 'twilio-delete'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * The phone line's slow work, in the private database (`phone-job:<kind>:<key>`), one per kind and key so a replayed
 * callback or a second instance queues it once. Like the mail outbox: `nextAt` is when to try (the server's clock,
 * epoch ms), a revision-checked claim marks the instance working on it, `doneAt` is set once it succeeded.
 */
export const JobDoc = z.object({
	_id: z.string().regex(/^phone-job:[a-z-]+:[A-Za-z0-9._:-]+$/),
	_rev: z.string().optional(),
	type: z.literal('phone-job'),
	kind: z.enum(JOB_KINDS),
	key: z.string().min(1).max(200),
	payload: z.record(z.string(), z.unknown()),
	attempts: z.number().int().min(0),
	nextAt: z.number().int(),
	doneAt: z.number().int().nullable(),
	lastError: z.string().max(500).nullable(),
	claimedAt: z.number().int().nullable(),
	claimedBy: z.string().max(80).nullable()
});
export type JobDoc = z.infer<typeof JobDoc>;

export const jobId = (kind: JobKind, key: string): string => `phone-job:${kind}:${key}`;

/** What a job's work says: finished, or try again at a given time (not a failure: what it waits for is not there yet). */
export type JobOutcome = 'done' | { waitUntil: number };
export type JobHandler = (job: JobDoc) => Promise<JobOutcome>;

const isConflict = (error: unknown): boolean => (error as { status?: number }).status === 409;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Runs the jobs when due, one at a time, off the request path. A failure records the error and the next attempt
 * (core's backoff: 1 minute doubling to hourly); nothing is dropped. Errors are logged, never thrown.
 */
export class Jobs {
	#due = new Map<string, number>();
	#poked = new Set<string>();
	#running = false;
	#again = false;
	#stopped = false;
	#scannedAt = Number.NEGATIVE_INFINITY;
	#current: Promise<void> = Promise.resolve();

	constructor(
		private readonly o: {
			db: Db;
			/** Where emergency texts, and jobs queued with `urgent`, are written: ahead of the other writes (default `db`). */
			urgentDb?: Db;
			now: () => number;
			instance: string;
			handlers: Record<JobKind, JobHandler>;
			log: (line: string) => void;
			/** Resolves when the line is quiet enough to start a job (no caller waiting for an answer); at once by default. */
			quiet?: () => Promise<void>;
		}
	) {}

	/** Queues a job due at `dueAt` (once per kind and key); false when it was queued before. Does not run it. */
	async add(kind: JobKind, key: string, payload: Record<string, unknown>, dueAt: number): Promise<boolean> {
		const [added] = await this.addAll([{ kind, key, payload, dueAt }]);
		return added;
	}

	/** Queues several jobs in one write, each once per kind and key; for each, false when it was queued before. */
	async addAll(list: { kind: JobKind; key: string; payload: Record<string, unknown>; dueAt: number }[], options: { urgent?: boolean } = {}): Promise<boolean[]> {
		const jobs: JobDoc[] = list.map(({ kind, key, payload, dueAt }) => ({ _id: jobId(kind, key), type: 'phone-job', kind, key, payload, attempts: 0, nextAt: dueAt, doneAt: null, lastError: null, claimedAt: null, claimedBy: null }));
		const urgent = options.urgent || list.some((job) => job.kind === 'sms');
		const results = await this.#db(urgent).bulkDocs(jobs);
		return results.map((result, i) => {
			if ('ok' in result && result.ok) {
				this.#due.set(jobs[i]._id, jobs[i].nextAt);
				return true;
			}
			// A conflict: queued before, here or by another instance. Any other refusal is the store failing.
			if ((result as { status?: number }).status === 409) return false;
			throw Object.assign(new Error(`queueing the ${jobs[i].kind} job for ${jobs[i].key} failed (${(result as { message?: string }).message ?? 'unknown error'})`), { status: (result as { status?: number }).status });
		});
	}

	/** The job of this kind and key, if queued. */
	async get(kind: JobKind, key: string): Promise<JobDoc | null> {
		const parsed = JobDoc.safeParse(await getOrNull(this.o.db, jobId(kind, key)));
		return parsed.success ? parsed.data : null;
	}

	/** Makes a queued job due now (what it waited for has happened) and starts working. */
	poke(kind: JobKind, key: string): void {
		const id = jobId(kind, key);
		this.#due.set(id, this.o.now());
		// A job running now may be about to say "later": what it waited for has just happened, so it runs again.
		this.#poked.add(id);
		void this.wake();
	}

	/** Works through what is due now (the minute's sweep calls it too); returns once this round is over. */
	wake(): Promise<void> {
		if (this.#stopped) return Promise.resolve();
		if (this.#running) {
			this.#again = true;
			return this.#current;
		}
		this.#running = true;
		this.#current = (async () => {
			do {
				this.#again = false;
				await this.#round();
			} while (this.#again && !this.#stopped);
			this.#running = false;
		})();
		return this.#current;
	}

	/** The store to write to: emergency texts and urgent jobs go ahead of the rest. */
	#db(urgent: boolean): Db {
		return urgent ? (this.o.urgentDb ?? this.o.db) : this.o.db;
	}

	/** Stops working; resolves once the job under way is recorded. */
	async stop(): Promise<void> {
		this.#stopped = true;
		await this.#current;
	}

	async #round(): Promise<void> {
		try {
			if (this.o.now() - this.#scannedAt >= RESCAN_MS) await this.#rescan();
			const now = this.o.now();
			// Emergency texts first, and without waiting for the answers under way; the rest in the order they fell due.
			const due = [...this.#due].filter(([, at]) => at <= now).sort((a, b) => Number(isSms(b[0])) - Number(isSms(a[0])) || a[1] - b[1]);
			for (const [id] of due) {
				if (!isSms(id)) await this.o.quiet?.();
				if (this.#stopped) return;
				await this.#runOne(id);
			}
		} catch (error) {
			this.o.log(`phone: the jobs could not be read or recorded (${errorText(error)}); trying again in a minute`);
		}
	}

	/** Reads every job not yet done: those queued by another instance, or before a restart. */
	async #rescan(): Promise<void> {
		this.#scannedAt = this.o.now();
		let startkey = 'phone-job:';
		for (;;) {
			const rows = (await this.o.db.allDocs({ startkey, endkey: 'phone-job:\uffff', include_docs: true, limit: PAGE + 1 })).rows;
			for (const row of rows.slice(0, PAGE)) {
				const parsed = JobDoc.safeParse(row.doc);
				if (parsed.success && parsed.data.doneAt === null) this.#due.set(parsed.data._id, Math.max(parsed.data.nextAt, claimEnd(parsed.data)));
			}
			if (rows.length <= PAGE) return;
			startkey = rows[PAGE].id;
		}
	}

	async #runOne(id: string): Promise<void> {
		const parsed = JobDoc.safeParse(await getOrNull(this.o.db, id));
		if (!parsed.success || parsed.data.doneAt !== null) {
			this.#due.delete(id);
			this.#poked.delete(id);
			return;
		}
		const job = parsed.data;
		const now = this.o.now();
		const dueAt = Math.max(Math.min(job.nextAt, this.#due.get(id) ?? job.nextAt), claimEnd(job));
		if (dueAt > now) {
			this.#due.set(id, dueAt);
			return;
		}
		let claimed: JobDoc;
		try {
			const claim = { ...job, claimedAt: now, claimedBy: this.o.instance };
			claimed = { ...claim, _rev: (await this.#db(isSms(id)).put(claim)).rev };
		} catch (error) {
			if (!isConflict(error)) throw error;
			this.#due.set(id, now + CLAIM_TTL_MS);
			return;
		}
		let outcome: JobOutcome;
		this.#poked.delete(id);
		try {
			outcome = await this.o.handlers[job.kind](claimed);
		} catch (error) {
			const attempts = job.attempts + 1;
			const nextAt = nextAttempt(attempts, this.o.now());
			await this.#db(isSms(id)).put({ ...claimed, attempts, nextAt, lastError: errorText(error), claimedAt: null, claimedBy: null });
			this.#due.set(id, nextAt);
			this.o.log(`phone: ${job.kind} job for ${job.key} failed (attempt ${attempts}: ${errorText(error)}); next try ${new Date(nextAt).toISOString()}`);
			return;
		}
		if (outcome === 'done') {
			await this.#db(isSms(id)).put({ ...claimed, doneAt: this.o.now(), lastError: null, claimedAt: null, claimedBy: null });
			this.#due.delete(id);
			return;
		}
		const nextAt = this.#poked.delete(id) ? this.o.now() : outcome.waitUntil;
		await this.#db(isSms(id)).put({ ...claimed, nextAt, claimedAt: null, claimedBy: null });
		this.#due.set(id, nextAt);
	}
}

const isSms = (id: string): boolean => id.startsWith('phone-job:sms:');

function claimEnd(job: JobDoc): number {
	return job.claimedAt === null ? 0 : job.claimedAt + CLAIM_TTL_MS;
}

import { createTransport } from 'nodemailer';
import { nextAttempt } from '../../core/notify/retry';
import { type Db, getOrNull } from '../store';
import { OutboxDoc, pendingMail } from './outbox';

/** A claim older than this is taken to be from an instance that died while sending: another may send the mail. */
export const CLAIM_TTL_MS = 10 * 60_000;
// Woken at least this often, and the whole outbox re-read this often, for mail queued or released by other instances.
const MAX_SLEEP_MS = 60_000;
const RESCAN_MS = 10 * 60_000;

export interface MailSenderOptions {
	db: Db;
	smtpUrl: string;
	from: string;
	/** The server's clock (epoch ms), CLOCK_OFFSET_MS included. */
	now: () => number;
	/** This process, for claims. */
	instance: string;
	log: (line: string) => void;
}

const isConflict = (error: unknown): boolean => (error as { status?: number }).status === 409;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/\/\/[^/\s@]+@/g, '//').slice(0, 500);

/**
 * Sends the outbox's mails when due, one at a time, off the request path. Each mail is claimed by a revision-checked
 * write before it is sent, so two instances never both send it; a failure records the error and the next attempt
 * (core's backoff), and nothing is dropped. Errors are logged, never thrown.
 */
export class MailSender {
	readonly #transport;
	#due = new Map<string, number>();
	#timer: NodeJS.Timeout | null = null;
	#running = false;
	#again = false;
	#stopped = false;
	#scannedAt = 0;

	constructor(private readonly o: MailSenderOptions) {
		this.#transport = createTransport(o.smtpUrl);
	}

	/** Reads the outbox and starts sending what is due. */
	start(): void {
		this.#wake();
	}

	/** Stops sending; a mail being sent finishes. */
	stop(): void {
		this.#stopped = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#transport.close();
	}

	/** Tells the sender of a mail just queued. */
	queued(id: string, due: number): void {
		this.#due.set(id, due);
		this.#wake();
	}

	#wake(): void {
		if (this.#stopped) return;
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = true;
		void this.#run().finally(() => {
			this.#running = false;
			if (this.#again) {
				this.#again = false;
				this.#wake();
			} else this.#schedule();
		});
	}

	#schedule(): void {
		if (this.#stopped) return;
		if (this.#timer) clearTimeout(this.#timer);
		const earliest = Math.min(...this.#due.values(), this.o.now() + MAX_SLEEP_MS);
		this.#timer = setTimeout(() => this.#wake(), Math.max(0, earliest - this.o.now()));
		this.#timer.unref();
	}

	async #run(): Promise<void> {
		try {
			if (this.o.now() - this.#scannedAt >= RESCAN_MS) {
				this.#scannedAt = this.o.now();
				for (const [id, due] of await pendingMail(this.o.db)) this.#due.set(id, due);
			}
			const due = [...this.#due].filter(([, at]) => at <= this.o.now()).sort((a, b) => a[1] - b[1]);
			for (const [id] of due) {
				if (this.#stopped) return;
				await this.#sendOne(id);
			}
		} catch (error) {
			this.o.log(`mail: the outbox could not be read (${errorText(error)}); trying again in a minute`);
		}
	}

	async #sendOne(id: string): Promise<void> {
		const parsed = OutboxDoc.safeParse(await getOrNull(this.o.db, id));
		if (!parsed.success || parsed.data.sentAt !== null) {
			this.#due.delete(id);
			return;
		}
		const mail = parsed.data;
		const now = this.o.now();
		const claimedUntil = mail.claimedAt === null ? 0 : mail.claimedAt + CLAIM_TTL_MS;
		const dueAt = Math.max(mail.nextAt, claimedUntil);
		if (dueAt > now) {
			this.#due.set(id, dueAt);
			return;
		}
		let claimed: OutboxDoc;
		try {
			const claim = { ...mail, claimedAt: now, claimedBy: this.o.instance };
			claimed = { ...claim, _rev: (await this.o.db.put(claim)).rev };
		} catch (error) {
			// Another instance claimed it first: look again once its claim would have lapsed.
			if (isConflict(error)) this.#due.set(id, now + CLAIM_TTL_MS);
			else throw error;
			return;
		}
		try {
			await this.#transport.sendMail({ from: this.o.from, to: mail.to, subject: mail.subject, text: mail.text });
			await this.o.db.put({ ...claimed, sentAt: this.o.now(), claimedAt: null, claimedBy: null, lastError: null });
			this.#due.delete(id);
			this.o.log(`mail: sent ${mail.event.kind} to ${mail.event.recipient} (${id})`);
		} catch (error) {
			const attempts = mail.attempts + 1;
			const failedAt = this.o.now();
			const nextAt = nextAttempt(attempts, failedAt);
			await this.o.db.put({ ...claimed, attempts, nextAt, lastError: errorText(error), claimedAt: null, claimedBy: null });
			this.#due.set(id, nextAt);
			this.o.log(`mail: sending ${id} to ${mail.event.recipient} failed (attempt ${attempts}: ${errorText(error)}); next try ${new Date(nextAt).toISOString()}`);
		}
	}
}

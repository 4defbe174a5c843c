import { randomUUID } from 'node:crypto';
import { eventsFromOutageChange, outageAudience } from '../../core/notify/outage-events';
import { eventsFromTicketChange } from '../../core/notify/ticket-events';
import type { NotifyEvent } from '../../core/notify/event';
import { OutageDoc } from '../../core/outage/outage';
import { Ticket } from '../../core/schemas';
import { isOpen } from '../../core/workflow';
import type { Config } from '../config';
import type { ChangeRow, SharedFeed } from '../gateway/feed';
import { parseStored } from '../gateway/parsed-revisions';
import { SlaDocs } from '../sla-docs';
import type { Store } from '../store';
import { Delivery } from './deliver';
import { Directory } from './directory';
import { MailSender } from './mail-sender';
import { type Checkpoint, readCheckpoint, readOutageSeen, saveCheckpoint, saveOutageSeen } from './state';
import { sweepClocks } from './sweep';

const BATCH = 200;
const CHECKPOINT_EVERY_MS = 2_000;
const SWEEP_EVERY_MS = 60_000;
// Ticket changes come in bursts (a sync pushes many): one sweep after the burst.
const SWEEP_DEBOUNCE_MS = 2_000;

export interface NotifierOptions {
	store: Store;
	feed: SharedFeed;
	config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'PUBLIC_URL' | 'CLOCK_OFFSET_MS'>;
	log?: (line: string) => void;
}

/**
 * The notification service: follows the main store's changes from its own checkpoint in the private database, turns
 * ticket and outage changes and SLA clocks into events (core/notify), and delivers each once, in the app at once and
 * by mail when the district's hours allow. It never blocks a request and never stops the process: errors are logged.
 */
export class Notifier {
	readonly #o: NotifierOptions;
	readonly #now: () => number;
	readonly #log: (line: string) => void;
	readonly #directory: Directory;
	readonly #slaDocs: SlaDocs;
	readonly #sender: MailSender | null;
	readonly #delivery: Delivery;
	#checkpoint: Checkpoint | null = null;
	#cutoff = 0;
	#drainWanted = false;
	#sweepWanted = false;
	#busy = false;
	#work: Promise<void> = Promise.resolve();
	#stopped = false;
	#timers: NodeJS.Timeout[] = [];
	#sweepTimer: NodeJS.Timeout | null = null;
	// When the sweep after a burst of changes is due (epoch ms): each change moves it, the one timer checks it.
	#sweepDueAt = 0;
	#caughtUp = false;
	#checkpointSavedAt = 0;
	#checkpointDirty = false;
	// The open tickets' ids, so the sweep every minute reads those alone: filled by the first sweep, kept by the changes.
	#open: Set<string> | null = null;
	// What the next sweep reads: every open ticket (the minute's sweep; a policy, calendar or outage changed), or only
	// the tickets changed since (a ticket's change moves its own clocks alone).
	#sweepAll = true;
	#changedTickets = new Set<string>();
	#drainSoon = false;

	constructor(options: NotifierOptions) {
		this.#o = options;
		const { store, config } = options;
		this.#now = () => Date.now() + config.CLOCK_OFFSET_MS;
		this.#log = options.log ?? ((line) => console.log(line));
		this.#directory = new Directory(store.main);
		this.#slaDocs = new SlaDocs(store.main);
		this.#sender = config.SMTP_URL
			? new MailSender({ db: store.private, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, now: this.#now, instance: randomUUID(), log: this.#log })
			: null;
		this.#delivery = new Delivery({
			main: store.main,
			private: store.private,
			directory: this.#directory,
			calendar: async () => (await this.#slaDocs.read(null)).calendar,
			mail: this.#sender !== null,
			baseUrl: config.PUBLIC_URL,
			now: this.#now,
			onQueued: (id, due) => this.#sender?.queued(id, due),
			log: this.#log
		});
	}

	/** Reads the checkpoint (a first start records the cutoff and marks today's clocks as known) and starts following. */
	async start(): Promise<void> {
		const { checkpoint, fresh } = await readCheckpoint(this.#o.store.private, this.#o.store.main, this.#now());
		this.#checkpoint = checkpoint;
		this.#cutoff = Date.parse(checkpoint.since);
		// What is already at risk or breached when notifications start is old news: recorded, not sent.
		if (fresh) await this.#sweep(true);
		this.#o.feed.onChange((row) => this.#changed(row));
		this.#sender?.start();
		const every = setInterval(() => {
			this.#sweepAll = true;
			this.#want({ drain: true, sweep: true });
		}, SWEEP_EVERY_MS);
		every.unref();
		this.#timers.push(every);
		this.#want({ drain: true, sweep: true });
	}

	/** Tells the mail sender of a mail another part queued in the outbox (the phone line's emergency alerts). */
	mailQueued(id: string, due: number): void {
		this.#sender?.queued(id, due);
	}

	/** Stops following and sending; resolves once the work under way is recorded, or after `ms` whatever happens. */
	async stop(ms = 5_000): Promise<void> {
		this.#stopped = true;
		for (const timer of this.#timers) clearInterval(timer);
		if (this.#sweepTimer) clearTimeout(this.#sweepTimer);
		let timer: NodeJS.Timeout | undefined;
		const bound = new Promise<void>((done) => (timer = setTimeout(done, ms)));
		await Promise.race([Promise.all([this.#work, this.#sender?.stop()]), bound]);
		clearTimeout(timer);
		if (this.#checkpointDirty && this.#checkpoint) await this.#saveCheckpoint(this.#checkpoint, true).catch(() => undefined);
	}

	#changed(row: ChangeRow): void {
		if (row.id.startsWith('user:') || row.id.startsWith('building:')) this.#directory.forget();
		// The store announces a written batch one change at a time: they are read together, once the announcing is done.
		if (this.#drainSoon) return;
		this.#drainSoon = true;
		setImmediate(() => {
			this.#drainSoon = false;
			this.#want({ drain: true, sweep: false });
		});
	}

	#sweepSoon(ticketId?: string): void {
		if (ticketId) this.#changedTickets.add(ticketId);
		else this.#sweepAll = true;
		// A push brings thousands of changes: each moves the due time; the one timer is not set again for each.
		this.#sweepDueAt = Date.now() + SWEEP_DEBOUNCE_MS;
		if (!this.#sweepTimer) this.#sweepAfter(SWEEP_DEBOUNCE_MS);
	}

	/** Sweeps once no change has come for SWEEP_DEBOUNCE_MS: a timer that fires early waits for the rest. */
	#sweepAfter(ms: number): void {
		this.#sweepTimer = setTimeout(() => {
			const left = this.#sweepDueAt - Date.now();
			if (left > 0) return this.#sweepAfter(left);
			this.#sweepTimer = null;
			this.#want({ drain: false, sweep: true });
		}, ms);
		this.#sweepTimer.unref();
	}

	/** Runs the wanted work one piece at a time: reading changes first, then the clock sweep. */
	#want(work: { drain: boolean; sweep: boolean }): void {
		this.#drainWanted ||= work.drain;
		this.#sweepWanted ||= work.sweep;
		if (this.#busy || this.#stopped) return;
		this.#busy = true;
		this.#work = (async () => {
			while ((this.#drainWanted || this.#sweepWanted) && !this.#stopped) {
				const drain = this.#drainWanted;
				this.#drainWanted = false;
				if (!drain) this.#sweepWanted = false;
				try {
					await (drain ? this.#drain() : this.#sweep(false));
				} catch (error) {
					this.#log(`notify: ${drain ? 'reading changes' : 'the clock sweep'} failed (${error instanceof Error ? error.message : String(error)}); trying again in a minute`);
				}
			}
			this.#busy = false;
			if (!this.#caughtUp && !this.#stopped) {
				this.#caughtUp = true;
				this.#log(`notify: caught up with the store (mail ${this.#sender ? 'on' : 'off: no SMTP_URL'})`);
			}
		})();
	}

	async #sweep(silent: boolean): Promise<void> {
		const only = this.#sweepAll || this.#open === null ? null : this.#changedTickets;
		this.#sweepAll = false;
		this.#changedTickets = new Set();
		if (only?.size === 0) return;
		const { open } = await sweepClocks({ db: this.#o.store.main, slaDocs: this.#slaDocs, directory: this.#directory, delivery: this.#delivery, now: this.#now(), open: only ?? this.#open, silent });
		if (!only) this.#open ??= open;
	}

	/** Reads the changes after the checkpoint, batch by batch, moving the checkpoint after each. */
	async #drain(): Promise<void> {
		const checkpoint = this.#checkpoint;
		if (!checkpoint) return;
		// The shared feed already read the recent changes with their documents: reading them again would double the
		// store's work for every document a device pushes. Older ones (after a restart) come from the store.
		const recent = this.#o.feed.after(checkpoint.seq);
		if (recent) {
			for (let at = 0; at < recent.length && !this.#stopped; at += BATCH) {
				const rows = recent.slice(at, at + BATCH);
				await this.#handleBatch(checkpoint, rows, rows[rows.length - 1]!.seq);
			}
			// Nothing new (the minute's timer): a position held back while changes streamed in is recorded now.
			if (recent.length === 0 && this.#checkpointDirty) await this.#saveCheckpoint(checkpoint, false);
			return;
		}
		for (;;) {
			const batch = await this.#o.store.main.changes({ since: checkpoint.seq, limit: BATCH, include_docs: true });
			await this.#handleBatch(checkpoint, batch.results as unknown as ChangeRow[], batch.last_seq);
			if (batch.results.length < BATCH || this.#stopped) return;
		}
	}

	/** Handles a batch of changes in order, then moves the checkpoint to `lastSeq`. */
	async #handleBatch(checkpoint: Checkpoint, rows: ChangeRow[], lastSeq: string | number): Promise<void> {
		for (const row of rows) {
			if (this.#stopped) return;
			try {
				// Most changes need no store work: those are handled without a promise each (a push brings thousands).
				const pending = this.#handle(row);
				if (pending) await pending;
			} catch (error) {
				this.#log(`notify: ${row.id} was not handled (${error instanceof Error ? error.message : String(error)})`);
			}
		}
		checkpoint.seq = lastSeq;
		await this.#saveCheckpoint(checkpoint, false);
	}

	/**
	 * Records how far the changes were handled: at most every 2 seconds while changes stream in (a push of 10,000
	 * tickets arrives one change at a time), and always when `now` is asked. After a crash the changes since the last
	 * record are handled again, which sends nothing twice: every event is recorded by its key.
	 */
	async #saveCheckpoint(checkpoint: Checkpoint, now: boolean): Promise<void> {
		if (!now && Date.now() - this.#checkpointSavedAt < CHECKPOINT_EVERY_MS) {
			this.#checkpointDirty = true;
			return;
		}
		this.#checkpointSavedAt = Date.now();
		this.#checkpointDirty = false;
		await saveCheckpoint(this.#o.store.private, checkpoint);
	}

	/** Handles one change; returns a promise only when it has store work to wait for. */
	#handle(row: ChangeRow): Promise<void> | undefined {
		if (row.id.startsWith('user:') || row.id.startsWith('building:')) this.#directory.forget();
		if (row.deleted || !row.doc) {
			this.#open?.delete(row.id);
			return;
		}
		if (/^(calendar|sla-policy|sla-settings):/.test(row.id)) {
			this.#sweepSoon();
			return;
		}
		if (row.id.startsWith('ticket:')) {
			const status = Ticket.shape.status.safeParse(row.doc.status);
			if (status.success && isOpen(status.data)) this.#open?.add(row.id);
			else this.#open?.delete(row.id);
			this.#sweepSoon(row.id);
			// An event is dated by its entry, and nothing before the cutoff is sent: a ticket with no entry since then
			// (a device's old work arriving, an import) tells nobody, and is not parsed whole.
			if (!hasEntrySince(row.doc, this.#cutoff)) return;
			// Parsed once per revision: the gateway already parsed the tickets it wrote.
			const ticket = parseStored(row.doc);
			if (ticket?.type !== 'ticket') return;
			return this.#deliverAll(eventsFromTicketChange(null, ticket), ticket, `ticket ${ticket.number}`);
		}
		if (row.id.startsWith('outage:')) return this.#outageChanged(row.doc);
	}

	/** Tells the outage's audience what its new version adds. */
	async #outageChanged(doc: Record<string, unknown>): Promise<void> {
		const outage = OutageDoc.safeParse(doc);
		if (!outage.success) return;
		this.#sweepSoon();
		await this.#directory.load();
		const prefix = `outage-affected:${outage.data._id.slice('outage:'.length)}:`;
		const affected = (await this.#o.store.main.allDocs({ startkey: prefix, endkey: `${prefix}\uffff` })).rows.map((r) => r.id.slice(prefix.length));
		const audience = outageAudience(outage.data, this.#directory.people(), affected);
		// Only what this version adds: replaying every note for everyone would cost notes × audience reads per change.
		const seen = await readOutageSeen(this.#o.store.private, outage.data._id);
		const before = seen && { ...outage.data, progress: seen.progress.map((n) => ({ ...n, text: '' })), restoredAt: seen.restoredAt };
		await this.#deliverAll(eventsFromOutageChange(before, outage.data, audience), outage.data, outage.data._id);
		return saveOutageSeen(this.#o.store.private, outage.data);
	}

	/**
	 * Delivers a document's events, in order. A changed ticket replays all its events (its previous version is not at
	 * hand): those handled before are skipped, and those dated before the cutoff are never sent.
	 */
	async #deliverAll(events: NotifyEvent[], about: Ticket | OutageDoc, what: string): Promise<void> {
		let recorded = 0;
		for (const event of events) {
			if (event.at < this.#cutoff) continue;
			if ((await this.#delivery.deliver(event, about)) === 'recorded') recorded++;
		}
		if (recorded > 0) this.#log(`notify: ${what}: ${recorded} event${recorded === 1 ? '' : 's'} handled before`);
	}
}

/** Whether a stored ticket has a history entry dated at or after `cutoff` (epoch ms). */
function hasEntrySince(doc: Record<string, unknown>, cutoff: number): boolean {
	if (!Array.isArray(doc.history)) return false;
	// A loop, not some(): it runs for every ticket a push brings.
	for (const entry of doc.history as { at?: unknown }[]) if (typeof entry?.at === 'string' && Date.parse(entry.at) >= cutoff) return true;
	return false;
}

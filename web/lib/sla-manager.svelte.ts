import type { Role, Ticket } from '$core/schemas';
import type { CalendarDoc } from '$core/sla/calendar';
import type { SlaSetup, TicketClocks } from '$core/sla/clock';
import type { ClockLine, ClockTone } from '$core/sla/clock-words';
import { CALENDAR_ID, SLA_POLICY_PREFIX, SLA_SETTINGS_ID } from '$core/sla/doc-ids';
import type { SlaPolicyDoc, SlaSettingsDoc } from '$core/sla/policy';
import { INTERIM_ORDER } from '$core/work-queues';
import { data } from './data-manager.svelte';
import { userMessage } from './errors';
import type { LocalDb } from './local-db';
import { type Follower, follow } from './local-feed';
import { outages } from './outage-manager.svelte';

type SlaEngine = typeof import('./sla-engine');
let loadingEngine: Promise<SlaEngine> | null = null;
/** The engine, loaded once, on first use: see sla-engine.ts. A failed load is tried again at the next attach. */
const loadEngine = () =>
	(loadingEngine ??= import('./sla-engine').catch((error: unknown) => {
		loadingEngine = null;
		throw error;
	}));

const isSlaDoc = (id: string) => id === CALENDAR_ID || id === SLA_SETTINGS_ID || id.startsWith(SLA_POLICY_PREFIX);

type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;

/**
 * The district's SLA setup on this device: the calendar, the SLA settings and the policies, read from the local
 * database and kept current from its changes feed, so every clock is computed here, offline too.
 */
class SlaManager {
	#engine = $state.raw<SlaEngine | null>(null);
	#calendar = $state.raw<CalendarDoc | null>(null);
	#settings = $state.raw<SlaSettingsDoc | null>(null);
	#policies = $state.raw(new Map<string, SlaPolicyDoc>());
	#failure = $state<string | null>(null);
	#follower: Follower | null = null;
	#db: LocalDb | null = null;
	/** The latest attach: one overtaken while it waited (for the engine, for a read) stops there. */
	#attaching: object | null = null;

	/** The active policy, when its document and the settings naming it are on this device. */
	readonly policy = $derived(this.#settings ? (this.#policies.get(`${SLA_POLICY_PREFIX}${this.#settings.activePolicy}`) ?? null) : null);

	/**
	 * What the engine needs, or null while the calendar or the active policy is not on this device yet (queues then fall
	 * back to their interim order). A new object whenever a document, an outage or the people on the device change.
	 */
	readonly setup: SlaSetup | null = $derived.by(() => {
		const roles = new Map<string, Role>(data.people.map((p) => [p.username, p.role]));
		const engine = this.#engine;
		if (!engine || !this.#calendar || !this.policy) return null;
		return { calendar: this.#calendar, policy: this.policy, isStaff: engine.staffTest((u) => roles.get(u)), outages: engine.outageSpans(outages.all) };
	});

	/** Every policy on this device, by name (the administrators' policy screen). */
	readonly policies = $derived([...this.#policies.values()].sort((a, b) => a.name.localeCompare(b.name)));

	/** Which policy is active, as stored. */
	get settings(): SlaSettingsDoc | null {
		return this.#settings;
	}
	/** The district's business calendar, as stored. */
	get calendar(): CalendarDoc | null {
		return this.#calendar;
	}

	/** The district's time zone, in which every SLA time is shown. */
	get timeZone(): string | null {
		return this.#calendar?.timeZone ?? null;
	}
	/** Why the SLA documents could not be read, in words for the person. */
	get failure(): string | null {
		return this.#failure;
	}

	/** A ticket's clocks at `now`, or null while there is no setup on this device. */
	clocks(ticket: Ticket, now: number): TicketClocks | null {
		return this.setup && this.#engine ? this.#engine.clocksAt(this.setup, now)(ticket) : null;
	}

	/** The order of work queues at `now` (core's queueOrder): the interim order until there is a setup. */
	queueOrder(now: number): (a: Ticket, b: Ticket) => number {
		return this.setup && this.#engine ? this.#engine.queueOrder(this.setup, now) : INTERIM_ORDER;
	}

	/** A queue row's badge at `now`: the breach, else the nearest due, else "Paused"; null when nothing runs or there is no setup. */
	badge = (ticket: Ticket, now: number): { tone: ClockTone; text: string } | null => {
		const clocks = this.clocks(ticket, now);
		return clocks && this.#engine && this.timeZone ? this.#engine.clockBadge(clocks, { now, timeZone: this.timeZone, status: ticket.status }) : null;
	};

	/** Whether the ticket's clocks stand still now for an outage it is linked to, so the words can say why. */
	#outageHolds(ticket: Ticket, now: number): boolean {
		const engine = this.#engine;
		return this.setup !== null && engine !== null && engine.outageHolds(this.setup.policy.outageRule, this.setup.outages, ticket.number, engine.parseIsoTime(ticket.createdAt), now);
	}

	/** Every clock of a ticket in words, most urgent first, for staff. */
	lines(ticket: Ticket, now: number): ClockLine[] {
		const clocks = this.clocks(ticket, now);
		const engine = this.#engine;
		if (!clocks || !engine || !this.setup || !this.timeZone) return [];
		const ctx = { now, timeZone: this.timeZone, status: ticket.status, outage: this.#outageHolds(ticket, now) };
		return engine.clockLines(clocks, { ...ctx, aroundTheClock: engine.aroundTheClockTargets(this.setup, ticket) });
	}

	/** What the requester is promised, in words, or null. */
	promise(ticket: Ticket, now: number): string | null {
		const clocks = this.clocks(ticket, now);
		return clocks && this.#engine && this.timeZone
			? this.#engine.promiseWords(clocks, { now, timeZone: this.timeZone, status: ticket.status, outage: this.#outageHolds(ticket, now) })
			: null;
	}

	/** Reads the SLA documents of a database and follows their changes; call again when the signed-in person changes. */
	async attach(db: LocalDb | null): Promise<void> {
		if (db === this.#db) return;
		this.#follower?.stop();
		this.#follower = null;
		this.#db = db;
		this.#calendar = null;
		this.#settings = null;
		this.#policies = new Map();
		this.#failure = null;
		const attaching = (this.#attaching = {});
		if (!db) return;
		let engine: SlaEngine;
		try {
			engine = this.#engine ?? (await loadEngine());
		} catch (error) {
			if (attaching !== this.#attaching) return;
			// Not attached: the next attach (the next time the database is set) tries the engine again.
			this.#db = null;
			this.#failure = userMessage(error);
			return;
		}
		if (attaching !== this.#attaching) return;
		this.#engine = engine;
		// Followed from before the read, so no change made while the documents are read is missed.
		const follower = (this.#follower = follow(db, (doc) => isSlaDoc(doc._id) && this.#apply(engine, [doc as unknown as Row])));
		try {
			const [fixed, policies] = await Promise.all([
				db.allDocs({ keys: [CALENDAR_ID, SLA_SETTINGS_ID], include_docs: true }),
				db.allDocs({ startkey: SLA_POLICY_PREFIX, endkey: `${SLA_POLICY_PREFIX}\ufff0`, include_docs: true })
			]);
			if (attaching !== this.#attaching) return;
			this.#apply(engine, [...fixed.rows, ...policies.rows].flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as Row] : [])));
		} catch (error) {
			// Never started, it would hold every later change of the database in memory.
			follower.stop();
			this.#failure = userMessage(error);
			return;
		}
		follower.start();
	}

	/** A document that does not parse counts as absent: a clock on a half-understood policy would mislead. */
	#apply({ CalendarDoc, SlaPolicyDoc, SlaSettingsDoc }: SlaEngine, rows: Row[]): void {
		let policies: Map<string, SlaPolicyDoc> | null = null;
		for (const row of rows) {
			if (row._id === CALENDAR_ID) this.#calendar = row._deleted ? null : (CalendarDoc.safeParse(row).data ?? null);
			else if (row._id === SLA_SETTINGS_ID) this.#settings = row._deleted ? null : (SlaSettingsDoc.safeParse(row).data ?? null);
			else if (row._id.startsWith(SLA_POLICY_PREFIX)) {
				policies ??= new Map(this.#policies);
				const parsed = row._deleted ? undefined : SlaPolicyDoc.safeParse(row).data;
				if (parsed) policies.set(row._id, parsed);
				else policies.delete(row._id);
			}
		}
		if (policies) this.#policies = policies;
	}
}

export const sla = new SlaManager();

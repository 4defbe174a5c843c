import type { Role, Ticket } from '$core/schemas';
import { CALENDAR_ID, CalendarDoc } from '$core/sla/calendar';
import type { SlaSetup, TicketClocks } from '$core/sla/clock';
import { type ClockLine, type ClockTone, clockBadge, clockLines, promiseWords } from '$core/sla/clock-words';
import { aroundTheClockTargets, clocksAt } from '$core/sla/clocks-at';
import { parseIsoTime } from '$core/sla/iso-time';
import { outageHolds, outageSpans } from '$core/sla/outage-rule';
import { SLA_SETTINGS_ID, SlaPolicyDoc, SlaSettingsDoc } from '$core/sla/policy';
import { staffTest } from '$core/sla/staff';
import { data } from './data-manager.svelte';
import { userMessage } from './errors';
import type { LocalDb } from './local-db';
import { type Follower, follow } from './local-feed';
import { outages } from './outage-manager.svelte';

const POLICY_PREFIX = 'sla-policy:';
const isSlaDoc = (id: string) => id === CALENDAR_ID || id === SLA_SETTINGS_ID || id.startsWith(POLICY_PREFIX);

type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;

/**
 * The district's SLA setup on this device: the calendar, the SLA settings and the policies, read from the local
 * database and kept current from its changes feed, so every clock is computed here, offline too.
 */
class SlaManager {
	#calendar = $state.raw<CalendarDoc | null>(null);
	#settings = $state.raw<SlaSettingsDoc | null>(null);
	#policies = $state.raw(new Map<string, SlaPolicyDoc>());
	#failure = $state<string | null>(null);
	#follower: Follower | null = null;
	#db: LocalDb | null = null;

	/** The active policy, when its document and the settings naming it are on this device. */
	readonly policy = $derived(this.#settings ? (this.#policies.get(`${POLICY_PREFIX}${this.#settings.activePolicy}`) ?? null) : null);

	/**
	 * What the engine needs, or null while the calendar or the active policy is not on this device yet (queues then fall
	 * back to their interim order). A new object whenever a document, an outage or the people on the device change.
	 */
	readonly setup: SlaSetup | null = $derived.by(() => {
		const roles = new Map<string, Role>(data.people.map((p) => [p.username, p.role]));
		if (!this.#calendar || !this.policy) return null;
		return { calendar: this.#calendar, policy: this.policy, isStaff: staffTest((u) => roles.get(u)), outages: outageSpans(outages.all) };
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
		return this.setup ? clocksAt(this.setup, now)(ticket) : null;
	}

	/** A queue row's badge at `now`: the breach, else the nearest due, else "Paused"; null when nothing runs or there is no setup. */
	badge = (ticket: Ticket, now: number): { tone: ClockTone; text: string } | null => {
		const clocks = this.clocks(ticket, now);
		return clocks && this.timeZone ? clockBadge(clocks, { now, timeZone: this.timeZone, status: ticket.status }) : null;
	};

	/** Whether the ticket's clocks stand still now for an outage it is linked to, so the words can say why. */
	#outageHolds(ticket: Ticket, now: number): boolean {
		return this.setup !== null && outageHolds(this.setup.policy.outageRule, this.setup.outages, ticket.number, parseIsoTime(ticket.createdAt), now);
	}

	/** Every clock of a ticket in words, most urgent first, for staff. */
	lines(ticket: Ticket, now: number): ClockLine[] {
		const clocks = this.clocks(ticket, now);
		if (!clocks || !this.setup || !this.timeZone) return [];
		const ctx = { now, timeZone: this.timeZone, status: ticket.status, outage: this.#outageHolds(ticket, now) };
		return clockLines(clocks, { ...ctx, aroundTheClock: aroundTheClockTargets(this.setup, ticket) });
	}

	/** What the requester is promised, in words, or null. */
	promise(ticket: Ticket, now: number): string | null {
		const clocks = this.clocks(ticket, now);
		return clocks && this.timeZone ? promiseWords(clocks, { now, timeZone: this.timeZone, status: ticket.status, outage: this.#outageHolds(ticket, now) }) : null;
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
		if (!db) return;
		// Followed from before the read, so no change made while the documents are read is missed.
		const follower = (this.#follower = follow(db, (doc) => isSlaDoc(doc._id) && this.#apply([doc as unknown as Row])));
		try {
			const [fixed, policies] = await Promise.all([
				db.allDocs({ keys: [CALENDAR_ID, SLA_SETTINGS_ID], include_docs: true }),
				db.allDocs({ startkey: POLICY_PREFIX, endkey: `${POLICY_PREFIX}\ufff0`, include_docs: true })
			]);
			if (db !== this.#db) return;
			this.#apply([...fixed.rows, ...policies.rows].flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as Row] : [])));
		} catch (error) {
			// Never started, it would hold every later change of the database in memory.
			follower.stop();
			this.#failure = userMessage(error);
			return;
		}
		follower.start();
	}

	/** A document that does not parse counts as absent: a clock on a half-understood policy would mislead. */
	#apply(rows: Row[]): void {
		let policies: Map<string, SlaPolicyDoc> | null = null;
		for (const row of rows) {
			if (row._id === CALENDAR_ID) this.#calendar = row._deleted ? null : (CalendarDoc.safeParse(row).data ?? null);
			else if (row._id === SLA_SETTINGS_ID) this.#settings = row._deleted ? null : (SlaSettingsDoc.safeParse(row).data ?? null);
			else if (row._id.startsWith(POLICY_PREFIX)) {
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

import { OutageAffectedDoc, OutageDoc, isOngoing } from '$core/outage/outage';
import { userMessage } from './errors';
import type { LocalDb } from './local-db';
import { type Follower, follow } from './local-feed';

const OUTAGE = 'outage:';
const AFFECTED = 'outage-affected:';

type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;

const generation = (doc: { _rev?: string } | undefined) => parseInt(doc?._rev ?? '0', 10) || 0;

/**
 * The outages on this device and the "me too"s it may read, from the local database and kept current from its
 * changes feed, so the banner shows at once when sync brings an outage, and offline too.
 */
class OutageManager {
	#outages = $state.raw(new Map<string, OutageDoc>());
	#affected = $state.raw(new Map<string, OutageAffectedDoc>());
	#failure = $state<string | null>(null);
	#follower: Follower | null = null;
	#db: LocalDb | null = null;

	/** Every outage on this device, newest first. */
	readonly all = $derived([...this.#outages.values()].sort((a, b) => Date.parse(b.declaredAt) - Date.parse(a.declaredAt)));
	/** The outages not yet restored, newest first. */
	readonly ongoing = $derived(this.all.filter(isOngoing));

	/** Why the outages could not be read, in words for the person. */
	get failure(): string | null {
		return this.#failure;
	}

	/** An outage by its id, if it is on this device. */
	outage = (id: string): OutageDoc | undefined => this.#outages.get(id);

	/** Who said an outage affects them (all of them for staff; a requester's device holds only their own). */
	affectedBy(outageId: string): OutageAffectedDoc[] {
		return [...this.#affected.values()].filter((a) => a.outage === outageId);
	}

	/** A person's "me too" on an outage, if they added one. */
	affectedOf(outageId: string, username: string): OutageAffectedDoc | undefined {
		return [...this.#affected.values()].find((a) => a.outage === outageId && a.username === username);
	}

	/** Shows a document this device just saved (or a removal) at once, before the changes feed reports it. */
	remember(doc: OutageDoc | OutageAffectedDoc | { _id: string; _deleted: true }): void {
		this.#apply([doc as unknown as Row]);
	}

	/** Reads the outage documents of a database and follows their changes; call again when the signed-in person changes. */
	async attach(db: LocalDb | null): Promise<void> {
		if (db === this.#db) return;
		this.#follower?.stop();
		this.#follower = null;
		this.#db = db;
		this.#outages = new Map();
		this.#affected = new Map();
		this.#failure = null;
		if (!db) return;
		// Followed from before the read, so no change made while the documents are read is missed.
		const follower = (this.#follower = follow(db, (doc) => this.#apply([doc as unknown as Row])));
		try {
			const [outages, affected] = await Promise.all(
				[OUTAGE, AFFECTED].map((prefix) => db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true }))
			);
			if (db !== this.#db) return;
			this.#apply([...outages.rows, ...affected.rows].flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as Row] : [])));
		} catch (error) {
			// Never started, it would hold every later change of the database in memory.
			follower.stop();
			this.#failure = userMessage(error);
			return;
		}
		follower.start();
	}

	/** A document that does not parse is left out rather than shown half-understood; an older revision never replaces a newer. */
	#apply(rows: Row[]): void {
		let outages: Map<string, OutageDoc> | null = null;
		let affected: Map<string, OutageAffectedDoc> | null = null;
		for (const row of rows) {
			if (row._id.startsWith(OUTAGE)) {
				outages ??= new Map(this.#outages);
				if (generation(outages.get(row._id)) > generation(row as { _rev?: string })) continue;
				const parsed = row._deleted ? undefined : OutageDoc.safeParse(row).data;
				if (parsed) outages.set(row._id, parsed);
				else outages.delete(row._id);
			} else if (row._id.startsWith(AFFECTED)) {
				affected ??= new Map(this.#affected);
				const parsed = row._deleted ? undefined : OutageAffectedDoc.safeParse(row).data;
				if (parsed) affected.set(row._id, parsed);
				else affected.delete(row._id);
			}
		}
		if (outages) this.#outages = outages;
		if (affected) this.#affected = affected;
	}
}

export const outages = new OutageManager();

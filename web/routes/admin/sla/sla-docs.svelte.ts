import { CALENDAR_ID, CalendarDoc } from '$core/sla/calendar';
import { SLA_SETTINGS_ID, SlaPolicyDoc, SlaSettingsDoc } from '$core/sla/policy';
import { userMessage } from '$lib/errors';
import type { LocalDb } from '$lib/local-db';

/** The SLA documents on this device (policies, the active-policy setting, the calendar), kept current from its changes feed. */
export class SlaDocs {
	#policies = $state.raw<SlaPolicyDoc[]>([]);
	#settings = $state.raw<SlaSettingsDoc | null>(null);
	#calendar = $state.raw<CalendarDoc | null>(null);
	#loaded = $state(false);
	#failure = $state<string | null>(null);
	#feed: PouchDB.Core.Changes<{}> | null = null;
	#reads = 0;

	get policies() {
		return this.#policies;
	}
	get settings() {
		return this.#settings;
	}
	get calendar() {
		return this.#calendar;
	}
	get loaded() {
		return this.#loaded;
	}
	/** Why the documents could not be read, in words for the person. */
	get failure() {
		return this.#failure;
	}

	/** Reads the documents and follows their changes until `close`. */
	async open(db: LocalDb): Promise<void> {
		this.#feed = db
			.changes({ since: 'now', live: true })
			.on('change', (change) => {
				if (change.id.startsWith('sla-') || change.id === CALENDAR_ID) void this.#read(db);
			});
		await this.#read(db);
	}

	/** Stops following changes. */
	close(): void {
		this.#feed?.cancel();
		this.#feed = null;
	}

	async #read(db: LocalDb): Promise<void> {
		// Reads overlap when changes arrive together: only the latest one is kept.
		const read = ++this.#reads;
		try {
			const policies = await db.allDocs({ startkey: 'sla-policy:', endkey: 'sla-policy:\uffff', include_docs: true });
			const single = await db.allDocs({ keys: [SLA_SETTINGS_ID, CALENDAR_ID], include_docs: true });
			if (read !== this.#reads) return;
			const doc = (id: string): unknown => single.rows.flatMap((r) => ('doc' in r && r.key === id ? [r.doc] : []))[0];
			this.#policies = policies.rows
				.flatMap((r) => {
					const parsed = SlaPolicyDoc.safeParse(r.doc);
					return parsed.success ? [parsed.data] : [];
				})
				.sort((a, b) => a.name.localeCompare(b.name));
			this.#settings = SlaSettingsDoc.safeParse(doc(SLA_SETTINGS_ID)).data ?? null;
			this.#calendar = CalendarDoc.safeParse(doc(CALENDAR_ID)).data ?? null;
			this.#loaded = true;
		} catch (error) {
			this.#failure = userMessage(error);
		}
	}
}

import type { z } from 'zod';
import { CALENDAR_ID, CalendarDoc } from '../core/sla/calendar';
import { SLA_SETTINGS_ID, SlaPolicyDoc, SlaSettingsDoc } from '../core/sla/policy';
import type { Db } from './store';
import { SLA_POLICY_PREFIX } from '../core/sla/doc-ids';

interface Cached {
	rev: string;
	raw: unknown;
	/** The parsed document (null when it does not parse), computed once per revision. */
	parsed?: unknown;
}

/** The documents the SLA clocks need, as they stand in the store. */
export interface SlaDocsNow {
	calendar: CalendarDoc | null;
	settings: SlaSettingsDoc | null;
	policy: SlaPolicyDoc | null;
}

/**
 * Reads the calendar, the SLA settings and policies for the APIs, parsing a document only when its revision changed.
 * Each read asks the store for the current revisions (an index read, no bodies), so an answer never lags behind a
 * write the gateway has already acknowledged; the parsed calendar stays the same object, so its compiled form is reused.
 */
export class SlaDocs {
	#cache = new Map<string, Cached>();

	constructor(private readonly db: Db) {}

	/** The calendar, the settings and a policy: `policyId`, or the active one when it is null. */
	async read(policyId: string | null): Promise<SlaDocsNow> {
		const wanted = [CALENDAR_ID, SLA_SETTINGS_ID, ...(policyId ? [`${SLA_POLICY_PREFIX}${policyId}`] : [])];
		const first = await this.#current(wanted);
		const calendar = this.#parsed(first, CALENDAR_ID, CalendarDoc);
		const settings = this.#parsed(first, SLA_SETTINGS_ID, SlaSettingsDoc);
		const id = policyId ?? settings?.activePolicy ?? null;
		if (id === null) return { calendar, settings, policy: null };
		const policyKey = `${SLA_POLICY_PREFIX}${id}`;
		const docs = first.has(policyKey) ? first : await this.#current([policyKey]);
		return { calendar, settings, policy: this.#parsed(docs, policyKey, SlaPolicyDoc) };
	}

	/** The current revision of each id (absent when missing or deleted), re-reading the bodies that changed. */
	async #current(ids: string[]): Promise<Map<string, Cached>> {
		const index = await this.db.allDocs({ keys: ids });
		const revs = new Map<string, string>();
		for (const row of index.rows) {
			if ('value' in row && row.value && !row.value.deleted) revs.set(row.id, row.value.rev);
		}
		const stale = [...revs].filter(([id, rev]) => this.#cache.get(id)?.rev !== rev).map(([id]) => id);
		if (stale.length > 0) {
			const bodies = await this.db.allDocs({ keys: stale, include_docs: true });
			for (const row of bodies.rows) {
				if ('doc' in row && row.doc) this.#cache.set(row.id, { rev: row.doc._rev, raw: row.doc });
			}
		}
		const out = new Map<string, Cached>();
		for (const id of revs.keys()) {
			const cached = this.#cache.get(id);
			if (cached) out.set(id, cached);
		}
		return out;
	}

	#parsed<T extends z.ZodType>(docs: Map<string, Cached>, id: string, schema: T): z.infer<T> | null {
		const cached = docs.get(id);
		if (!cached) return null;
		if (cached.parsed === undefined) {
			const result = schema.safeParse(cached.raw);
			cached.parsed = result.success ? result.data : null;
		}
		return cached.parsed as z.infer<T> | null;
	}
}

import { Building, UserProfile } from '../../core/schemas';
import { PHONE_LINE_ID, PhoneLineDoc } from '../../core/telephony/docs';
import { SlaDocs } from '../../server/sla-docs';
import type { Db } from '../../server/store';
import type { LineSetup } from '../line';

const WATCHED = /^(phone-line|user|building|calendar):/;

/**
 * The line's data (the phone-line document, the directory, the buildings, the district calendar), read once and kept
 * until the shared feed reports a change to any of them.
 */
export class SetupCache {
	#setup: Promise<LineSetup> | null = null;
	readonly #slaDocs: SlaDocs;

	constructor(private readonly db: Db) {
		this.#slaDocs = new SlaDocs(db);
	}

	/** Drops what is held when a change touches it (every change after the feed resumes: `id` null). */
	changed(id: string | null): void {
		if (id === null || WATCHED.test(id)) this.#setup = null;
	}

	/** The set-up; throws a plain error when the phone-line document is missing or does not parse. */
	read(): Promise<LineSetup> {
		this.#setup ??= this.#load().catch((error) => {
			this.#setup = null;
			throw error;
		});
		return this.#setup;
	}

	async #load(): Promise<LineSetup> {
		const all = async (prefix: string) => (await this.db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true })).rows.map((r) => r.doc);
		const [lineRaw, users, buildings, sla] = await Promise.all([this.db.get(PHONE_LINE_ID).catch(() => null), all('user:'), all('building:'), this.#slaDocs.read(null)]);
		const line = PhoneLineDoc.safeParse(lineRaw);
		if (!line.success) throw new Error(lineRaw ? 'the phone-line document does not parse: an administrator must fix it' : 'the phone line has no set-up document (phone-line:district)');
		return {
			line: line.data,
			people: users.flatMap((doc) => {
				const p = UserProfile.safeParse(doc);
				return p.success && p.data.active ? [p.data] : [];
			}),
			buildings: buildings.flatMap((doc) => {
				const b = Building.safeParse(doc);
				return b.success ? [b.data] : [];
			}),
			calendar: sla.calendar
		};
	}
}

import { Building, type UserProfile, UserProfile as UserProfileSchema } from '../../core/schemas';
import { NotifyPrefsDoc } from '../../core/notify/prefs-doc';
import { type Db, getOrNull } from '../store';

/**
 * The people and buildings notifications name, read from the main store once and kept until a profile or building
 * changes (the notifier sees every change and calls `forget`). Choices are read fresh for each delivery.
 */
export class Directory {
	#people: Map<string, UserProfile> | null = null;
	#buildings: Map<string, string> | null = null;

	constructor(private readonly db: Db) {}

	/** Drops what is held: the next read loads the store again. */
	forget(): void {
		this.#people = null;
		this.#buildings = null;
	}

	/** Loads the profiles and buildings when not held. */
	async load(): Promise<void> {
		if (this.#people && this.#buildings) return;
		const [users, buildings] = await Promise.all([this.#all('user:'), this.#all('building:')]);
		this.#people = new Map(users.flatMap((doc) => {
			const parsed = UserProfileSchema.safeParse(doc);
			return parsed.success ? [[parsed.data.username, parsed.data] as const] : [];
		}));
		this.#buildings = new Map(buildings.flatMap((doc) => {
			const parsed = Building.safeParse(doc);
			return parsed.success ? [[parsed.data.code, parsed.data.name] as const] : [];
		}));
	}

	async #all(prefix: string): Promise<unknown[]> {
		const rows = (await this.db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true })).rows;
		return rows.flatMap((row) => (row.doc ? [row.doc] : []));
	}

	/** A person's profile (after `load`), or undefined. */
	person(username: string): UserProfile | undefined {
		return this.#people?.get(username);
	}

	/** Every profile held (after `load`). */
	people(): UserProfile[] {
		return [...(this.#people?.values() ?? [])];
	}

	/** A person's name; the username when unknown. */
	personName = (username: string): string => this.#people?.get(username)?.name ?? username;

	/** A building's name; the code when unknown. */
	buildingName = (code: string): string => this.#buildings?.get(code) ?? code;

	/** The usernames of the active coordinators, who hear of breaches as the policy says. */
	coordinators(): string[] {
		return this.people().filter((p) => p.active && p.role === 'coordinator').map((p) => p.username).sort();
	}

	/** A person's notification choices document, or null when they made none (or it does not parse). */
	async prefs(username: string): Promise<NotifyPrefsDoc | null> {
		const parsed = NotifyPrefsDoc.safeParse(await getOrNull(this.db, `notify-prefs:${username}`));
		return parsed.success ? parsed.data : null;
	}
}

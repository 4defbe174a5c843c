import type { Actor } from '$core/access';
import { NotificationDoc } from '$core/notify/notification-doc';
import { markedRead, newestFirst, unreadCount } from '$core/notify/notification-list';
import { NotifyPrefsDoc } from '$core/notify/prefs-doc';
import { userMessage } from './errors';
import type { LocalDb } from './local-db';
import { type Follower, follow } from './local-feed';
import { sync } from './sync-manager.svelte';
import { assertWritable } from './write-check';

type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;

const prefix = (username: string) => `notification:${username}:`;
const prefsId = (username: string) => `notify-prefs:${username}`;

/**
 * The signed-in person's in-app notifications and their notification choices, read from the local database and kept
 * current from its changes feed (the server writes notifications; sync brings them), so the list works offline.
 */
class NotifyManager {
	#byId = $state.raw(new Map<string, NotificationDoc>());
	#prefs = $state.raw<NotifyPrefsDoc | null>(null);
	#loaded = $state(false);
	#failure = $state<string | null>(null);
	#follower: Follower | null = null;
	#db: LocalDb | null = null;
	#username: string | null = null;

	/** Newest first. */
	readonly list = $derived(newestFirst([...this.#byId.values()]));
	readonly unread = $derived(unreadCount(this.list));

	/** The person's stored choices, or null while they follow their role's defaults. */
	get prefs(): NotifyPrefsDoc | null {
		return this.#prefs;
	}
	/** The local database has been read once. */
	get loaded(): boolean {
		return this.#loaded;
	}
	/** Why the notifications could not be read, in words for the person. */
	get failure(): string | null {
		return this.#failure;
	}

	/** Reads a person's notifications and choices and follows their changes; call again when the signed-in person changes. */
	async attach(db: LocalDb | null, username: string | null): Promise<void> {
		if (db === this.#db && username === this.#username) return;
		this.#follower?.stop();
		this.#follower = null;
		this.#db = db;
		this.#username = username;
		this.#byId = new Map();
		this.#prefs = null;
		this.#loaded = false;
		this.#failure = null;
		if (!db || !username) return;
		// Followed from before the read, so no change made while the documents are read is missed.
		const follower = (this.#follower = follow(db, (doc) => this.#apply([doc as unknown as Row])));
		try {
			const [notes, prefs] = await Promise.all([
				db.allDocs({ startkey: prefix(username), endkey: `${prefix(username)}\ufff0`, include_docs: true }),
				db.allDocs({ keys: [prefsId(username)], include_docs: true })
			]);
			if (db !== this.#db) return;
			this.#apply([...notes.rows, ...prefs.rows].flatMap((r) => ('doc' in r && r.doc ? [r.doc as unknown as Row] : [])));
			this.#loaded = true;
		} catch (error) {
			// Never started, it would hold every later change of the database in memory.
			follower.stop();
			this.#failure = userMessage(error);
			return;
		}
		follower.start();
	}

	/** Marks one notification read on this device (the same rule the gateway applies runs first); sync takes it up. */
	async markRead(self: Actor, id: string): Promise<void> {
		if (this.#byId.get(id)?.readAt !== null) return;
		const saved = await sync.update<NotificationDoc>(id, (stored) => {
			const old = NotificationDoc.parse(stored);
			const next = markedRead(old, new Date());
			assertWritable(self, old, next);
			return next;
		});
		this.#byId = new Map(this.#byId).set(id, saved);
	}

	/** Marks every unread notification read; returns how many were. */
	async markAllRead(self: Actor): Promise<number> {
		const unread = this.list.filter((n) => n.readAt === null);
		for (const n of unread) await this.markRead(self, n._id);
		return unread.length;
	}

	/** Saves the person's choices, built from what is stored, on this device once the gateway's rule allows them; sync takes them up. */
	async savePrefs(self: Actor, build: (old: NotifyPrefsDoc | null) => NotifyPrefsDoc): Promise<void> {
		const db = this.#db;
		if (!db) throw new Error('Sign in first: there is no local database open.');
		const stored = await db.get(prefsId(self.username)).catch((error: { status?: number }) => {
			if (error.status === 404) return null;
			throw error;
		});
		const old = stored ? NotifyPrefsDoc.parse(stored) : null;
		const next = build(old);
		assertWritable(self, old, next);
		const rev = await sync.put(next);
		this.#prefs = { ...next, _rev: rev };
	}

	/** A document that does not parse is left out rather than shown half-understood. */
	#apply(rows: Row[]): void {
		const username = this.#username;
		if (!username) return;
		let byId: Map<string, NotificationDoc> | null = null;
		for (const row of rows) {
			if (row._id === prefsId(username)) {
				this.#prefs = row._deleted ? null : (NotifyPrefsDoc.safeParse(row).data ?? null);
			} else if (row._id.startsWith(prefix(username))) {
				byId ??= new Map(this.#byId);
				const parsed = row._deleted ? undefined : NotificationDoc.safeParse(row).data;
				if (parsed) byId.set(row._id, parsed);
				else byId.delete(row._id);
			}
		}
		if (byId) this.#byId = byId;
	}
}

export const notify = new NotifyManager();

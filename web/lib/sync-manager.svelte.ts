import { isSessionExpired, isStorageFull, userMessage } from './errors';
import { type LocalDb, openLocalDb, openRemoteDb } from './local-db';
import { forgetFirstScreen } from './first-screen';
import { FirstSyncProgress } from './first-sync-progress.svelte';
import { closeFeed, handOver, openFeed } from './local-feed';
import { PendingChanges } from './pending-changes.svelte';
import { PulledRevisions } from './pulled-revisions';
import { pwa } from './pwa-manager.svelte';
import { REPLICATION, untilServerAnswers } from './reconnect';
import { reconcile, type Refusal, startPush } from './sync-push';

export type { Refusal };

type Replication = PouchDB.Replication.Replication<{}>;
type RequestErrors = { on(event: 'requestError', listener: (error: unknown) => void): void };
type Doc = { _id: string; _rev?: string } & Record<string, unknown>;

const lastSyncKey = (username: string) => `hd:last-sync:${username}`;

/** One person's local database and its live two-way sync with the server's gateway. */
class SyncManager {
	#db = $state.raw<LocalDb | null>(null);
	#remote: LocalDb | null = null;
	#username: string | null = null;
	#replications: Replication[] = [];
	#browserOnline = $state(typeof navigator === 'undefined' || navigator.onLine);
	#reachable = $state(true);
	#transferring = $state.raw(new Set<Replication>());
	#pending = $state.raw<PendingChanges | null>(null);
	#firstSync = new FirstSyncProgress();
	#lastSync = $state<string | null>(null);
	#error = $state<string | null>(null);
	#sessionExpired = $state(false);
	#refusals = $state.raw<Refusal[]>([]);
	#probing = false;
	/**
	 * Revisions the pull just wrote here: the push skips them instead of asking the server whether it lacks
	 * what it just sent (a _revs_diff, a checkpoint read and a checkpoint write per pulled batch: 63 of the 177
	 * requests of a 5,000-ticket first sync, measured by tests/bench/pwa.ts).
	 */
	#pulled = new PulledRevisions();

	/** The device has a network and the server answers. */
	readonly online = $derived(this.#browserOnline && this.#reachable);
	#writing = $state(0);

	/**
	 * Local changes the server has not received yet, a write still being saved included; null while none are counted
	 * (no database open yet, or its list still loading), which may hide unsent work.
	 */
	readonly pendingCount = $derived(this.#pending ? this.#pending.count + this.#writing : null);
	/**
	 * While this person's first sync on this device has not finished (null after): how far it is (0 to 1, null before
	 * the server said how much there is) and how many tickets arrived so far.
	 */
	readonly firstSync = $derived(!this.#db || this.#lastSync ? null : this.#firstSync.value);

	constructor() {
		if (typeof window === 'undefined') return;
		window.addEventListener('online', () => {
			this.#browserOnline = true;
			// Reconnect now rather than at the end of the back-off.
			if (this.#db && !this.#sessionExpired) void this.#restart();
		});
		window.addEventListener('offline', () => (this.#browserOnline = false));
	}

	get db() {
		return this.#db;
	}
	/** Changes are being sent or received right now. */
	get syncing() {
		return this.#transferring.size > 0;
	}
	get lastSync() {
		return this.#lastSync;
	}
	get error() {
		return this.#error;
	}
	get sessionExpired() {
		return this.#sessionExpired;
	}
	get refusals() {
		return this.#refusals;
	}

	/** Opens a person's local database and starts syncing it. */
	async start(username: string): Promise<LocalDb> {
		if (this.#db && this.#username === username) return this.#db;
		await this.stop();
		const db = await openLocalDb(username);
		this.#username = username;
		this.#lastSync = localStorage.getItem(lastSyncKey(username));
		[this.#pending] = await Promise.all([
			PendingChanges.load(db, (error) => {
				if (isStorageFull(error)) pwa.setStorageFull(true);
				else console.error('The list of changes waiting to sync could not be read or saved:', error);
			}),
			// Before the database is handed out and the replication writes to it: the managers follow this one feed. A device
			// whose storage is full cannot open it; the database is still handed out, so saving says plainly why it fails.
			openFeed(db).catch((error) => {
				if (isStorageFull(error)) pwa.setStorageFull(true);
				else console.error('The local changes feed could not start:', error);
			})
		]);
		this.#db = db;
		void this.#replicate();
		return db;
	}

	/** Starts syncing again after the person signed in again. */
	resume(): void {
		this.#sessionExpired = false;
		this.#error = null;
		if (this.#db) void this.#restart();
	}

	/** Stops syncing and closes the database, keeping its data. */
	async stop(): Promise<void> {
		this.#cancel();
		const db = this.#db;
		this.#db = null;
		this.#username = null;
		this.#reset();
		if (db) closeFeed(db);
		// Closing a database that failed to open has nothing left to do.
		await db?.close().catch(() => undefined);
	}

	/** Stops syncing and deletes this person's local database from the device. */
	async destroy(username: string): Promise<void> {
		this.#cancel();
		const db = this.#db && this.#username === username ? this.#db : await openLocalDb(username);
		this.#db = null;
		this.#username = null;
		this.#reset();
		localStorage.removeItem(lastSyncKey(username));
		forgetFirstScreen();
		closeFeed(db);
		await db.destroy();
	}

	/** Saves a document locally and counts it as waiting to sync; returns its new revision. */
	async put(doc: Doc): Promise<string> {
		const db = this.#requireDb();
		let rev: string;
		// Counted from before the write; mark() counts it in the same tick this ends, so a sign-out never sees a gap.
		this.#writing++;
		try {
			({ rev } = await db.put(doc));
			// While the local feed is quiet (a first sync into an empty database), it learns of this write from here.
			handOver(db, [{ ...doc, _rev: rev }]);
		} catch (error) {
			if (isStorageFull(error)) pwa.setStorageFull(true);
			throw error;
		} finally {
			this.#writing--;
		}
		pwa.setStorageFull(false);
		// Never rejects: a failed save of the list is reported through the onError given to PendingChanges.load.
		await this.#pending?.mark(doc._id, rev);
		this.#startPush();
		return rev;
	}

	/** Changes a stored document with `change`, retrying when another write got there first. */
	async update<T extends Doc>(id: string, change: (doc: T) => T): Promise<T> {
		const db = this.#requireDb();
		for (let attempt = 0; ; attempt++) {
			const next = change(await db.get<T>(id));
			try {
				const rev = await this.put(next);
				return { ...next, _rev: rev };
			} catch (error) {
				if ((error as { status?: number }).status !== 409 || attempt >= 4) throw error;
			}
		}
	}

	/** Whether a document has local changes the server has not received yet. */
	isPending(id: string): boolean {
		return this.#pending?.has(id) ?? false;
	}

	/** Forgets the refusals the person has read. */
	dismissRefusals(): void {
		this.#refusals = [];
	}

	#requireDb(): LocalDb {
		if (!this.#db) throw new Error('Sign in first: there is no local database open.');
		return this.#db;
	}

	#reset(): void {
		this.#pending = null;
		this.#pulled = new PulledRevisions();
		this.#firstSync.end();
		this.#lastSync = null;
		this.#error = null;
		this.#sessionExpired = false;
		this.#refusals = [];
		this.#reachable = true;
		this.#transferring = new Set();
	}

	#cancel(): void {
		// A pull stopped before its first pause (a session that ended, a refusal) must still end the quiet first sync, or
		// the local feed would never follow the database (and documents held back to the end would never be shown).
		if (this.#db && this.#replications.length) void this.#pulled.settle(this.#db).catch(() => undefined);
		for (const replication of this.#replications) {
			replication.removeAllListeners();
			replication.cancel();
		}
		this.#replications = [];
		this.#transferring = new Set();
	}

	async #restart(): Promise<void> {
		this.#cancel();
		await this.#replicate();
	}

	async #replicate(): Promise<void> {
		const db = this.#db;
		if (!db) return;
		this.#remote ??= await openRemoteDb();
		const remote = this.#remote;
		if (!this.#lastSync && !this.#firstSync.running) {
			this.#firstSync.begin();
			remote
				.info()
				.then((info) => this.#firstSync.total(info.update_seq))
				.catch((error) => this.#failed(error));
		}
		const pull = db.replicate.from(remote, { ...REPLICATION, batch_size: 250 });
		this.#replications = [pull];
		this.#watch(pull);
		pull.on('change', (info) => {
			void this.#pulled.wrote(db, info.docs);
			this.#reachable = true;
			this.#firstSync.received(info.last_seq, info.docs as { type?: unknown; _deleted?: boolean }[]);
		});
		// A fatal error ends the pull without a pause (PouchDB removes its listeners after this one).
		pull.on('error', () => void this.#pulled.settle(db).catch(() => undefined));
		pull.on('paused', (error) => {
			// The local feed follows the database itself once the pull first stops (caught up, or waiting for the network).
			void this.#pulled.settle(db);
			if (error) this.#failed(error);
			else this.#caughtUp();
		});
		// In a first sync with nothing written here, the push would read back every pulled document beside the pull only
		// to skip it: it starts once the pull has caught up, or at the first write here (put starts it).
		if (this.#lastSync || this.#pending?.count) this.#startPush();
	}

	/** Starts sending this device's changes, once per replication (see #replicate), once the pulled revisions are known. */
	#startPush(): void {
		const db = this.#db;
		const pulled = this.#pulled;
		if (db) void pulled.settle(db).then(() => db === this.#db && pulled === this.#pulled && this.#openPush(db));
	}

	#openPush(db: LocalDb): void {
		const remote = this.#remote;
		const [pull, ...rest] = this.#replications;
		if (!remote || !pull || rest.length) return;
		const push = startPush(db, remote, this.#pulled, () => this.#pending, (refusal) => (this.#refusals = [...this.#refusals, refusal]));
		this.#replications = [pull, push];
		this.#watch(push);
		push.on('paused', (error) => (error ? this.#failed(error) : void reconcile(remote, this.#pending)));
	}

	#watch(replication: Replication): void {
		replication.on('active', () => {
			this.#reachable = true;
			this.#transferring = new Set(this.#transferring).add(replication);
		});
		replication.on('paused', () => this.#idle(replication));
		// Emitted before each retry; @types/pouchdb does not declare it.
		(replication as unknown as RequestErrors).on('requestError', (error) => this.#failed(error));
		replication.on('error', (error) => this.#failed(error));
	}

	#idle(replication: Replication): void {
		const rest = new Set(this.#transferring);
		rest.delete(replication);
		this.#transferring = rest;
	}

	#caughtUp(): void {
		this.#reachable = true;
		this.#error = null;
		this.#firstSync.end();
		this.#lastSync = new Date().toISOString();
		if (this.#username) localStorage.setItem(lastSyncKey(this.#username), this.#lastSync);
		this.#startPush();
	}

	#failed(error: unknown): void {
		if (isStorageFull(error)) {
			// The app-wide storage message says it; the indicator does not repeat it.
			pwa.setStorageFull(true);
			return;
		}
		if (isSessionExpired(error)) {
			// Retrying cannot help until the person signs in again; local data is kept for them.
			this.#sessionExpired = true;
			this.#error = userMessage(error);
			this.#cancel();
			return;
		}
		const status = (error as { status?: number } | null)?.status;
		if (!status || !navigator.onLine) {
			this.#reachable = false;
			void this.#probe();
			return;
		}
		this.#error = userMessage(error);
	}

	/** Finds out when the server answers again (see untilServerAnswers). */
	async #probe(): Promise<void> {
		if (this.#probing) return;
		this.#probing = true;
		try {
			if (await untilServerAnswers(() => this.#reachable || !this.#db)) this.#reachable = true;
		} finally {
			this.#probing = false;
		}
	}
}

export const sync = new SyncManager();

import { version } from '$app/environment';
import { isStaff } from '$core/access';
import { Building, Category, KbArticle, Ticket, UserProfile } from '$core/schemas';
import { CallDoc, PHONE_LINE_ID, PhoneLineDoc, VoicemailDoc } from '$core/telephony/docs';
import { isStorageFull, userMessage } from './errors';
import { FirstScreenKeeper, readFirstScreen, readRememberedFirstScreen } from './first-screen';
import type { LocalDb } from './local-db';
import { type Follower, follow } from './local-feed';
import { afterPaint } from './paint';
import { ParsedRevisions, sameJson } from './parsed-revisions';
import { pwa } from './pwa-manager.svelte';

type Row = { _id: string; _deleted?: boolean } & Record<string, unknown>;

const KINDS = {
	ticket: Ticket,
	building: Building,
	category: Category,
	user: UserProfile,
	kb: KbArticle,
	voicemail: VoicemailDoc,
	call: CallDoc,
	'phone-line': PhoneLineDoc
} as const;
type Kind = keyof typeof KINDS;

const kindOf = (id: string): Kind | null => {
	const prefix = id.slice(0, id.indexOf(':'));
	return prefix in KINDS ? (prefix as Kind) : null;
};

const generation = (doc: unknown) => parseInt(String((doc as { _rev?: string } | undefined)?._rev ?? '0'), 10) || 0;

/** The documents on this device, kept current from the local database's changes feed. */
class DataManager {
	#tickets = $state.raw(new Map<string, Ticket>());
	#buildings = $state.raw(new Map<string, Building>());
	#categories = $state.raw(new Map<string, Category>());
	#people = $state.raw(new Map<string, UserProfile>());
	#kb = $state.raw(new Map<string, KbArticle>());
	#voicemails = $state.raw(new Map<string, VoicemailDoc>());
	#calls = $state.raw(new Map<string, CallDoc>());
	#phoneLine = $state.raw(new Map<string, PhoneLineDoc>());
	#loaded = $state(false);
	#firstScreen = $state.raw<Ticket[]>([]);
	#firstScreenKept: FirstScreenKeeper | null = null;
	/** What showRemembered showed, checked, until the database it was copied from is attached. */
	#shownCopy: { dbName: string; tickets: Ticket[]; buildings: Map<string, Building>; people: Map<string, UserProfile> } | null = null;
	#failure = $state<string | null>(null);
	#follower: Follower | null = null;
	#db: LocalDb | null = null;
	#parsed: ParsedRevisions | null = null;

	readonly tickets = $derived([...this.#tickets.values()]);
	readonly buildings = $derived([...this.#buildings.values()].sort((a, b) => a.name.localeCompare(b.name)));
	readonly categories = $derived([...this.#categories.values()].filter((c) => c.active).sort((a, b) => a.name.localeCompare(b.name)));
	readonly people = $derived([...this.#people.values()]);
	readonly kb = $derived([...this.#kb.values()]);
	/** The voicemails this device may play: every one for a coordinator, those of their tickets for a technician. */
	readonly voicemails = $derived([...this.#voicemails.values()]);
	/** The call log this person sees (coordinators: every call; a technician: the calls they answered). */
	readonly calls = $derived([...this.#calls.values()]);
	/** The phone line's set-up, once it has synced (technology staff only). */
	readonly phoneLine = $derived(this.#phoneLine.get(PHONE_LINE_ID) ?? null);
	/** Active technology staff by name: who a ticket can be given or escalated to. */
	readonly staff = $derived(this.people.filter((p) => isStaff(p) && p.active).sort((a, b) => a.name.localeCompare(b.name)));

	/** The local database has been read once. */
	get loaded() {
		return this.#loaded;
	}
	/**
	 * Until the database has been read whole: the tickets the home page showed first last time, as stored now and
	 * checked against their schemas (read before the rest, so a cold start shows its first rows at once).
	 */
	get firstScreen() {
		return this.#firstScreen;
	}
	/** Why the local database could not be read, in words for the person. */
	get failure() {
		return this.#failure;
	}

	/** A ticket by its number, if it is on this device. */
	ticket(number: string): Ticket | undefined {
		return this.#tickets.get(`ticket:${number}`);
	}
	building(code: string): Building | undefined {
		return this.#buildings.get(`building:${code}`);
	}
	category(code: string): Category | undefined {
		return this.#categories.get(`category:${code}`);
	}
	person(username: string): UserProfile | undefined {
		return this.#people.get(`user:${username}`);
	}

	/** Names to show; the code or username itself when the document is not on this device. */
	personName = (username: string): string => this.person(username)?.name ?? username;
	buildingName = (code: string): string => this.building(code)?.name ?? code;
	categoryName = (code: string): string => this.category(code)?.name ?? code;

	/** Shows a document this device just saved at once, before the changes feed reports it. */
	remember(doc: Ticket | KbArticle | VoicemailDoc | PhoneLineDoc): void {
		if (doc.type === 'ticket') this.#tickets = new Map(this.#tickets).set(doc._id, doc);
		else if (doc.type === 'voicemail') this.#voicemails = new Map(this.#voicemails).set(doc._id, doc);
		else if (doc.type === 'phone-line') this.#phoneLine = new Map(this.#phoneLine).set(doc._id, doc);
		else this.#kb = new Map(this.#kb).set(doc._id, doc);
	}

	/** A help article by its id, if it is on this device. */
	article(id: string): KbArticle | undefined {
		return this.#kb.get(id);
	}

	/** Reads a database and follows its changes; call again when the signed-in person changes. */
	async attach(db: LocalDb | null): Promise<void> {
		if (db === this.#db) return;
		this.#follower?.stop();
		this.#follower = null;
		this.#db = db;
		const shown = this.#shownCopy?.dbName === db?.name ? this.#shownCopy : null;
		this.#clear();
		if (!db) return;
		const follower = (this.#follower = follow(db, (doc) => this.#queue(doc)));
		// Only a head start: the copy shown when the session was restored (already checked), else the copy or the ids
		// remembered in the database; without either, the whole read shows everything.
		if (shown) {
			this.#firstScreen = shown.tickets;
			this.#buildings = shown.buildings;
			this.#people = shown.people;
		} else {
			const copied = readFirstScreen(db.name);
			const first = copied.length ? copied : await readRememberedFirstScreen(db).catch(() => []);
			if (db !== this.#db) return;
			this.#showFirst(first);
		}
		// The whole read starts now and runs while the first rows are painted.
		const whole = Promise.all([db.allDocs({ include_docs: true }), ParsedRevisions.load(db, version)]);
		whole.catch(() => undefined);
		// The first rows are painted before applying everything takes the main thread (a hidden page paints nothing).
		if (this.#firstScreen.length) {
			await afterPaint();
			if (db !== this.#db) return;
		}
		let all: PouchDB.Core.AllDocsResponse<{}>;
		let parsed: ParsedRevisions;
		try {
			[all, parsed] = await whole;
		} catch (error) {
			if (isStorageFull(error)) pwa.setStorageFull(true);
			// Never started, it would hold every later change of the database in memory.
			follower.stop();
			this.#failure = userMessage(error);
			// The remembered rows would open onto a ticket that never arrives: the reason is shown alone.
			this.#firstScreen = [];
			return;
		}
		if (db !== this.#db) return;
		this.#parsed = parsed;
		// From the database alone: a building or person the first rows' copy named may be gone from it since.
		this.#emptyMaps();
		this.#apply(all.rows.flatMap((r) => (r.doc ? [r.doc as unknown as Row] : [])));
		this.#loaded = true;
		this.#firstScreen = [];
		this.#firstScreenKept = new FirstScreenKeeper(db);
		follower.start();
	}

	/**
	 * Shows the first rows copied from a database before it is even opened (a cold start); false when there is no copy.
	 * The database's attach shows them again, then the whole read replaces them.
	 */
	showRemembered(dbName: string): boolean {
		if (this.#db) return false;
		this.#clear();
		this.#showFirst(readFirstScreen(dbName));
		if (!this.#firstScreen.length) return false;
		// The database's attach takes these as they are rather than reading and checking the copy again.
		this.#shownCopy = { dbName, tickets: this.#firstScreen, buildings: this.#buildings, people: this.#people };
		return true;
	}

	/** The database could not be opened: the first rows shown from its copy go, and the reason is shown instead. */
	failedToOpen(error: unknown): void {
		if (this.#db) return;
		this.#shownCopy = null;
		this.#firstScreen = [];
		this.#failure = userMessage(error);
	}

	/** The first screen's tickets on their own; the buildings and people their rows name go where the whole read puts them. */
	#showFirst(rows: Row[]): void {
		this.#apply(rows.filter((row) => kindOf(row._id) !== 'ticket'));
		const tickets = rows.filter((row) => kindOf(row._id) === 'ticket').map((row) => this.#parse('ticket', row) as Ticket | null);
		this.#firstScreen = tickets.filter((t) => t !== null);
	}

	/**
	 * Remembers which tickets the home page shows first, for the next cold start to read before the rest. Call it with
	 * what the page shows; nothing is remembered before the database is read whole.
	 */
	keepFirstScreen(ids: readonly string[]): void {
		this.#firstScreenKept?.keep(ids);
	}

	#queued: Row[] = [];
	#flushTimer: ReturnType<typeof setTimeout> | null = null;

	/**
	 * Changes arrive one document at a time (5,000 in a first sync); applying each copies a map, so they are applied
	 * together at most every 100 ms.
	 */
	#queue(row: Row): void {
		this.#queued.push(row);
		this.#flushTimer ??= setTimeout(() => {
			this.#flushTimer = null;
			const rows = this.#queued;
			this.#queued = [];
			this.#apply(rows);
			// A building or a person a row names may have changed, or a write dropped the copy: it is saved again.
			this.#firstScreenKept?.refresh();
		}, 100);
	}

	#clear(): void {
		// Not saved now: the database may be on its way out (sign-out), and the cache only saves work.
		this.#parsed?.cancel();
		this.#parsed = null;
		if (this.#flushTimer) clearTimeout(this.#flushTimer);
		this.#flushTimer = null;
		this.#queued = [];
		this.#firstScreenKept?.cancel();
		this.#firstScreenKept = null;
		this.#shownCopy = null;
		this.#firstScreen = [];
		this.#emptyMaps();
		this.#loaded = false;
		this.#failure = null;
	}

	#emptyMaps(): void {
		this.#tickets = new Map();
		this.#buildings = new Map();
		this.#categories = new Map();
		this.#people = new Map();
		this.#kb = new Map();
		this.#voicemails = new Map();
		this.#calls = new Map();
		this.#phoneLine = new Map();
	}

	#apply(rows: Row[]): void {
		const next: Partial<Record<Kind, Map<string, unknown>>> = {};
		for (const row of rows) {
			const kind = kindOf(row._id);
			if (!kind) continue;
			const map = (next[kind] ??= new Map(this.#mapOf(kind)));
			// A queued change may be older than what this device just saved and remembered.
			if (generation(map.get(row._id)) > generation(row)) continue;
			// A document that does not parse is left out rather than shown half-understood.
			if (row._deleted) this.#parsed?.forget(row._id);
			const parsed = row._deleted ? null : this.#parse(kind, row);
			if (parsed) map.set(row._id, parsed);
			else map.delete(row._id);
		}
		if (next.ticket) this.#tickets = next.ticket as Map<string, Ticket>;
		if (next.building) this.#buildings = next.building as Map<string, Building>;
		if (next.category) this.#categories = next.category as Map<string, Category>;
		if (next.user) this.#people = next.user as Map<string, UserProfile>;
		if (next.kb) this.#kb = next.kb as Map<string, KbArticle>;
		if (next.voicemail) this.#voicemails = next.voicemail as Map<string, VoicemailDoc>;
		if (next.call) this.#calls = next.call as Map<string, CallDoc>;
		if (next['phone-line']) this.#phoneLine = next['phone-line'] as Map<string, PhoneLineDoc>;
	}

	/**
	 * The document as its schema reads it, or null when it does not parse. A revision this build's schema gave back
	 * unchanged before is taken as it is: parsing every ticket again made most of a cold start's time.
	 */
	#parse(kind: Kind, row: Row): unknown {
		const rev = typeof row._rev === 'string' ? row._rev : null;
		if (rev && this.#parsed?.has(row._id, rev)) return row;
		const parsed = KINDS[kind].safeParse(row);
		if (!parsed.success) {
			this.#parsed?.forget(row._id);
			return null;
		}
		if (rev && sameJson(parsed.data, row)) this.#parsed?.add(row._id, rev);
		return parsed.data;
	}

	#mapOf(kind: Kind): Map<string, unknown> {
		const maps = { ticket: this.#tickets, building: this.#buildings, category: this.#categories, user: this.#people, kb: this.#kb };
		return { ...maps, voicemail: this.#voicemails, call: this.#calls, 'phone-line': this.#phoneLine }[kind];
	}
}

export const data = new DataManager();

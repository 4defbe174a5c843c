import type { Db } from '../../server/store';

type Written = { ok: true; id: string; rev: string };
type Refused = { error: true; id?: string; status?: number; name?: string; message?: string };
type Waiting = { doc: Record<string, unknown>; settle: (result: Written | Refused) => void; fail: (error: unknown) => void; since: number };

const MAX_GROUP = 200;
// A background group is kept small, so that a write an answer waits for is never long behind one.
const MAX_BACKGROUND_GROUP = 16;
const HOLD_MS = 1_000;

export interface GroupedPutsOptions {
	/** Resolves once no answer waits on the store, or after `maxWaitMs` at the latest. */
	quiet?: (maxWaitMs: number) => Promise<void>;
	/** The longest a background write is held, counted from when it was asked for (1 s by default). */
	holdMs?: number;
	/** A monotonic clock in milliseconds (performance.now by default). */
	now?: () => number;
}

/** The one store seen through two lanes: writes an answer waits for, and the rest. */
export interface GroupedStore {
	/** Writes a caller is waiting for (a number's claim, a ticket): they go before every background write not yet sent. */
	urgent: Db;
	/** Everything else (call log, voicemail documents, jobs): held while `quiet` says answers wait on the store. */
	background: Db;
}

/**
 * The store with its writes in groups: while one group is being written, the puts asked for meanwhile wait and go
 * together as the next bulkDocs. The embedded store writes one request at a time, so 50 callers' tickets filed at once
 * would otherwise queue 50 writes behind one another. Urgent writes go first, each group of them alone; background
 * writes wait for `quiet`, never longer than `holdMs` after the oldest of them was asked for, and go in small groups. A put answers as it would alone: its revision,
 * or the store's error (409 when it meets another write); a bulkDocs answers each document's result, as the store does.
 */
export function groupedPuts(db: Db, options: GroupedPutsOptions = {}): GroupedStore {
	const now = options.now ?? (() => performance.now());
	const holdMs = options.holdMs ?? HOLD_MS;
	const urgent: Waiting[] = [];
	const background: Waiting[] = [];
	let busy = false;
	// Set while background writes are held: an urgent write arriving then is sent at once.
	let wake: (() => void) | null = null;

	const write = async (group: Waiting[]) => {
		try {
			const results = await db.bulkDocs(group.map((w) => w.doc));
			results.forEach((result, i) => group[i].settle(result as Written | Refused));
		} catch (error) {
			for (const w of group) w.fail(error);
		}
	};
	const hold = async () => {
		// The deadline is the oldest held write's: an urgent write ends a hold, and the next hold only waits out the rest.
		const left = holdMs - (now() - background[0].since);
		if (!options.quiet || left <= 0) return;
		await Promise.race([options.quiet(left), new Promise<void>((done) => (wake = done))]);
		wake = null;
	};
	const flush = async () => {
		if (busy) return;
		busy = true;
		try {
			for (;;) {
				if (urgent.length > 0) await write(urgent.splice(0, MAX_GROUP));
				else if (background.length > 0) {
					await hold();
					if (urgent.length === 0) await write(background.splice(0, MAX_BACKGROUND_GROUP));
				} else return;
			}
		} finally {
			busy = false;
		}
	};
	const enqueue = (lane: Waiting[], entries: Omit<Waiting, 'since'>[]) => {
		const since = now();
		lane.push(...entries.map((entry) => ({ ...entry, since })));
		if (lane === urgent && wake) wake();
		void flush();
	};

	const put = (lane: Waiting[]) => (doc: Record<string, unknown>) =>
		new Promise<Written>((done, fail) =>
			enqueue(lane, [
				{
					doc,
					fail,
					settle: (result) => {
						if ('ok' in result && result.ok) return done({ ok: true, id: result.id, rev: result.rev });
						const refused = result as Refused;
						fail(Object.assign(new Error(refused.message ?? `writing ${String(doc._id)} failed`), { status: refused.status, name: refused.name ?? 'error' }));
					}
				}
			])
		);
	const bulkDocs = (lane: Waiting[]) => (docs: Record<string, unknown>[] | { docs: Record<string, unknown>[] }, ...rest: unknown[]) => {
		// Options (new_edits and the like) ask for the store's own behaviour: passed through as they are.
		if (rest.length > 0) return (db.bulkDocs as (...args: unknown[]) => unknown)(docs, ...rest);
		const list = Array.isArray(docs) ? docs : docs.docs;
		const entries: Omit<Waiting, 'since'>[] = [];
		const results = list.map((doc) => new Promise<Written | Refused>((settle, fail) => entries.push({ doc, settle, fail })));
		enqueue(lane, entries);
		return Promise.all(results);
	};

	const view = (lane: Waiting[]): Db => {
		const methods: Record<string | symbol, unknown> = { put: put(lane), bulkDocs: bulkDocs(lane) };
		return new Proxy(db, {
			get(target, property) {
				if (property in methods) return methods[property];
				const value = Reflect.get(target, property, target);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
	};
	return { urgent: view(urgent), background: view(background) };
}

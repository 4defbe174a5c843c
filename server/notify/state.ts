import { z } from 'zod';
import { type Db, getOrNull } from '../store';

// A local document keeps no revision tree: it is saved after every batch of changes, for the life of the server.
const CHECKPOINT_ID = '_local/notify-checkpoint';

/** Where the notifier stands in the main store's changes, and the instant before which nothing is ever sent. */
const Checkpoint = z.object({ seq: z.union([z.string(), z.number()]), since: z.iso.datetime() });
export type Checkpoint = z.infer<typeof Checkpoint>;

const isConflict = (error: unknown): boolean => (error as { status?: number }).status === 409;

/** Writes a document that must exist once; false when it already did (a conflict: written before, here or elsewhere). */
export async function createOnce(db: Db, doc: { _id: string } & Record<string, unknown>): Promise<boolean> {
	try {
		await db.put(doc);
		return true;
	} catch (error) {
		if (isConflict(error)) return false;
		throw error;
	}
}

/**
 * The notifier's checkpoint in the private database. The first start records the store's current sequence and `now`
 * as the cutoff, so a fresh server (or one just upgraded) never tells of what happened before it ran.
 */
export async function readCheckpoint(db: Db, main: Db, now: number): Promise<{ checkpoint: Checkpoint; fresh: boolean }> {
	for (;;) {
		const raw = await getOrNull<{ _rev: string }>(db, CHECKPOINT_ID);
		const stored = Checkpoint.safeParse(raw);
		if (stored.success) return { checkpoint: stored.data, fresh: false };
		const checkpoint = { seq: (await main.info()).update_seq, since: new Date(now).toISOString() };
		// A second instance starting at the same moment may have written it first: theirs stands (read it again).
		if (await createOnce(db, { _id: CHECKPOINT_ID, ...(raw ? { _rev: raw._rev } : {}), ...checkpoint })) return { checkpoint, fresh: true };
	}
}

/** Moves the checkpoint to `seq`, keeping its cutoff; a concurrent write by another instance is overwritten. */
export async function saveCheckpoint(db: Db, checkpoint: Checkpoint): Promise<void> {
	for (let attempt = 0; attempt < 5; attempt++) {
		const current = await getOrNull<{ _rev: string }>(db, CHECKPOINT_ID);
		try {
			await db.put({ _id: CHECKPOINT_ID, ...(current ? { _rev: current._rev } : {}), ...checkpoint });
			return;
		} catch (error) {
			if (!isConflict(error)) throw error;
		}
	}
}

/** What of an outage the notifier has told people: its notes (time and author) and when service was restored. */
const OutageSeen = z.object({ progress: z.array(z.object({ at: z.string(), by: z.string() })), restoredAt: z.string().nullable() });
type OutageSeen = z.infer<typeof OutageSeen>;

const outageSeenId = (outageId: string) => `notify:seen:${outageId}`;

/** What of the outage was handled before, or null when nothing was (or the record does not parse). */
export async function readOutageSeen(db: Db, outageId: string): Promise<OutageSeen | null> {
	const parsed = OutageSeen.safeParse(await getOrNull(db, outageSeenId(outageId)));
	return parsed.success ? parsed.data : null;
}

/** Records that the outage's notes and restoration so far were handled; a concurrent write by another instance stands. */
export async function saveOutageSeen(db: Db, outage: { _id: string; progress: readonly { at: string; by: string }[]; restoredAt: string | null }): Promise<void> {
	const current = await getOrNull<{ _rev: string }>(db, outageSeenId(outage._id));
	const seen: OutageSeen = { progress: outage.progress.map(({ at, by }) => ({ at, by })), restoredAt: outage.restoredAt };
	try {
		await db.put({ _id: outageSeenId(outage._id), ...(current ? { _rev: current._rev } : {}), ...seen });
	} catch (error) {
		if (!isConflict(error)) throw error;
	}
}

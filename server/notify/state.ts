import { z } from 'zod';
import { type Db, getOrNull } from '../store';

const CHECKPOINT_ID = 'notify:checkpoint';

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
	const stored = Checkpoint.safeParse(await getOrNull(db, CHECKPOINT_ID));
	if (stored.success) return { checkpoint: stored.data, fresh: false };
	const checkpoint = { seq: (await main.info()).update_seq, since: new Date(now).toISOString() };
	// A second instance starting at the same moment may have written it first: theirs stands.
	if (await createOnce(db, { _id: CHECKPOINT_ID, ...checkpoint })) return { checkpoint, fresh: true };
	return readCheckpoint(db, main, now);
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

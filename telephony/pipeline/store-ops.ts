import type { z } from 'zod';
import { type Db, getOrNull } from '../../server/store';

const isConflict = (error: unknown): boolean => (error as { status?: number }).status === 409;
const ATTEMPTS = 10;

/**
 * Changes a stored document: reads it, parses it with `schema`, and writes what `change` returns (nothing when it returns
 * null, or when the document is missing or does not parse). A write that meets another (409) reads again and retries.
 * `known`, the document as just read or written with its revision (and attachment stubs), saves the first read: when it
 * is stale, the write meets the stored one and the document is read. Returns the document as written or found, or null
 * when there is none.
 */
export async function updateDoc<T extends { _id: string; _rev?: string }>(
	db: Db,
	id: string,
	schema: z.ZodType<T>,
	change: (doc: T) => NoInfer<T> | null,
	known?: Record<string, unknown> | null
): Promise<T | null> {
	for (let attempt = 1; ; attempt++) {
		const fromKnown = attempt === 1 && typeof known?._rev === 'string';
		const raw = fromKnown ? known : await getOrNull<Record<string, unknown>>(db, id);
		const parsed = schema.safeParse(raw);
		const next = parsed.success ? change(parsed.data) : null;
		// Nothing to write by a copy that may be stale: the stored document decides.
		if (fromKnown && !next) continue;
		if (!raw || !parsed.success) return null;
		if (!next) return parsed.data;
		try {
			// Attachment stubs are carried as stored: a write that leaves them out would drop the audio.
			const written: Record<string, unknown> = { ...next, _rev: raw._rev as string, ...(raw._attachments && !('_attachments' in next) ? { _attachments: raw._attachments } : {}) };
			// `_attachments: undefined` asks for the files to go (the audio's retention).
			if (written._attachments === undefined) delete written._attachments;
			const result = await db.put(written);
			return { ...next, _rev: result.rev };
		} catch (error) {
			if (!isConflict(error) || attempt >= ATTEMPTS) throw error;
		}
	}
}

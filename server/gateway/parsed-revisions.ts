import { ReplicatedDoc } from '../../core/schemas';
import { trimOldest } from './bounded-map';

/** How many parsed revisions are kept: the shared feed's memory (20,000 changes), so live clients, a pull's _bulk_get and the next device's pull of the same documents hit (about 1 KB each for a 1 KB ticket). */
const CAPACITY = 20_000;

const parsed = new Map<string, ReplicatedDoc | null>();

/**
 * A document read from the store, parsed with core's schema (null when it does not parse). A revision's content never
 * changes once stored, so each is parsed once: a pull judges every document in _changes and again in _bulk_get, and
 * every live client judges each change of the shared feed. Only documents read from the store may be passed here: a
 * write's content is not stored until accepted, and must be parsed on its own.
 */
export function parseStored(doc: unknown): ReplicatedDoc | null {
	const { _id: id, _rev: rev } = (doc ?? {}) as { _id?: unknown; _rev?: unknown };
	if (typeof id !== 'string' || typeof rev !== 'string' || carriesAttachmentData(doc)) return parseOrNull(doc);
	const key = `${id}\n${rev}`;
	const known = parsed.get(key);
	if (known !== undefined) return known;
	const result = parseOrNull(doc);
	parsed.set(key, result);
	trimOldest(parsed, CAPACITY);
	return result;
}

/**
 * Remembers the parse of a revision the store has just accepted exactly as parsed (a replicated revision, stored under
 * its own id and revision with no attachment), so that reading it back (the shared feed's listeners, the next pull)
 * does not parse it again. Call it only once the store answered that it holds this revision.
 */
export function rememberWritten(doc: ReplicatedDoc & { _id: string; _rev?: string }): void {
	if (typeof doc._rev !== 'string' || doc._attachments) return;
	const key = `${doc._id}\n${doc._rev}`;
	if (parsed.has(key)) return;
	parsed.set(key, doc);
	trimOldest(parsed, CAPACITY);
}

/** Whether a read brought attachment bodies (`attachments=true`): megabytes that must not stay in memory. */
function carriesAttachmentData(doc: unknown): boolean {
	const attachments = (doc as { _attachments?: unknown })._attachments;
	if (!attachments || typeof attachments !== 'object') return false;
	return Object.values(attachments).some((stub) => typeof stub === 'object' && stub !== null && 'data' in stub);
}

function parseOrNull(doc: unknown): ReplicatedDoc | null {
	const result = ReplicatedDoc.safeParse(doc);
	return result.success ? result.data : null;
}

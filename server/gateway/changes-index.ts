import { actorKeys } from '../../core/scope-keys';
import type { Db } from '../store';
import type { ChangesQuery, ChangesResult } from './changes';
import { changeRow, ClientLeft } from './changes';
import { yieldToOthers } from './limits';
import { asSeenBy } from './reads';
import { type ViewedChange, viewChange, viewEntry, type Viewer } from './scope';
import type { IndexEntry, ScopeIndex } from './scope-index';
import { matchesSelector } from './selector';

/** How many index entries are judged between two yields to the event loop. */
const WALK_CHUNK = 2000;
/** The fewest entries a keyed walk takes a pass, however few rows its page still needs. */
export const WALK_MIN = 256;

type Stored = Record<string, unknown> & { _rev?: string };

/** An old tombstone still being looked up: judged from the store, as before the index. */
function judgeFromStore(db: Db, viewer: Viewer, entry: IndexEntry): Promise<ViewedChange | null> {
	return viewChange(db, viewer, { id: entry.id, changes: [{ rev: entry.rev }], deleted: true });
}

/** The current bodies of the documents the viewer gets, read in one batch (only for include_docs or a selector). */
async function bodiesOf(db: Db, seen: ViewedChange[]): Promise<Map<string, Stored>> {
	const keys = seen.filter((view) => !view.deleted).map((view) => view.id);
	if (keys.length === 0) return new Map();
	const { rows } = await db.allDocs({ keys, include_docs: true });
	const bodies = new Map<string, Stored>();
	for (const row of rows) if ('doc' in row && row.doc) bodies.set(row.id, row.doc as Stored);
	return bodies;
}

/**
 * The viewer's changes after `since`, from the scope index: the same rows a read of the store's history gives (each
 * document once, at its latest sequence), judged by core's rule from each document's facts. Bodies are read only for
 * include_docs or a selector, and only of the documents the viewer gets. `last_seq` is where the index ended when the
 * walk reached its end: a change arriving meanwhile comes after it.
 */
export async function indexedChanges(db: Db, index: ScopeIndex, viewer: Viewer, query: ChangesQuery & { since: number }, signal?: AbortSignal): Promise<ChangesResult> {
	const results: ChangesResult['results'] = [];
	const withBodies = query.includeDocs || query.selector !== null;
	let cursor = query.since;
	// Only the documents filed under the viewer's keys, or under no key, can reach them (core's scope keys); every one walked is still judged.
	const keys = actorKeys(viewer.actor, viewer.formerBuildings);
	for (;;) {
		if (signal?.aborted) throw new ClientLeft();
		// Without bodies or a selector nearly every entry a keyed walk finds is sent: walk little further than the page
		// needs, but never fewer than WALK_MIN a pass (entries it skips, e.g. a person's tickets closed long ago, would each
		// cost a turn of the event loop near the end of a page). Judging stops at the page's end whatever was walked.
		const wanted = withBodies ? WALK_CHUNK : Math.min(WALK_CHUNK, Math.max(WALK_MIN, query.limit - results.length));
		const slice = query.docIds ? index.afterForIds(cursor, query.docIds) : index.afterFor(cursor, keys, keys ? wanted : WALK_CHUNK);
		const seen: { seq: number; view: ViewedChange }[] = [];
		for (const entry of slice.entries) {
			const view = entry.pending ? await judgeFromStore(db, viewer, entry) : viewEntry(viewer, entry);
			if (view) seen.push({ seq: entry.seq, view });
			// Without bodies or a selector every row judged in is sent: judge no further than the page needs.
			if (!withBodies && results.length + seen.length >= query.limit) break;
		}
		const bodies = withBodies ? await bodiesOf(db, seen.map(({ view }) => view)) : null;
		for (const { seq, view } of seen) {
			let doc = view.doc;
			if (bodies && !view.deleted) {
				const body = bodies.get(view.id);
				// Changed since the walk: the newer revision has a later sequence, which a continuation reads.
				if (!body || body._rev !== view.rev) continue;
				doc = asSeenBy(viewer, body);
			}
			// A selector sees only what the viewer is sent, so it cannot probe fields hidden from them.
			if (query.selector && !(doc && matchesSelector(doc, query.selector))) continue;
			results.push(changeRow(seq, view, query.includeDocs, doc));
			if (results.length >= query.limit) return { results, last_seq: seq };
		}
		if (slice.end) return { results, last_seq: slice.lastSeq };
		cursor = slice.entries.at(-1)?.seq ?? slice.lastSeq;
		await yieldToOthers();
	}
}

import { refuse, type Refusal } from '../refusal';
import type { Actor } from '../roles';
import type { OutageDoc, OutageNote } from './outage';
import { canWriteOutage } from './outage-write';

const noteKey = (note: OutageNote) => `${note.at}\u0000${note.by}\u0000${note.text}`;

/** Notes in time order (instants, not strings), then by author and text, so every replica lists them alike. */
function compareNotes(a: OutageNote, b: OutageNote): number {
	const byTime = Date.parse(a.at) - Date.parse(b.at);
	if (byTime !== 0) return byTime;
	const ka = noteKey(a);
	const kb = noteKey(b);
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Revision order as CouchDB picks a winner: the longer history, then the greater hash. */
function compareRevs(a: string | undefined, b: string | undefined): number {
	const [ga, ha] = (a ?? '0-').split('-');
	const [gb, hb] = (b ?? '0-').split('-');
	return Number(gb) - Number(ga) || (hb < ha ? -1 : hb > ha ? 1 : 0);
}

/**
 * Merges concurrent versions of one outage (two coordinators adding progress notes offline): the union of the notes in
 * time order, the earliest "service restored", the union of linked tickets; services, buildings and description from
 * the winning revision (the first of `versions` when none carries a revision). Loses no note and no link.
 */
export function mergeOutages(versions: readonly OutageDoc[]): OutageDoc {
	if (versions.length === 0) throw new Error('nothing to merge');
	const winner = versions.some((v) => v._rev) ? [...versions].sort((a, b) => compareRevs(a._rev, b._rev))[0] : versions[0];
	const notes = new Map<string, OutageNote>();
	for (const note of versions.flatMap((v) => v.progress)) notes.set(noteKey(note), note);
	const restored = versions.filter((v) => v.restoredAt !== null).sort((a, b) => Date.parse(a.restoredAt!) - Date.parse(b.restoredAt!))[0];
	const tickets = [...new Set(versions.flatMap((v) => v.tickets))].sort();
	const { _rev: _r, _revisions: _rs, _conflicts: _c, ...rest } = winner;
	return {
		...rest,
		progress: [...notes.values()].sort(compareNotes),
		restoredAt: restored?.restoredAt ?? null,
		restoredBy: restored?.restoredBy ?? null,
		tickets
	};
}

/**
 * Whether a version made offline may join the outage as it is now: what the merge of the two adds to the current version
 * must be a change the actor may make (their own notes, before service was restored). Null when allowed.
 */
export function canJoinOutage(actor: Actor, current: OutageDoc, next: OutageDoc, now: Date): Refusal | null {
	if (current.declaredAt !== next.declaredAt || current.declaredBy !== next.declaredBy)
		return refuse('fixed-field', 'When and by whom an outage was declared cannot change.');
	const merged = mergeOutages([current, next]);
	const added = merged.progress.filter((n) => !current.progress.some((c) => c.at === n.at && c.by === n.by && c.text === n.text));
	return canWriteOutage(actor, current, { ...merged, progress: [...current.progress, ...added] }, now);
}

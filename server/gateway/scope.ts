import { createHash } from 'node:crypto';
import { deviceView, deviceViewOfFacts, type Actor } from '../../core/access';
import { DeletionScope, hearsOfDeletion } from '../../core/deletion';
import type { Db } from '../store';
import { remembered } from './bounded-map';
import { parseStored } from './parsed-revisions';
import { removalRev } from './revs';
import type { IndexEntry } from './scope-index';

/** The caller of one gateway request: who they are and what they covered before. */
export interface Viewer {
	actor: Actor;
	formerBuildings: string[];
	now: Date;
	closedWindowDays: number;
}

const WEEK_MS = 7 * 86_400_000;

/** How many scope keys and rollover offsets are remembered: every _local and longpoll request names its scope. */
const KEYS_KEPT = 20_000;
const offsets = new Map<string, number>();
const keys = new Map<string, string>();

/** Where in the week a person's checkpoints roll over, derived from their name so devices do not all re-pull at once. */
function rolloverOffset(username: string): number {
	return remembered(offsets, username, KEYS_KEPT, (name) => createHash('sha256').update(name).digest().readUInt32BE(0) % WEEK_MS);
}

/**
 * Names the caller's scope for checkpoints. It changes when their access (or what they must drop) changes, and once a week so
 * that tickets which aged out of the closed window are removed from devices: the re-pull sends their removals, which holds
 * while the week is shorter than core's REMOVAL_GRACE_DAYS. Each person's week starts at their own moment (rolloverOffset).
 */
export function scopeKey(viewer: Viewer): string {
	const { username, role, kind, buildings } = viewer.actor;
	const week = Math.floor((viewer.now.getTime() + rolloverOffset(username)) / WEEK_MS);
	const named = [username, role, kind, [...buildings].sort().join(','), viewer.formerBuildings.join(','), viewer.closedWindowDays, week].join('|');
	return remembered(keys, named, KEYS_KEPT, (text) => createHash('sha256').update(text).digest('hex').slice(0, 16));
}

/** What a device should do with a document read from the store (see core's deviceView). */
export function viewOf(viewer: Viewer, doc: unknown): 'send' | 'remove' | 'skip' {
	const parsed = parseStored(doc);
	if (!parsed) return 'skip';
	return deviceView(viewer.actor, parsed, viewer.now, viewer.closedWindowDays, viewer.formerBuildings);
}

/** The last live version of a deleted document, to decide who may hear of the deletion. */
export async function versionBeforeDeletion(db: Db, id: string, deletedRev: string): Promise<unknown> {
	try {
		const tombstone = await db.get(id, { rev: deletedRev, revs: true });
		const revisions = tombstone._revisions;
		if (!revisions || revisions.ids.length < 2) return null;
		return await db.get(id, { rev: `${revisions.start - 1}-${revisions.ids[1]}` });
	} catch {
		return null;
	}
}

/**
 * Whether the viewer must hear of a deletion. The tombstone keeps who could hold the document; tombstones written before
 * it did are judged by the version before them, which compaction may have removed.
 */
async function hearsOf(db: Db, viewer: Viewer, id: string, rev: string, tombstone: Record<string, unknown> | undefined): Promise<boolean> {
	const scope = DeletionScope.safeParse(tombstone?.deletion);
	if (scope.success) return hearsOfDeletion(viewer.actor, scope.data, viewer.now, viewer.closedWindowDays, viewer.formerBuildings);
	const before = await versionBeforeDeletion(db, id, rev);
	return !!before && viewOf(viewer, before) !== 'skip';
}

/** A deletion as devices receive it: no body, not even who could hold it. */
export function bareTombstone(id: string, rev: string) {
	return { _id: id, _rev: rev, _deleted: true as const };
}

export interface ViewedChange {
	id: string;
	rev: string;
	deleted: boolean;
	doc?: Record<string, unknown>;
}

/** Turns one stored change into what the viewer's device sees of it, or null for nothing. */
export async function viewChange(
	db: Db,
	viewer: Viewer,
	change: { id: string; changes: { rev: string }[]; deleted?: boolean; doc?: Record<string, unknown> }
): Promise<ViewedChange | null> {
	const rev = change.doc?._rev as string | undefined ?? change.changes[0].rev;
	if (change.id.startsWith('_design/')) return null;
	if (change.deleted) return (await hearsOf(db, viewer, change.id, rev, change.doc)) ? { id: change.id, rev, deleted: true, doc: bareTombstone(change.id, rev) } : null;
	const view = viewOf(viewer, change.doc);
	if (view === 'send') return { id: change.id, rev, deleted: false, doc: change.doc };
	if (view === 'remove') return { id: change.id, rev: removalRev(rev), deleted: true };
	return null;
}

/**
 * viewChange for a document of the scope index, judged from its facts with the same core rules and reading no store: a
 * document the device gets comes without its body. An old tombstone still being looked up (`pending`) is not judged here.
 */
export function viewEntry(viewer: Viewer, entry: IndexEntry): ViewedChange | null {
	const { id, rev, facts } = entry;
	const { actor, now, closedWindowDays, formerBuildings } = viewer;
	if (entry.deleted) {
		const hears = entry.deletion
			? hearsOfDeletion(actor, entry.deletion, now, closedWindowDays, formerBuildings)
			: !!facts && deviceViewOfFacts(actor, facts, now, closedWindowDays, formerBuildings) !== 'skip';
		return hears ? { id, rev, deleted: true, doc: bareTombstone(id, rev) } : null;
	}
	const view = facts ? deviceViewOfFacts(actor, facts, now, closedWindowDays, formerBuildings) : 'skip';
	if (view === 'send') return { id, rev, deleted: false };
	if (view === 'remove') return { id, rev: removalRev(rev), deleted: true };
	return null;
}

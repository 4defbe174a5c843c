import { randomUUID } from 'node:crypto';
import { autoAssignEntries } from '../../core/assignment';
import { mergeOutages } from '../../core/outage/merge';
import { OutageDoc } from '../../core/outage/outage';
import { Building, Ticket } from '../../core/schemas';
import { appendEntries, mergeTickets } from '../../core/ticket';
import type { Db } from '../store';
import { mergedFiles } from './attachments';

type Stored = Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[] };
type Edit = Record<string, unknown> & { _id: string };

/** How many times a document whose settling met a concurrent write is settled again, from a fresh read. */
const ATTEMPTS = 6;

/** The deletions of a document's losing versions. */
const losersOf = (doc: Stored): Edit[] => (doc._conflicts ?? []).map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));

/** The merge of an outage's concurrent versions, as the next revision of its winner (nothing when none parses). */
async function mergedOutage(db: Db, winner: Stored, conflicts: string[]): Promise<Edit[]> {
	const versions = [winner, ...(await Promise.all(conflicts.map((r) => db.get(winner._id, { rev: r }).catch(() => null))))]
		.map((v) => OutageDoc.safeParse(v))
		.flatMap((p) => (p.success ? [p.data] : []));
	return versions.length ? [{ ...mergeOutages(versions), _id: winner._id, _rev: winner._rev }] : [];
}

/**
 * Writes each document's edits in order, one edit of a document per store write (edits of different documents go
 * together), and returns the ids of the documents whose edit the store refused; their later edits are not written.
 *
 * One edit per document per write, because PouchDB's LevelDB store (the embedded store, and the tests' CouchDB
 * stand-in) merges each edit into the document's revision tree in place before it checks it: when it refuses one edit
 * as a conflict and accepts another edit of the same document in the same write, the refused revision is stored in the
 * tree without a body. A refused merge left that way is a live revision, and reading it crashes PouchDB. And in order,
 * because the losing versions may be deleted only once the merge that carries what they held is stored.
 */
async function writeInTurn(db: Db, edits: Edit[][]): Promise<string[]> {
	const refused: string[] = [];
	let pending = edits.filter((list) => list.length);
	for (let turn = 0; pending.length; turn++) {
		const outcome = await db.bulkDocs(pending.map((list) => list[turn]!));
		pending = pending.filter((list, i) => {
			const result = outcome[i] as { error?: unknown } | undefined;
			if (!result || result.error) refused.push(list[0]!._id);
			return !!result && !result.error && list.length > turn + 1;
		});
	}
	return refused;
}

/** A ticket's next revision and its losers' deletions: concurrent versions merged, a new ticket given its technician. */
async function settledTicket(db: Db, doc: Stored, buildings: Map<string, Building>, at: string): Promise<Edit[]> {
	const conflicts = doc._conflicts ?? [];
	const versions = [doc, ...(await Promise.all(conflicts.map((r) => db.get(doc._id, { rev: r }).catch(() => null))))]
		.map((v) => Ticket.safeParse(v))
		.flatMap((p) => (p.success ? [p.data] : []));
	if (!versions.length) return [];
	let ticket = conflicts.length ? mergeTickets(versions) : versions[0]!;
	ticket = appendEntries(ticket, autoAssignEntries(ticket, buildings.get(ticket.building) ?? null, at, `system-${randomUUID().slice(0, 12)}`));
	if (!conflicts.length && ticket.history.length === versions[0]!.history.length) return [];
	const { _conflicts: _c, _attachments: _a, ...clean } = ticket as Ticket & { _conflicts?: string[] };
	return [{ ...clean, _id: doc._id, _rev: doc._rev, ...(await mergedFiles(db, doc, conflicts)) }, ...losersOf(doc)];
}

/**
 * Leaves no conflict behind: concurrent ticket versions are merged with core's merge and the losers deleted;
 * so are concurrent outage versions (two coordinators' progress notes); other documents keep their winner. New tickets go
 * to their building's technician. A document a concurrent write changed meanwhile is settled again from a fresh read.
 */
export async function settle(db: Db, now: Date, ticketIds: string[], otherIds: string[] = [], attempt = 0): Promise<void> {
	const ids = [...new Set([...ticketIds, ...otherIds])];
	if (!ids.length) return;
	const rows = (await db.allDocs({ keys: ids, include_docs: true, conflicts: true })).rows as { key: string; doc?: Stored | null }[];
	const buildingIds = [...new Set(rows.flatMap((r) => (r.doc?.type === 'ticket' ? [`building:${r.doc.building}`] : [])))];
	const buildings = new Map<string, Building>();
	if (buildingIds.length) {
		for (const row of (await db.allDocs({ keys: buildingIds, include_docs: true })).rows as { doc?: unknown }[]) {
			const b = Building.safeParse(row.doc);
			if (b.success) buildings.set(b.data.code, b.data);
		}
	}
	const at = now.toISOString();
	const edits: Edit[][] = [];
	for (const { doc } of rows) {
		if (!doc) continue;
		const conflicts = doc._conflicts ?? [];
		if (doc.type === 'ticket') edits.push(await settledTicket(db, doc, buildings, at));
		else if (doc.type === 'outage' && conflicts.length) edits.push([...(await mergedOutage(db, doc, conflicts)), ...losersOf(doc)]);
		else edits.push(losersOf(doc));
	}
	const refused = await writeInTurn(db, edits);
	if (refused.length && attempt + 1 < ATTEMPTS) {
		await settle(db, now, refused.filter((id) => id.startsWith('ticket:')), refused.filter((id) => !id.startsWith('ticket:')), attempt + 1);
	}
}

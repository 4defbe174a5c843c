import { canWrite, canWriteRevision, type WriteContext } from '../../core/access';
import { attachmentsProblem, joinedFilesProblem } from '../../core/attachments';
import { deletionScope } from '../../core/deletion';
import { secretRefusal } from '../../core/doc-secrets';
import { ReplicatedDoc, Ticket, TicketNumber, type UserProfile } from '../../core/schemas';
import { OUTAGE_ID_RE, OutageDoc } from '../../core/outage/outage';
import type { Db } from '../store';
import { couchDigest } from './attachments';
import { settle } from './settle';
import { isRemovalRev, parentRev } from './revs';
import { rememberWritten } from './parsed-revisions';
import { isRemote, storedRevisions } from './stored-revisions';
import type { Viewer } from './scope';

export type WriteResult = { ok: true; id: string; rev: string } | { id: string; rev?: string; error: string; reason: string };
type Raw = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean; _revisions?: { start: number; ids: string[] } };

/** Called after a person's profile changed, with their buildings before and after. */
export type OnProfileChange = (username: string, before: string[], after: string[]) => Promise<void>;

/** Looks up a person's profile in the directory, to check the people a write names. */
export type PeopleLookup = (username: string) => Promise<UserProfile | null>;

/** Where the gateway's writes go, and what they are checked against besides the writer. */
export interface WriteDeps {
	db: Db;
	people: PeopleLookup;
	onProfileChange: OnProfileChange;
}

/** A document's current version in the store: its winning body, a deletion, or nothing. */
type Current = Raw | { deleted: true; rev: string; _deleted: true } | null;

/** A document's current version; a missing one costs one point read, and only a deleted one a second. */
async function currentVersion(db: Db, id: string): Promise<Current> {
	try {
		return (await db.get(id)) as Raw;
	} catch (error) {
		const { status, reason } = error as { status?: number; reason?: string };
		if (status !== 404) throw error;
		if (reason !== 'deleted') return null;
		const [row] = (await db.allDocs({ keys: [id] })).rows as { value?: { rev: string } }[];
		return row?.value ? { deleted: true, rev: row.value.rev, _deleted: true } : null;
	}
}

/**
 * The current versions of the documents a write names. Over HTTP (CouchDB) one batched read. On LevelDB the ids the
 * store holds are found first (storedRevisions), and only live documents are read, one point read each: a first push
 * names documents the store lacks, and reading each of those is the costliest part of judging it.
 */
async function currentVersions(db: Db, ids: string[]): Promise<Map<string, Current>> {
	if (!ids.length) return new Map();
	if (!isRemote(db)) {
		const stored = await storedRevisions(db, ids);
		const current = async (id: string): Promise<Current> => {
			const found = stored.get(id);
			if (!found) return null;
			return found.deleted ? { deleted: true, rev: found.rev, _deleted: true } : currentVersion(db, id);
		};
		return new Map(await Promise.all(ids.map(async (id) => [id, await current(id)] as const)));
	}
	const rows = (await db.allDocs({ keys: ids, include_docs: true })).rows as { key: string; value?: { rev: string; deleted?: boolean }; doc?: Raw | null }[];
	return new Map(rows.map((row): [string, Current] => [row.key, row.value?.deleted ? { deleted: true, rev: row.value.rev, _deleted: true } : (row.doc ?? null)]));
}

const isDeletion = (current: Current): current is { deleted: true; rev: string; _deleted: true } => !!current && 'deleted' in current;

const forbidden = (id: string, rev: string | undefined, reason: string): WriteResult => ({ id, rev, error: 'forbidden', reason });

function expectedId(doc: ReplicatedDoc): string | null {
	switch (doc.type) {
		case 'ticket':
			return `ticket:${doc.number}`;
		case 'building':
		case 'category':
			return `${doc.type}:${doc.code}`;
		case 'user':
			return `user:${doc.username}`;
		default:
			return null;
	}
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
	const parts = error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
	return `The document is not valid (${parts.join('; ')}).`;
}

async function versionAt(db: Db, id: string, rev: string, winner: Raw | null): Promise<Raw | null> {
	if (winner?._rev === rev) return winner;
	try {
		return (await db.get(id, { rev })) as Raw;
	} catch {
		return null;
	}
}

/** _bulk_docs (and single writes) for one person: every document is parsed and checked against core's rules. */
export async function scopedBulkDocs({ db, people: lookup, onProfileChange }: WriteDeps, viewer: Viewer, docs: unknown[], newEdits: boolean) {
	const asked = new Map<string, Promise<UserProfile | null>>();
	const people: PeopleLookup = (username) => asked.get(username) ?? asked.set(username, lookup(username)).get(username)!;
	const shaped = docs.map((d) => (d && typeof d === 'object' && !Array.isArray(d) && typeof (d as Raw)._id === 'string' ? (d as Raw) : null));
	const ids = [...new Set(shaped.flatMap((d) => (d ? [d._id] : [])))];
	const winners = await currentVersions(db, ids);
	const results: (WriteResult | null)[] = [];
	const accepted: { raw: Raw; index: number; old: ReplicatedDoc | null; next: ReplicatedDoc | null }[] = [];
	// PouchDB's LevelDB store records phantom conflicts (revisions without bodies) when one request edits a
	// document twice with new_edits, so only the first edit of each document is passed on.
	const edited = new Set<string>();
	for (const [index, raw] of shaped.entries()) {
		if (!raw) {
			results.push(forbidden('', undefined, 'Each document must be a JSON object with an _id.'));
			continue;
		}
		if (newEdits && edited.has(raw._id)) {
			results.push({ id: raw._id, rev: raw._rev, error: 'conflict', reason: 'Document update conflict: this request changes the document more than once.' });
			continue;
		}
		if (newEdits) edited.add(raw._id);
		const verdict = await judge(db, people, viewer, raw, winners.get(raw._id) ?? null, newEdits);
		if (verdict === 'ignore') results.push({ ok: true, id: raw._id, rev: raw._rev ?? '' });
		else if ('accept' in verdict) {
			results.push(null);
			// A deletion keeps only who could hold the document (to tell their devices, even after compaction); whatever
			// else the request carried is dropped.
			const scope = verdict.old ? { deletion: deletionScope(verdict.old) } : {};
			const tombstone = { _id: raw._id, _rev: raw._rev, _deleted: true, ...scope, ...(!newEdits && raw._revisions ? { _revisions: raw._revisions } : {}) };
			accepted.push({ raw: verdict.next ? raw : tombstone, index, old: verdict.old, next: verdict.next });
		} else results.push(verdict);
	}
	if (accepted.length) {
		const written = (await db.bulkDocs(accepted.map((a) => a.raw), { new_edits: newEdits })) as {
			ok?: boolean; id?: string; rev?: string; error?: boolean; name?: string; message?: string;
		}[];
		// With new_edits=false the store answers only for failures; with new_edits=true, once per document in order.
		const failures = new Map(written.filter((o) => o.error).map((o) => [o.id, o]));
		for (const [i, { raw, index }] of accepted.entries()) {
			const failure = newEdits ? (written[i]?.error ? written[i] : undefined) : failures.get(raw._id);
			results[index] = failure
				? { id: raw._id, rev: raw._rev, error: failure.name ?? 'conflict', reason: failure.message ?? 'Document update conflict.' }
				: { ok: true, id: raw._id, rev: (newEdits ? written[i]?.rev : raw._rev) ?? '' };
		}
		if (!newEdits && !isRemote(db)) rememberNewRevisions(accepted, results, winners);
		// Only a document that already existed can have gained a conflict, and only a new, unassigned ticket needs
		// its technician: settling nothing else keeps a first push of many tickets at one write each.
		const unsettled = accepted.filter(({ raw, next }) => winners.get(raw._id) || needsTechnician(next));
		await settle(
			db,
			viewer.now,
			unsettled.filter((a) => a.raw._id.startsWith('ticket:')).map((a) => a.raw._id),
			unsettled.filter((a) => !a.raw._id.startsWith('ticket:')).map((a) => a.raw._id)
		);
		for (const { old, next } of accepted) {
			const person = old?.type === 'user' ? old : next?.type === 'user' ? next : null;
			if (person) {
				await onProfileChange(person.username, old?.type === 'user' ? old.buildings : [], next?.type === 'user' ? next.buildings : []);
			}
		}
	}
	return results as WriteResult[];
}

/**
 * The parses of replicated revisions of documents the store did not hold, now stored, so that reading them back (the
 * shared feed, the next pull) parses none again. Only there is the stored content surely the content parsed: a revision
 * the store already held is kept as it was, whatever a request sends under its id. Not over CouchDB, where another
 * process may have stored the same revision at the same moment.
 */
function rememberNewRevisions(accepted: { raw: Raw; index: number; next: ReplicatedDoc | null }[], results: (WriteResult | null)[], before: Map<string, Current>): void {
	const seen = new Map<string, number>();
	for (const { raw } of accepted) seen.set(raw._id, (seen.get(raw._id) ?? 0) + 1);
	for (const { raw, index, next } of accepted) {
		const result = results[index];
		if (!next || before.get(raw._id) || seen.get(raw._id) !== 1 || !result || 'error' in result || result.rev !== raw._rev) continue;
		if (Object.keys(raw).some((key) => key.startsWith('_') && key !== '_id' && key !== '_rev' && key !== '_revisions')) continue;
		rememberWritten(next);
	}
}

/** What is wrong with a replicated revision history, or null; a malformed one corrupts the store. */
function revisionsProblem(rev: string, revisions: unknown): string | null {
	if (revisions === undefined) return null;
	const { start, ids } = (revisions ?? {}) as { start?: unknown; ids?: unknown };
	const [generation, hash] = rev.split('-');
	const valid =
		Array.isArray(ids) &&
		ids.length > 0 &&
		ids.length <= Number(generation) &&
		start === Number(generation) &&
		ids[0] === hash &&
		ids.every((id) => typeof id === 'string' && /^[0-9a-z]{1,64}$/.test(id));
	return valid ? null : `The revision history (_revisions) does not match the revision ${rev}.`;
}

function needsTechnician(doc: ReplicatedDoc | null): boolean {
	return doc?.type === 'ticket' && doc.status === 'new' && !doc.assignee;
}

type Verdict = WriteResult | 'ignore' | { accept: true; old: ReplicatedDoc | null; next: ReplicatedDoc | null };

/** How many people one written document may name in its new entries (assignees, escalation targets). */
const NAMED_PER_WRITE = 20;

/**
 * The judge's context for one write: its clock, and the profiles of the people its new entries name (entries the
 * stored version already has were judged when they were written). Look-ups are shared across one request.
 */
async function writeContext(db: Db, people: PeopleLookup, viewer: Viewer, raw: Raw, old: ReplicatedDoc | null): Promise<WriteContext> {
	const known = new Set(old?.type === 'ticket' ? old.history.map((e) => e.id) : []);
	const named = new Set<string>();
	for (const entry of Array.isArray(raw.history) ? (raw.history as Record<string, unknown>[]).slice(0, 5000) : []) {
		if (!entry || known.has(entry.id as string)) continue;
		const fields = (entry.fields ?? entry.changes ?? {}) as Record<string, unknown>;
		for (const name of [fields.assignee, fields.escalatedTo, entry.to]) if (typeof name === 'string' && name.length <= 64) named.add(name);
	}
	// The phone line's set-up names who it rings; each must be active technology staff.
	if (raw.type === 'phone-line') {
		for (const list of [raw.helpdesk, raw.onCall]) for (const name of Array.isArray(list) ? list.slice(0, 10) : []) if (typeof name === 'string' && name.length <= 64) named.add(name);
	}
	const found = new Map(await Promise.all([...named].slice(0, NAMED_PER_WRITE).map(async (u) => [u, await people(u)] as const)));
	const outage = raw.type === 'outage-affected' && typeof raw.outage === 'string' ? await storedOutage(db, raw.outage) : undefined;
	const ticket = raw.type === 'voicemail' && typeof raw.ticket === 'string' ? await storedTicket(db, raw.ticket) : undefined;
	return {
		now: viewer.now,
		person: (u) => found.get(u) ?? undefined,
		outage: (id) => (outage?._id === id ? outage : undefined),
		ticket: (n) => (ticket?.number === n ? ticket : undefined)
	};
}

/** The stored ticket a moved voicemail names, or undefined. */
async function storedTicket(db: Db, number: string): Promise<Ticket | undefined> {
	if (!TicketNumber.safeParse(number).success) return undefined;
	const parsed = Ticket.safeParse(await db.get(`ticket:${number}`).catch(() => null));
	return parsed.success ? parsed.data : undefined;
}

/** The stored outage a "me too" names, or undefined. */
async function storedOutage(db: Db, id: string): Promise<OutageDoc | undefined> {
	if (!OUTAGE_ID_RE.test(id)) return undefined;
	const parsed = OutageDoc.safeParse(await db.get(id).catch(() => null));
	return parsed.success ? parsed.data : undefined;
}

function parsedOrNull(raw: Raw | null): ReplicatedDoc | null {
	const parsed = raw && !raw._deleted ? ReplicatedDoc.safeParse(raw) : null;
	return parsed?.success ? parsed.data : null;
}

async function judge(db: Db, people: PeopleLookup, viewer: Viewer, raw: Raw, current: Current, newEdits: boolean): Promise<Verdict> {
	const { _id: id, _rev: rev } = raw;
	if (id.startsWith('_')) return forbidden(id, rev, 'Document ids starting with "_" are reserved.');
	if (id.length > 200) return forbidden(id, rev, 'A document id is at most 200 characters.');
	if (!newEdits && (typeof rev !== 'string' || !/^[1-9]\d{0,8}-[0-9a-z]{1,64}$/.test(rev)))
		return forbidden(id, rev, 'A replicated document needs a revision such as 1-abc.');
	const badRevisions = newEdits ? null : revisionsProblem(rev as string, raw._revisions);
	if (badRevisions) return forbidden(id, rev, badRevisions);
	const deleted = isDeletion(current);
	const winner = deleted ? null : current;
	if (newEdits && (deleted ? rev !== undefined && rev !== current.rev : winner?._rev !== rev))
		return { id, rev, error: 'conflict', reason: 'Document update conflict: reload it and try again.' };
	if (!newEdits && isRemovalRev(rev ?? '')) {
		if (raw._deleted === true) return 'ignore';
		// Such revisions exist only on devices; a live one would never be sent to anyone else.
		return forbidden(id, rev, 'This revision id is reserved for removals from a device; save the change again.');
	}
	if (deleted) {
		if (raw._deleted === true) return 'ignore';
		// The store would let a live branch win over the deletion: an edit made offline before it must not bring it back.
		// One made on top of the deletion (a "me too" taken back and added again) is a new document, judged as such.
		if (id.startsWith('ticket:') || (!newEdits && parentRev(raw._revisions) !== current.rev))
			return forbidden(id, rev, 'This was deleted by an administrator while you had it, and it stays deleted. Your change was not saved.');
	}
	const parent = newEdits ? (winner?._rev ?? null) : parentRev(raw._revisions);
	// A branch from a parent the server lacks (or from a deleted one) is judged against the current document, not as new.
	const parentRaw = parent ? await versionAt(db, id, parent, winner) : null;
	const oldRaw = parentRaw && !parentRaw._deleted ? parentRaw : winner;
	const old = parsedOrNull(oldRaw);
	const ctx = await writeContext(db, people, viewer, raw, old);
	if (raw._deleted === true) {
		if (!old) return 'ignore';
		const refusal = canWrite(viewer.actor, old, null, ctx);
		return refusal ? forbidden(id, rev, refusal.reason) : { accept: true, old: parsedOrNull(winner) ?? old, next: null };
	}
	const parsed = ReplicatedDoc.safeParse(raw);
	if (!parsed.success) return forbidden(id, rev, describeIssues(parsed.error));
	const next = parsed.data;
	const wanted = expectedId(next);
	if (wanted && wanted !== id) return forbidden(id, rev, `This document's id must be ${wanted}.`);
	if (next.type === 'ticket' && !next.history.some((e) => e.kind === 'created'))
		return forbidden(id, rev, 'A ticket\'s history starts with a "created" entry.');
	const badAttachments =
		attachmentsProblem(next, oldRaw, { writer: 'person', digestOf: couchDigest }) ??
		(winner && winner !== oldRaw && next.type === 'ticket' ? joinedFilesProblem((winner._attachments ?? {}) as Record<string, object>, next._attachments ?? {}) : null);
	if (badAttachments) return forbidden(id, rev, badAttachments);
	const refusal = canWriteRevision(viewer.actor, old, parsedOrNull(winner), next, ctx);
	if (refusal) return forbidden(id, rev, refusal.reason);
	const secret = secretRefusal(old, next);
	if (secret) return forbidden(id, rev, secret);
	return { accept: true, old, next };
}

import { createHash } from 'node:crypto';

// A removal revision's hash starts with eight zeros: a real md5 revision does so once in four billion.
const REMOVAL_MARK = '00000000';

/** The revision that removes a document from one device without deleting it on the server. */
export function removalRev(rev: string): string {
	const dash = rev.indexOf('-');
	const generation = Number(rev.slice(0, dash));
	const digest = createHash('md5').update(`scope-exit:${rev}`).digest('hex');
	return `${generation + 1}-${REMOVAL_MARK}${digest.slice(REMOVAL_MARK.length)}`;
}

/** Whether a revision is a device-only removal rather than a real edit. */
export function isRemovalRev(rev: string): boolean {
	return rev.slice(rev.indexOf('-') + 1).startsWith(REMOVAL_MARK);
}

/** The tombstone a device stores for a removal, as a child of the revision it holds. */
export function removalTombstone(id: string, rev: string, revisions?: { start: number; ids: string[] }) {
	const removal = removalRev(rev);
	const ids = revisions?.ids ?? [rev.slice(rev.indexOf('-') + 1)];
	return {
		_id: id,
		_rev: removal,
		_deleted: true,
		_revisions: { start: Number(removal.slice(0, removal.indexOf('-'))), ids: [removal.slice(removal.indexOf('-') + 1), ...ids] }
	};
}

/** The parent of a revision, from the `_revisions` list the replicator sends. */
export function parentRev(revisions: { start: number; ids: string[] } | undefined): string | null {
	if (!revisions || revisions.ids.length < 2) return null;
	return `${revisions.start - 1}-${revisions.ids[1]}`;
}

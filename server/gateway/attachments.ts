import { createHash } from 'node:crypto';
import { filesToUnion } from '../../core/attachments';
import type { Db } from '../store';

type Files = Record<string, { content_type?: unknown; length?: unknown; digest?: unknown; stub?: unknown }>;
type Stored = { _id: string; _rev?: string; _attachments?: Files };

/** The CouchDB digest of base64 data (`md5-` and the base64 MD5 of the bytes), as PouchDB and CouchDB compute it. */
export function couchDigest(base64: string): string {
	return `md5-${createHash('md5').update(base64, 'base64').digest('base64')}`;
}

/**
 * The files a merged ticket keeps: the winner's (as stubs) and those only a conflicting version has (with their data,
 * since a stub may only name a file of the revision it replaces).
 */
export async function mergedFiles(db: Db, winner: Stored, loserRevs: readonly string[]): Promise<{ _attachments?: Record<string, unknown> }> {
	const own: Files = winner._attachments ?? {};
	const losers = (await Promise.all([...loserRevs].sort().map((rev) => db.get(winner._id, { rev }).catch(() => null)))) as (Stored | null)[];
	const others = losers.map((l) => l?._attachments ?? {});
	const files: Record<string, unknown> = { ...own };
	for (const { name, version } of filesToUnion(own, others)) {
		const rev = losers[version]?._rev;
		const data = (await db.getAttachment(winner._id, name, { rev }).catch(() => null)) as Buffer | null;
		if (data) files[name] = { content_type: others[version][name].content_type, data: data.toString('base64') };
	}
	return Object.keys(files).length ? { _attachments: files } : {};
}

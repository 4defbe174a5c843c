import type { LocalDb } from './local-db';

type Diff = PouchDB.Core.RevisionDiffOptions;
type Answer = PouchDB.Core.RevisionDiffResponse;

/**
 * Makes a local database answer revsDiff (the pull asks it before each batch: which of these revisions are missing
 * here?) from one read of all the documents asked about: a document not held here misses every revision asked, and
 * only the documents held are asked of PouchDB, which reads each one's revision tree in a transaction of its own
 * (250 transactions per batch of a first sync into an empty database, where none is held).
 */
export function batchRevsDiff(db: LocalDb): void {
	const perDocument = db.revsDiff.bind(db) as (diff: Diff) => Promise<Answer>;
	const batched = async (diff: Diff): Promise<Answer> => {
		const ids = Object.keys(diff);
		if (!ids.length) return {};
		const { rows } = await db.allDocs({ keys: ids });
		const held = rows.filter((row) => !('error' in row)).map((row) => row.key);
		const answer = held.length ? await perDocument(Object.fromEntries(held.map((id) => [id, diff[id]]))) : {};
		for (const row of rows) if ('error' in row) answer[row.key] = { missing: [...diff[row.key]] };
		return answer;
	};
	// PouchDB's own forms: (diff), (diff, callback) and (diff, options, callback).
	db.revsDiff = ((diff: Diff, ...rest: unknown[]) => {
		const callback = rest.find((arg): arg is PouchDB.Core.Callback<Answer> => typeof arg === 'function');
		const answered = batched(diff);
		if (!callback) return answered;
		answered.then((answer) => callback(null, answer), (error: Error) => callback(error, null));
	}) as LocalDb['revsDiff'];
}

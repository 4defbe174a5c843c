import type { Db } from '../../server/store';

type Waiting = { doc: Record<string, unknown>; done: (result: { ok: true; id: string; rev: string }) => void; fail: (error: unknown) => void };

const MAX_GROUP = 200;

/**
 * The store with its single-document writes in groups: while one group is being written, the puts asked for meanwhile
 * wait and go together as the next bulkDocs. The embedded store writes one request at a time, so 50 callers' tickets
 * filed at once would otherwise queue 50 writes behind one another. A put answers as it would alone: its revision, or
 * the store's error (409 when it meets another write).
 */
export function groupedPuts(db: Db): Db {
	const waiting: Waiting[] = [];
	let busy = false;
	const flush = async () => {
		if (busy) return;
		busy = true;
		try {
			while (waiting.length > 0) {
				const group = waiting.splice(0, MAX_GROUP);
				try {
					const results = await db.bulkDocs(group.map((w) => w.doc));
					results.forEach((result, i) => {
						if ('ok' in result && result.ok) group[i].done({ ok: true, id: result.id, rev: result.rev });
						else {
							const failed = result as { status?: number; name?: string; message?: string; error?: unknown };
							group[i].fail(Object.assign(new Error(failed.message ?? `writing ${String(group[i].doc._id)} failed`), { status: failed.status, name: failed.name ?? 'error' }));
						}
					});
				} catch (error) {
					for (const w of group) w.fail(error);
				}
			}
		} finally {
			busy = false;
		}
	};
	const put = (doc: Record<string, unknown>) =>
		new Promise<{ ok: true; id: string; rev: string }>((done, fail) => {
			waiting.push({ doc, done, fail });
			void flush();
		});
	return new Proxy(db, {
		get(target, property) {
			if (property === 'put') return put;
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

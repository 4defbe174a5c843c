import { userMessage } from './errors';
import type { LocalDb } from './local-db';
import type { PendingChanges } from './pending-changes.svelte';
import { type PulledRevisions, pushFilter } from './pulled-revisions';
import { REPLICATION } from './reconnect';

/** A change the server refused, with the server's reason. */
export interface Refusal {
	id: string;
	reason: string;
}

/**
 * Starts sending a device's changes to the server: what it received is no longer counted as waiting, and each refusal
 * goes to `onRefusal`. `pending` gives the list of waiting changes as it is now (null while none is loaded).
 */
export function startPush(
	db: LocalDb,
	remote: LocalDb,
	pulled: PulledRevisions,
	pending: () => PendingChanges | null,
	onRefusal: (refusal: Refusal) => void
): PouchDB.Replication.Replication<{}> {
	// A pushed ticket carries all its files (up to 10 MB): small batches keep each request under the server's body limit.
	// Only skips: a revision not in `pulled` (written here, or pulled before a reload) is offered as before, and so is a
	// document with a change waiting here (a pulled revision can win over it in a conflict; the push must still send it).
	const filter = pushFilter(pulled, (id) => pending()?.has(id) ?? false);
	const push = db.replicate.to(remote, { ...REPLICATION, batch_size: 10, filter });
	push.on('change', (info) => {
		const waiting = pending()?.revs ?? {};
		void pending()?.unmark(info.docs.filter((d) => waiting[d._id] === d._rev).map((d) => d._id));
	});
	push.on('denied', (error) => {
		const refusal = error as { id?: string; reason?: string; message?: string };
		const id = refusal.id ?? '';
		onRefusal({ id, reason: userMessage({ error: 'forbidden', reason: refusal.reason ?? refusal.message }) });
		void pending()?.unmark([id]);
	});
	return push;
}

/** After the push caught up, asks the server which waiting changes it really has. */
export async function reconcile(remote: LocalDb, pending: PendingChanges | null): Promise<void> {
	const ids = Object.keys(pending?.revs ?? {});
	if (!pending || !ids.length) return;
	const asked = Object.fromEntries(ids.map((id) => [id, [pending.revs[id]]]));
	// Unreachable now: the next time the push catches up, it asks again.
	const diff = (await remote.revsDiff(asked).catch(() => null)) as Record<string, { missing?: string[] }> | null;
	if (diff) await pending.unmark(ids.filter((id) => !diff[id]?.missing?.includes(asked[id][0])));
}

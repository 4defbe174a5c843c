import type { Auth } from './auth';
import type { Store } from './store';

/** Gives a demo store made before the SLA engine its calendar and policies; an administrator's own versions are kept. */
async function addMissingSlaDocs(store: Store): Promise<string> {
	const { demoSlaDocs } = await import('./demo/sla-docs');
	const docs = demoSlaDocs(new Date());
	const { rows } = await store.main.allDocs({ keys: docs.map((d) => d._id) });
	const missing = docs.filter((_doc, i) => 'error' in rows[i]);
	if (missing.length === 0) return '';
	await store.main.bulkDocs(missing as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
	return ` (added ${missing.length} SLA documents)`;
}

/** Fills an empty store: the demo district, or (DEMO=0) a single administrator. Does nothing on a store in use. */
export async function seedIfEmpty(store: Store, auth: Auth, options: { demo: boolean; adminPassword?: string }): Promise<string> {
	const info = await store.main.info();
	if (info.doc_count > 0) return options.demo ? `existing data${await addMissingSlaDocs(store)}` : 'existing data';
	if (!options.demo) {
		if (!options.adminPassword) throw new Error('ADMIN_PASSWORD is required to start without the demo district.');
		await store.main.put({ _id: 'user:admin', type: 'user', username: 'admin', name: 'Administrator', role: 'admin', kind: 'staff', buildings: [], active: true });
		await auth.setPassword('admin', options.adminPassword);
		return 'one administrator (admin)';
	}
	const { buildDemoDistrict } = await import('./demo-data');
	const district = buildDemoDistrict(new Date());
	const total = district.docs.length;
	for (let i = 0; i < total; i += 500) {
		await store.main.bulkDocs(district.docs.slice(i, i + 500) as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
	}
	// Hashing is deliberately slow; accounts share one password in the demo, so hash once per account in parallel batches.
	for (let i = 0; i < district.accounts.length; i += 8) {
		await Promise.all(district.accounts.slice(i, i + 8).map((a) => auth.setPassword(a.username, a.password)));
	}
	return `the demo district (${total} documents, ${district.accounts.length} accounts)`;
}

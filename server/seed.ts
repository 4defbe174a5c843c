import { defaultPhoneLine } from '../core/telephony/defaults';
import { PHONE_LINE_ID, type PhoneLineDoc } from '../core/telephony/docs';
import type { Auth } from './auth';
import { getOrNull, type Store } from './store';

/** A district without the demo starts with its administrator rung for the help desk and emergencies, until they set it up. */
const firstPhoneLine = (now: Date): PhoneLineDoc => defaultPhoneLine(now, { helpdesk: ['admin'], onCall: ['admin'], defaultBuilding: 'district-office' });

const putPhoneLine = (store: Store, line: PhoneLineDoc) => store.main.put(line as PouchDB.Core.PutDocument<Record<string, unknown>>);

/** Gives a store made before the phone line its phone-line document; an administrator's own is kept. */
async function addMissingPhoneLine(store: Store, demo: boolean): Promise<string> {
	if (await getOrNull(store.main, PHONE_LINE_ID)) return '';
	const { demoPhoneLine } = await import('./demo-data');
	await putPhoneLine(store, demo ? demoPhoneLine(new Date()) : firstPhoneLine(new Date()));
	return ' (added the phone line)';
}

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
	if (info.doc_count > 0) {
		const phone = await addMissingPhoneLine(store, options.demo);
		return options.demo ? `existing data${await addMissingSlaDocs(store)}${phone}` : `existing data${phone}`;
	}
	if (!options.demo) {
		if (!options.adminPassword) throw new Error('ADMIN_PASSWORD is required to start without the demo district.');
		await store.main.put({ _id: 'user:admin', type: 'user', username: 'admin', name: 'Administrator', role: 'admin', kind: 'staff', buildings: [], active: true });
		await auth.setPassword('admin', options.adminPassword);
		await putPhoneLine(store, firstPhoneLine(new Date()));
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

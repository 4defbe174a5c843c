import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_PRESETS } from '../core/sla/presets';
import { SlaDocs } from './sla-docs';
import { openStore, type Store } from './store';

const STAMP = { updatedAt: '2026-11-30T12:00:00-07:00', updatedBy: 'admin' };
const weekday = [{ start: '07:00', end: '15:30' }];
const calendar = {
	_id: 'calendar:district',
	type: 'calendar',
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: [],
	...STAMP
};

describe('the SLA documents the APIs read', () => {
	let dir: string;
	let store: Store;
	let docs: SlaDocs;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'sla-docs-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		docs = new SlaDocs(store.main);
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('finds nothing before the district has a calendar and settings', async () => {
		expect(await docs.read(null)).toEqual({ calendar: null, settings: null, policy: null });
	});

	it('reads the active policy, and keeps the same parsed calendar while its revision is unchanged', async () => {
		await store.main.bulkDocs([
			calendar,
			...SLA_PRESETS.map((p) => ({ _id: `sla-policy:${p.id}`, type: 'sla-policy', ...p, ...STAMP })),
			{ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004', ...STAMP }
		]);
		const first = await docs.read(null);
		expect(first.policy?.id).toBe('ts-pe-004');
		expect(first.calendar?.timeZone).toBe('America/Denver');
		const again = await docs.read('wilson-001');
		expect(again.policy?.id).toBe('wilson-001');
		// The same object: the engine's compiled calendar (memoized per object) is reused.
		expect(again.calendar).toBe(first.calendar);
	});

	it('sees a change written behind its back on the next read, and a deletion', async () => {
		const stored = await store.main.get('calendar:district');
		await store.main.put({ ...stored, timeZone: 'America/Phoenix' });
		expect((await docs.read(null)).calendar?.timeZone).toBe('America/Phoenix');
		const settings = await store.main.get('sla-settings:district');
		await store.main.put({ ...settings, activePolicy: 'milford-000' });
		expect((await docs.read(null)).policy?.id).toBe('milford-000');
		await store.main.remove(await store.main.get('sla-policy:milford-000'));
		expect((await docs.read(null)).policy).toBeNull();
		expect((await docs.read('milford-000')).policy).toBeNull();
	});
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resaveProfilesOnce } from './migrations';
import { openStore, type Store } from './store';

describe('saving profiles again once, so devices receive the fields their role may see', () => {
	let dir: string;
	let store: Store;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'migrations-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('gives every profile a new revision the first time, and leaves them alone after that', async () => {
		const profile = { _id: 'user:lgarcia', type: 'user', username: 'lgarcia', name: 'Linda Garcia', role: 'requester', kind: 'staff', buildings: ['lincoln-es'], employeeId: 'E1042', phone: '555-0101' };
		const first = await store.main.put(profile);
		await store.main.put({ _id: 'ticket:K7M-4QX', type: 'ticket' });
		await resaveProfilesOnce(store);
		const resaved = await store.main.get('user:lgarcia');
		expect(resaved._rev).not.toBe(first.rev);
		expect(resaved).toMatchObject({ employeeId: 'E1042', phone: '555-0101' });
		expect((await store.main.get('ticket:K7M-4QX'))._rev).toMatch(/^1-/);
		await resaveProfilesOnce(store);
		expect((await store.main.get('user:lgarcia'))._rev).toBe(resaved._rev);
	});
});

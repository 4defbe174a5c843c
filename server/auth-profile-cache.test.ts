import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from './auth';
import { openStore, type Store } from './store';

describe('the profile cache', () => {
	let dir: string;
	let store: Store;
	let auth: Auth;
	let feedFollowing = true;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'profile-cache-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		auth = new Auth(store.private, store.main);
		auth.trustProfilesWhile(() => feedFollowing);
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Changes a profile in the store behind the cache's back, as another gateway instance would. */
	async function setActive(username: string, active: boolean) {
		const existing = await store.main.get(`user:${username}`).catch(() => null);
		await store.main.put({
			...(existing ?? {}),
			_id: `user:${username}`,
			type: 'user',
			username,
			name: 'Dee Deactivated',
			role: 'requester',
			kind: 'staff',
			buildings: ['north'],
			active
		});
	}

	it('serves a cached profile while the changes feed follows the store', async () => {
		feedFollowing = true;
		await setActive('dee', true);
		expect((await auth.profile('dee'))?.active).toBe(true);
		await setActive('dee', false);
		// Unseen change: without the feed's word the cache still answers, which is why it must not be trusted when the feed is down.
		expect((await auth.profile('dee'))?.active).toBe(true);
		auth.forgetProfile('dee');
		expect((await auth.profile('dee'))?.active).toBe(false);
	});

	it('reads the store, and caches nothing, while the changes feed is down', async () => {
		feedFollowing = true;
		await setActive('eve', true);
		expect((await auth.profile('eve'))?.active).toBe(true);
		feedFollowing = false;
		await setActive('eve', false);
		expect((await auth.profile('eve'))?.active).toBe(false);
		await setActive('eve', true);
		expect((await auth.profile('eve'))?.active).toBe(true);
		await setActive('eve', false);
		feedFollowing = true;
		auth.forgetAllProfiles();
		expect((await auth.profile('eve'))?.active).toBe(false);
	});
});

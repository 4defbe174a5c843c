import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from './auth';
import { SignInGuard } from './sign-in-guard';
import { openStore, type Store } from './store';
import { CREDENTIAL_LIFETIME_MS, VerifiedCredentials } from './verified-credentials';

describe('verified passwords remembered by the password check', () => {
	let dir: string;
	let store: Store;
	let now = Date.parse('2026-12-01T08:00:00.000Z');
	const clock = () => now;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'verified-credentials-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Sets a password in the store behind the server's back, as another gateway instance over the same store would. */
	async function setElsewhere(username: string, password: string) {
		const account = await store.private.get(`account:${username}`);
		await store.private.put({ ...account, hash: await hash(password) });
	}

	it('trusts a verified password for a minute of the injected clock, then again only while its account is unchanged', async () => {
		const credentials = new VerifiedCredentials({ clock });
		const auth = new Auth(store.private, store.main, new SignInGuard({ clock }), credentials);
		await auth.setPassword('gus', 'first-password');
		expect(await auth.checkPassword('gus', 'first-password')).toBe('gus');
		now += CREDENTIAL_LIFETIME_MS + 1000;
		expect(credentials.recall('gus', 'first-password')).toMatchObject({ fresh: false });
		// Past the lifetime, with the account as it was: trusted for another lifetime.
		expect(await auth.checkPassword('gus', 'first-password')).toBe('gus');
		expect(credentials.recall('gus', 'first-password')).toMatchObject({ fresh: true });
		expect(credentials.recall('gus', 'other-password')).toBeNull();
		await setElsewhere('gus', 'second-password');
		now += CREDENTIAL_LIFETIME_MS - 1000;
		// Remembered: the change made elsewhere is not seen yet (the staleness the lifetime bounds).
		expect(await auth.checkPassword('gus', 'first-password')).toBe('gus');
		now += 2000;
		expect(await auth.checkPassword('gus', 'first-password')).toBeNull();
		expect(await auth.checkPassword('gus', 'second-password')).toBe('gus');
	});

	it('keeps at most its capacity of people, dropping those verified longest ago', async () => {
		const auth = new Auth(store.private, store.main, new SignInGuard({ clock }), new VerifiedCredentials({ clock, capacity: 2 }));
		for (const name of ['hal', 'ida', 'jon']) await auth.setPassword(name, `${name}-password`);
		for (const name of ['hal', 'ida', 'jon']) expect(await auth.checkPassword(name, `${name}-password`)).toBe(name);
		for (const name of ['hal', 'jon']) await setElsewhere(name, `${name}-changed`);
		// hal was dropped to make room, so his hash is read again; jon's verification is still remembered.
		expect(await auth.checkPassword('hal', 'hal-password')).toBeNull();
		expect(await auth.checkPassword('jon', 'jon-password')).toBe('jon');
	});

	it('forgets a person whose profile changed, and remembers nothing from a check that raced with the change', async () => {
		const credentials = new VerifiedCredentials({ clock });
		const auth = new Auth(store.private, store.main, new SignInGuard({ clock }), credentials);
		await auth.setPassword('kim', 'kim-password');
		expect(await auth.checkPassword('kim', 'kim-password')).toBe('kim');
		await setElsewhere('kim', 'kim-changed');
		auth.forgetProfile('kim');
		expect(await auth.checkPassword('kim', 'kim-password')).toBeNull();
		const epoch = credentials.epoch;
		auth.forgetProfile('kim');
		credentials.remember('kim', 'kim-password', 'any-rev', epoch);
		expect(credentials.recall('kim', 'kim-password')).toBeNull();
		// Through the password check itself: a change reported while its account read and argon2 run (the check takes
		// the epoch before its first wait) leaves nothing remembered.
		const checking = auth.checkPassword('kim', 'kim-changed');
		auth.forgetProfile('kim');
		expect(await checking).toBe('kim');
		expect(credentials.recall('kim', 'kim-changed')).toBeNull();
	});

	it('forgets a person whose password is set anew, with no profile change', async () => {
		const credentials = new VerifiedCredentials({ clock });
		const auth = new Auth(store.private, store.main, new SignInGuard({ clock }), credentials);
		await auth.setPassword('lee', 'lee-password');
		expect(await auth.checkPassword('lee', 'lee-password')).toBe('lee');
		expect(credentials.recall('lee', 'lee-password')).not.toBeNull();
		await auth.setPassword('lee', 'lee-new-password');
		expect(credentials.recall('lee', 'lee-password')).toBeNull();
		expect(await auth.checkPassword('lee', 'lee-password')).toBeNull();
	});
});

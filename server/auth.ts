import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { UserProfile } from '../core/schemas';
import { endSessionsOf } from './session-index';
import { SignInGuard } from './sign-in-guard';
import { type Db, getOrNull } from './store';
import { VerifiedCredentials } from './verified-credentials';

export const SESSION_COOKIE = 'hd_session';
const SESSION_DAYS = 30;

interface Account {
	_id: string;
	_rev?: string;
	hash: string;
	/** Buildings the person covered before; a device may still hold their tickets, which must be removed. */
	formerBuildings: string[];
}

interface Session {
	_id: string;
	username: string;
	expiresAt: string;
}

/** Credentials, sessions and profile look-ups over the private and main databases. */
export class Auth {
	#profiles = new Map<string, UserProfile>();
	// Bumped on every invalidation, so a read that raced with one is not cached.
	#profilesEpoch = 0;
	#profilesTrusted: () => boolean = () => true;
	// Another gateway instance may change them: a short life bounds how stale this copy can be.
	#former = new Map<string, { buildings: string[]; until: number }>();

	// Unknown usernames are checked against this, so they cost the same time as a wrong password.
	#dummyHash: Promise<string> = hash(randomBytes(24).toString('base64url'));

	constructor(
		private readonly privateDb: Db,
		private readonly mainDb: Db,
		private readonly guard = new SignInGuard(),
		private readonly credentials = new VerifiedCredentials()
	) {}

	/** Sets (or resets) a person's password, and ends every session they had opened with the old one. */
	async setPassword(username: string, password: string): Promise<void> {
		const existing = await getOrNull<Account>(this.privateDb, `account:${username}`);
		const account: Account = {
			_id: `account:${username}`,
			formerBuildings: existing?.formerBuildings ?? [],
			...(existing?._rev ? { _rev: existing._rev } : {}),
			hash: await hash(password)
		};
		await this.privateDb.put(account as unknown as Record<string, unknown>);
		this.credentials.forget(username);
		if (existing) await endSessionsOf(this.privateDb, username);
	}

	/** Replaces the list of buildings a person covered before (see rescope.ts). */
	async setFormerBuildings(username: string, buildings: string[]): Promise<void> {
		const account = await getOrNull<Account>(this.privateDb, `account:${username}`);
		if (!account || JSON.stringify(account.formerBuildings) === JSON.stringify(buildings)) return;
		await this.privateDb.put({ ...account, formerBuildings: buildings } as unknown as Record<string, unknown>);
		this.#former.delete(username);
	}

	/** Buildings a person covered before. */
	async formerBuildings(username: string): Promise<string[]> {
		const cached = this.#former.get(username);
		if (cached && cached.until > Date.now()) return cached.buildings;
		const buildings = (await getOrNull<Account>(this.privateDb, `account:${username}`))?.formerBuildings ?? [];
		this.#former.set(username, { buildings, until: Date.now() + 60_000 });
		return buildings;
	}

	/** Checks a username and password; returns the username when they match. */
	async checkPassword(username: string, password: string): Promise<string | null> {
		const recalled = this.credentials.recall(username, password);
		if (recalled?.fresh) return username;
		const epoch = this.credentials.epoch;
		const account = await getOrNull<Account & { _rev: string }>(this.privateDb, `account:${username}`);
		// The account unchanged since the password matched its hash: it still does, no argon2 needed.
		const matches = !!account && recalled?.accountRev === account._rev ? true : await verify(account?.hash ?? (await this.#dummyHash), password);
		if (!account || !matches) return null;
		this.credentials.remember(username, password, account._rev, epoch);
		return username;
	}

	/** A password check from the network: refused with 429 while the account or the caller's address must wait. */
	async #attempt(c: Context, username: string, password: string): Promise<string | null> {
		const address = this.guard.address(c);
		this.guard.assertMayTry(username, address);
		const ok = await this.checkPassword(username, password);
		if (!ok) this.guard.failed(username, address, password);
		return ok;
	}

	/** Signs a person in with their password (see #attempt); the right password clears the account's failures. */
	async signIn(c: Context, username: string, password: string): Promise<string | null> {
		const ok = await this.#attempt(c, username, password);
		if (ok) this.guard.succeeded(username);
		return ok;
	}

	/** Opens a session and returns its token. */
	async openSession(username: string): Promise<string> {
		const token = randomBytes(32).toString('base64url');
		const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
		await this.privateDb.put({ _id: `session:${token}`, username, expiresAt } satisfies Session);
		return token;
	}

	/** Closes a session. */
	async closeSession(token: string): Promise<void> {
		const session = await getOrNull<Session & { _rev: string }>(this.privateDb, `session:${token}`);
		if (session) await this.privateDb.remove(session._id, session._rev);
	}

	async #sessionUser(token: string): Promise<string | null> {
		const session = await getOrNull<Session>(this.privateDb, `session:${token}`);
		return session && session.expiresAt > new Date().toISOString() ? session.username : null;
	}

	/** The profile of an active person, read through a cache the changes feed keeps fresh. */
	async profile(username: string): Promise<UserProfile | null> {
		const trusted = this.#profilesTrusted();
		const cached = trusted ? this.#profiles.get(username) : undefined;
		if (cached) return cached;
		const epoch = this.#profilesEpoch;
		const doc = await getOrNull<object>(this.mainDb, `user:${username}`);
		const parsed = UserProfile.safeParse(doc);
		if (!parsed.success) return null;
		if (trusted && epoch === this.#profilesEpoch && this.#profilesTrusted()) this.#profiles.set(username, parsed.data);
		return parsed.data;
	}

	/** Drops a cached profile, and the person's verified password, after the profile changed (role, active flag…). */
	forgetProfile(username: string): void {
		this.credentials.forget(username);
		this.#profilesEpoch++;
		this.#profiles.delete(username);
		this.#former.delete(username);
	}

	/** Drops every cached profile: the feed that keeps them fresh may have missed changes. */
	forgetAllProfiles(): void {
		this.credentials.forgetAll();
		this.#profilesEpoch++;
		this.#profiles.clear();
		this.#former.clear();
	}

	/** Uses cached profiles only while `fresh()` says the changes feed that invalidates them is following the store. */
	trustProfilesWhile(fresh: () => boolean): void {
		this.#profilesTrusted = fresh;
	}

	/** Who is calling: HTTP Basic or the session cookie. Throws 401 with a reason otherwise. */
	async identify(c: Context): Promise<UserProfile> {
		const username = await this.#username(c);
		if (!username) throw new HTTPException(401, { message: 'Sign in first: your session is missing or expired.' });
		const profile = await this.profile(username);
		if (!profile || !profile.active)
			throw new HTTPException(401, { message: 'This account is not active. Ask your technology office.' });
		return profile;
	}

	async #username(c: Context): Promise<string | null> {
		const header = c.req.header('authorization');
		if (header?.startsWith('Basic ')) {
			const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 1) return null;
			return this.#attempt(c, decoded.slice(0, colon), decoded.slice(colon + 1));
		}
		const token = getCookie(c, SESSION_COOKIE);
		return token ? this.#sessionUser(token) : null;
	}
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { trimOldest } from './gateway/bounded-map';

/** How long a verified password is trusted without reading its account again: how stale a password changed elsewhere can be. */
export const CREDENTIAL_LIFETIME_MS = 60_000;
/** How many people's verified passwords are kept (the oldest tenth goes past it, see trimOldest). */
const CAPACITY = 10_000;

interface Verified {
	proof: Uint8Array;
	/** The revision of the account whose hash the password matched: while it is current, the password still matches. */
	accountRev: string;
	until: number;
}

/** A password remembered for a person: fresh (trusted as is), or older than a lifetime (trusted if the account is unchanged). */
export interface Recalled {
	accountRev: string;
	fresh: boolean;
}

/**
 * Passwords verified lately, so a client's many HTTP Basic requests cost one argon2 check instead of one each (CouchDB
 * keeps a similar cache of verified password hashes). Per person it holds a keyed hash of the password (HMAC with a
 * secret of this process), never the password nor a plain hash of it, and the revision of the account it matched. Past
 * a lifetime the account is read again: unchanged, the password is trusted for another lifetime without argon2;
 * changed (by another server instance), the full check decides. Only a verified password is remembered, so a wrong
 * one always goes to the full check, and counts as a failure there.
 */
export class VerifiedCredentials {
	readonly #secret = randomBytes(32).toString('base64');
	readonly #byUser = new Map<string, Verified>();
	// Bumped by every forget, so a check that raced with a password or profile change remembers nothing.
	#epoch = 0;

	constructor(private readonly options: { clock?: () => number; lifetimeMs?: number; capacity?: number } = {}) {}

	/** Taken before a full check starts, and handed to remember once it succeeds. */
	get epoch(): number {
		return this.#epoch;
	}

	/** This person's password as remembered, when it is the one given; null when none is remembered or another is. */
	recall(username: string, password: string): Recalled | null {
		const entry = this.#byUser.get(username);
		if (!entry || !timingSafeEqual(entry.proof, this.#proof(username, password))) return null;
		return { accountRev: entry.accountRev, fresh: entry.until > this.#now() };
	}

	/**
	 * Remembers a password that matched the account at `accountRev` (by the full check, or as remembered while the account
	 * is unchanged), unless something was forgotten since the check began (`epoch`).
	 */
	remember(username: string, password: string, accountRev: string, epoch: number): void {
		if (epoch !== this.#epoch) return;
		// Re-inserted, so the Map's order stays the order of verification and trimming drops the oldest.
		this.#byUser.delete(username);
		const until = this.#now() + (this.options.lifetimeMs ?? CREDENTIAL_LIFETIME_MS);
		this.#byUser.set(username, { proof: this.#proof(username, password), accountRev, until });
		trimOldest(this.#byUser, this.options.capacity ?? CAPACITY);
	}

	/** Drops a person's verified password: it, their role or their active flag changed. */
	forget(username: string): void {
		this.#epoch++;
		this.#byUser.delete(username);
	}

	/** Drops every verified password (the feed that reports changes to people may have missed some). */
	forgetAll(): void {
		this.#epoch++;
		this.#byUser.clear();
	}

	#proof(username: string, password: string): Uint8Array {
		return new Uint8Array(createHmac('sha256', this.#secret).update(`${username}\u0000${password}`).digest());
	}

	#now(): number {
		return (this.options.clock ?? Date.now)();
	}
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { trimOldest } from './gateway/bounded-map';

/** How long a verified password is trusted without checking its hash again: how stale a password changed elsewhere can be. */
export const CREDENTIAL_LIFETIME_MS = 60_000;
/** How many people's verified passwords are kept (the oldest tenth goes past it, see trimOldest). */
const CAPACITY = 10_000;

interface Verified {
	proof: Uint8Array;
	until: number;
}

/**
 * Passwords verified lately, so a client's many HTTP Basic requests cost one argon2 check a minute instead of one each
 * (CouchDB keeps a similar cache of verified password hashes). Per person it holds a keyed hash of the password (HMAC
 * with a secret of this process), never the password nor a plain hash of it. Only a verified password is remembered,
 * so a wrong one always goes to the full check, and counts as a failure there.
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

	/** Whether this person's password was verified less than a lifetime ago. */
	verified(username: string, password: string): boolean {
		const entry = this.#byUser.get(username);
		if (!entry) return false;
		if (entry.until <= this.#now()) {
			this.#byUser.delete(username);
			return false;
		}
		return timingSafeEqual(entry.proof, this.#proof(username, password));
	}

	/** Remembers a password the full check accepted, unless something was forgotten since the check began (`epoch`). */
	remember(username: string, password: string, epoch: number): void {
		if (epoch !== this.#epoch) return;
		// Re-inserted, so the Map's order stays the order of verification and trimming drops the oldest.
		this.#byUser.delete(username);
		this.#byUser.set(username, { proof: this.#proof(username, password), until: this.#now() + (this.options.lifetimeMs ?? CREDENTIAL_LIFETIME_MS) });
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

import { createHmac, randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, attemptVerdict, combineVerdicts, type Failure, type FailureLimit, waitMessage, withFailure } from '../core/rate-limit';

// Past this many keys, keys with no failure left in their window are dropped, so guessing names cannot fill memory.
const SWEEP_AT = 20_000;

/** Failure times per key, kept in this process's memory. */
class FailureCounters {
	#failures = new Map<string, Failure[]>();

	constructor(private readonly limit: FailureLimit) {}

	verdict(key: string, now: number) {
		return attemptVerdict(this.#failures.get(key) ?? [], now, this.limit);
	}

	failed(key: string, failure: Failure): void {
		this.#failures.set(key, withFailure(this.#failures.get(key) ?? [], failure, this.limit));
		if (this.#failures.size > SWEEP_AT) this.#sweep(failure.at);
	}

	clear(key: string): void {
		this.#failures.delete(key);
	}

	#sweep(now: number): void {
		for (const [key, failures] of this.#failures) {
			if (failures.every((f) => f.at <= now - this.limit.windowMs)) this.#failures.delete(key);
		}
	}
}

/**
 * Limits failed password checks per account and per address (core/rate-limit.ts holds the rule).
 * The counters live in memory: right for one server process; with several instances each keeps its own,
 * so the limits multiply by the number of instances.
 */
export class SignInGuard {
	#accounts = new FailureCounters(ACCOUNT_LIMIT);
	#addresses = new FailureCounters(ADDRESS_LIMIT);
	// Fingerprints of wrong passwords are keyed per process, so the memory never holds a plain hash of a near-miss.
	#fingerprintKey = randomBytes(32).toString('base64');

	constructor(private readonly options: { trustProxy?: boolean; clock?: () => number } = {}) {}

	/** The caller's address: the socket's peer, or the proxy's X-Forwarded-For when the proxy is trusted. */
	address(c: Context): string {
		if (this.options.trustProxy) {
			// The last entry is the one our own proxy appended; earlier ones are whatever the client claimed.
			const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
			if (forwarded) return forwarded;
		}
		try {
			return getConnInfo(c).remote.address ?? 'unknown';
		} catch {
			return 'unknown';
		}
	}

	/** Throws 429 with Retry-After while the account or the address must wait. */
	assertMayTry(account: string, address: string): void {
		const now = this.#now();
		const verdict = combineVerdicts([this.#accounts.verdict(account.toLowerCase(), now), this.#addresses.verdict(address, now)]);
		if (verdict.allowed) return;
		throw new HTTPException(429, {
			message: waitMessage(verdict.retryAfterSeconds),
			res: new Response(null, { headers: { 'Retry-After': String(verdict.retryAfterSeconds) } })
		});
	}

	/** Counts a wrong password against the account and the address (the same one again counts once). */
	failed(account: string, address: string, password: string): void {
		const name = account.toLowerCase();
		const attempt = createHmac('sha256', this.#fingerprintKey).update(`${name}\u0000${password}`).digest('base64url').slice(0, 22);
		const failure = { at: this.#now(), attempt };
		this.#accounts.failed(name, failure);
		this.#addresses.failed(address, failure);
	}

	/** A person signed in with the right password: their account starts afresh. */
	succeeded(account: string): void {
		this.#accounts.clear(account.toLowerCase());
	}

	#now(): number {
		return (this.options.clock ?? Date.now)();
	}
}

import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT } from '../core/rate-limit';
import { SignInGuard } from './sign-in-guard';

function refusal(run: () => void): { status: number; retryAfter: string | null; message: string } | null {
	try {
		run();
		return null;
	} catch (error) {
		if (!(error instanceof HTTPException)) throw error;
		return { status: error.status, retryAfter: error.res?.headers.get('Retry-After') ?? null, message: error.message };
	}
}

describe('SignInGuard', () => {
	it('makes an account wait after too many wrong passwords, with the wait in Retry-After, then lets it try again', () => {
		let now = 1_000_000;
		const guard = new SignInGuard({ clock: () => now });
		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures; i++) {
			expect(refusal(() => guard.assertMayTry('ann', `10.0.0.${i}`))).toBeNull();
			guard.failed('ann', `10.0.0.${i}`, `guess-${i}`);
		}
		expect(refusal(() => guard.assertMayTry('ann', '10.0.1.1'))).toEqual({
			status: 429,
			retryAfter: String(ACCOUNT_LIMIT.windowMs / 1000),
			message: expect.stringContaining('Too many wrong passwords. Wait 15 minutes')
		});
		// The name is the account whatever its case; other accounts are untouched.
		expect(refusal(() => guard.assertMayTry('ANN', '10.0.1.1'))?.status).toBe(429);
		expect(refusal(() => guard.assertMayTry('bob', '10.0.1.1'))).toBeNull();
		now += ACCOUNT_LIMIT.windowMs;
		expect(refusal(() => guard.assertMayTry('ann', '10.0.1.1'))).toBeNull();
	});

	it('makes an address wait after too many failures across accounts, and a right password clears only the account', () => {
		const now = 5_000_000;
		const guard = new SignInGuard({ clock: () => now });
		for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) guard.failed(`name-${i}`, '10.9.9.9', 'Spring2026!');
		expect(refusal(() => guard.assertMayTry('carol', '10.9.9.9'))?.status).toBe(429);
		expect(refusal(() => guard.assertMayTry('carol', '10.9.9.10'))).toBeNull();
		guard.succeeded('name-1');
		expect(refusal(() => guard.assertMayTry('carol', '10.9.9.9'))?.status).toBe(429);

		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures; i++) guard.failed('dave', `10.1.1.${i}`, `guess-${i}`);
		guard.succeeded('dave');
		expect(refusal(() => guard.assertMayTry('dave', '10.2.2.2'))).toBeNull();
	});

	it('counts a password retried again and again once, for the account and the address', () => {
		const guard = new SignInGuard({ clock: () => 9_000_000 });
		for (let i = 0; i < 200; i++) guard.failed('erin', '10.7.7.7', 'her-old-password');
		expect(refusal(() => guard.assertMayTry('erin', '10.7.7.7'))).toBeNull();
		for (let i = 0; i < ACCOUNT_LIMIT.maxFailures - 1; i++) guard.failed('ERIN', '10.7.7.8', `guess-${i}`);
		expect(refusal(() => guard.assertMayTry('erin', '10.7.7.9'))?.status).toBe(429);
	});

	it('reads the address from X-Forwarded-For only when the proxy is trusted, and then only the entry the proxy added', async () => {
		const addressOf = async (guard: SignInGuard) => {
			const app = new Hono().get('/', (c) => c.text(guard.address(c)));
			return (await app.request('/', { headers: { 'x-forwarded-for': '1.2.3.4, 10.0.0.7' } })).text();
		};
		expect(await addressOf(new SignInGuard({ trustProxy: true }))).toBe('10.0.0.7');
		expect(await addressOf(new SignInGuard())).not.toContain('10.0.0.7');
	});
});

import { describe, expect, it } from 'vitest';
import { DeviceRegistrationRequest, REGISTRATION_LIMITS, registrationRefusal, registrationWait } from './device-registration';

const MINUTE = 60_000;
const NOW = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe('registrationWait', () => {
	it('lets a person register while under every limit', () => {
		expect(registrationWait([], NOW)).toBe(0);
		expect(registrationWait(Array.from({ length: 29 }, (_, i) => ago(i * MINUTE)), NOW)).toBe(0);
	});

	it('makes the 31st device in an hour wait until the oldest of the thirty leaves the window', () => {
		const thirty = Array.from({ length: 30 }, (_, i) => ago((i + 29) * MINUTE));
		expect(registrationWait(thirty, NOW)).toBe(2 * MINUTE);
		// Two minutes later (an injected clock, not a wait) the window has room again.
		expect(registrationWait(thirty, new Date(NOW.getTime() + 2 * MINUTE))).toBe(0);
	});

	it('caps a day at a hundred new devices however slowly they come', () => {
		const hundred = Array.from({ length: 100 }, (_, i) => ago((i + 1) * 13 * MINUTE));
		expect(registrationWait(hundred, NOW)).toBe(24 * 60 * MINUTE - 1300 * MINUTE);
		expect(registrationWait(hundred.slice(0, 99), NOW)).toBe(0);
		expect(REGISTRATION_LIMITS.map((l) => l.count)).toEqual([30, 100]);
	});

	it('ignores registrations older than every window and unreadable times', () => {
		expect(registrationWait([...Array.from({ length: 50 }, () => ago(25 * 60 * MINUTE)), 'not a time'], NOW)).toBe(0);
	});
});

describe('registrationRefusal', () => {
	it('says how long to wait in minutes or hours', () => {
		expect(registrationRefusal(2 * MINUTE)).toMatch(/Try again in 2 minutes/);
		expect(registrationRefusal(30_000)).toMatch(/Try again in 1 minute\b/);
		expect(registrationRefusal(4 * 60 * MINUTE)).toMatch(/Try again in 4 hours/);
	});
});

describe('DeviceRegistrationRequest', () => {
	it('takes an optional device id and refuses a malformed one', () => {
		expect(DeviceRegistrationRequest.safeParse({}).success).toBe(true);
		expect(DeviceRegistrationRequest.safeParse({ deviceId: crypto.randomUUID() }).success).toBe(true);
		for (const deviceId of ['short', 'x'.repeat(65), '../../etc/passwd-xxxxxxx', 42]) expect(DeviceRegistrationRequest.safeParse({ deviceId }).success).toBe(false);
	});
});

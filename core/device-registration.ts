import { z } from 'zod';
import { attemptVerdict, combineVerdicts } from './rate-limit';
import { DeviceCode } from './schemas';

/** A random id a device keeps in its own storage, so asking for a code again gives back the same one. */
export const DeviceId = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, 'a device id is 16 to 64 letters, digits or dashes');

/** What a device sends to register. Older devices send no id: each of their calls is a new device. */
export const DeviceRegistrationRequest = z.object({ deviceId: DeviceId.optional() });
export type DeviceRegistrationRequest = z.infer<typeof DeviceRegistrationRequest>;

/** The server's answer: the code, and the first sequence the device may number tickets with. */
export const DeviceRegistration = z.object({
	code: DeviceCode.describe('The device code: prefixes the ticket numbers this device makes.'),
	next: z.number().int().min(0).describe('The first ticket sequence not yet used under this code.')
});
export type DeviceRegistration = z.infer<typeof DeviceRegistration>;

const MINUTE = 60_000;

/**
 * How many new devices one person may register within each window. Shared Chromebooks that forget everything at sign-out
 * register at every sign-in, so a busy day stays well inside; one person can still waste at most 100 codes a day.
 */
export const REGISTRATION_LIMITS = [
	{ count: 30, windowMs: 60 * MINUTE },
	{ count: 100, windowMs: 24 * 60 * MINUTE }
] as const;

/** How long the person must wait before registering another new device, given when they registered the recent ones; 0 when they may now. */
export function registrationWait(registeredAt: readonly string[], now: Date): number {
	// Each registration counts like one attempt against a sliding-window limit: the same rule as sign-in failures.
	const events = registeredAt.map((at, i) => ({ at: Date.parse(at), attempt: String(i) })).filter((e) => Number.isFinite(e.at));
	const verdict = combineVerdicts(REGISTRATION_LIMITS.map(({ count, windowMs }) => attemptVerdict(events, now.getTime(), { maxFailures: count, windowMs })));
	return verdict.allowed ? 0 : verdict.retryAfterSeconds * 1000;
}

/** Why a registration must wait, in words a person can act on. */
export function registrationRefusal(waitMs: number): string {
	const minutes = Math.ceil(waitMs / MINUTE);
	const when = minutes < 90 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.ceil(minutes / 60)} hours`;
	return `This account has registered many new devices in a short time. Try again in ${when}, or sign in on a device you used before.`;
}

import { z } from 'zod';
import { ticketNumber } from '$core/ticket-number';
import { registerDevice } from './api';

const KEY = 'hd:device';

/** This device's code and how many ticket numbers it has handed out. Kept across sign-outs: numbers never repeat. */
const DeviceState = z.object({ code: z.string().regex(/^[2-9A-HJKMNP-Z]{3}$/), next: z.number().int().min(0) });
type DeviceState = z.infer<typeof DeviceState>;

function read(storage: Storage): DeviceState | null {
	try {
		const parsed = DeviceState.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** This device's code, or null before it has registered. */
export function deviceCode(storage: Storage = localStorage): string | null {
	return read(storage)?.code ?? null;
}

/** Registers the device once (online); later calls return the stored code. */
export async function ensureDeviceCode(storage: Storage = localStorage): Promise<string> {
	const known = read(storage);
	if (known) return known.code;
	const code = await registerDevice();
	storage.setItem(KEY, JSON.stringify({ code, next: 0 } satisfies DeviceState));
	return code;
}

/** Hands out this device's next ticket number; a number is never handed out twice, even across tabs. */
export async function nextTicketNumber(storage: Storage = localStorage): Promise<string> {
	const take = (): string => {
		const state = read(storage);
		if (!state) throw new Error('This device has no code yet: sign in once while online.');
		storage.setItem(KEY, JSON.stringify({ ...state, next: state.next + 1 } satisfies DeviceState));
		return ticketNumber(state.code, state.next);
	};
	return navigator.locks ? navigator.locks.request('hd-ticket-number', take) : take();
}

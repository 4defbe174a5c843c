import { z } from 'zod';
import { DeviceId } from '$core/device-registration';
import { DeviceCode } from '$core/schemas';
import { ticketNumber } from '$core/ticket-number';
import { registerDevice } from './api';

const KEY = 'hd:device';
const ID_KEY = 'hd:device-id';

/** This device's code and how many ticket numbers it has handed out. Kept across sign-outs: numbers never repeat. */
const DeviceState = z.object({ code: DeviceCode, next: z.number().int().min(0) });
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

/** This device's own random id, made once: the server gives the same id the same code. */
function deviceId(storage: Storage): string {
	const known = storage.getItem(ID_KEY);
	if (known && DeviceId.safeParse(known).success) return known;
	const id = crypto.randomUUID();
	storage.setItem(ID_KEY, id);
	return id;
}

/** Registers the device once (online); later calls return the stored code. */
export async function ensureDeviceCode(storage: Storage = localStorage): Promise<string> {
	const known = read(storage);
	if (known) return known.code;
	const { code, next } = await registerDevice(deviceId(storage));
	storage.setItem(KEY, JSON.stringify({ code, next } satisfies DeviceState));
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

import { Hono } from 'hono';
import { deviceCode } from '../../core/ticket-number';
import type { Auth } from '../auth';
import type { Db } from '../store';

const COUNTER_ID = 'meta:devices';

/** Hands out the next device code. Index 0 belongs to the server itself. */
export async function allocateDeviceCode(privateDb: Db): Promise<string> {
	for (;;) {
		const counter = (await privateDb.get(COUNTER_ID).catch(() => ({ _id: COUNTER_ID, next: 1 }))) as { _id: string; _rev?: string; next: number };
		try {
			await privateDb.put({ ...counter, next: counter.next + 1 });
			return deviceCode(counter.next);
		} catch (error) {
			if ((error as { status?: number }).status !== 409) throw error;
		}
	}
}

/** Device registration: each device numbers its own tickets, so numbers are unique even offline. */
export function devicesApp(auth: Auth, privateDb: Db) {
	return new Hono().post('/', async (c) => {
		await auth.identify(c);
		return c.json({ code: await allocateDeviceCode(privateDb) }, 201);
	});
}

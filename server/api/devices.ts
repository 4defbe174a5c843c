import { randomUUID } from 'node:crypto';
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { type DeviceRegistration, DeviceRegistrationRequest, registrationRefusal, registrationWait } from '../../core/device-registration';
import type { UserProfile } from '../../core/schemas';
import { DEVICE_CODE_COUNT, deviceCode, ticketSequence } from '../../core/ticket-number';
import type { Auth } from '../auth';
import { type Db, getOrNull } from '../store';
import { validationHook } from './errors';

const COUNTER_ID = 'meta:devices';

interface Registration {
	_id: string;
	code: string;
	at: string;
}

/** Hands out the next device code, or null when every code is taken. Index 0 belongs to the server itself. */
export async function allocateDeviceCode(privateDb: Db): Promise<string | null> {
	for (;;) {
		const counter = (await privateDb.get(COUNTER_ID).catch(() => ({ _id: COUNTER_ID, next: 1 }))) as { _id: string; _rev?: string; next: number };
		if (counter.next >= DEVICE_CODE_COUNT) return null;
		try {
			await privateDb.put({ ...counter, next: counter.next + 1 });
			return deviceCode(counter.next);
		} catch (error) {
			if ((error as { status?: number }).status !== 409) throw error;
		}
	}
}

/** The first sequence no stored ticket of this device uses: a device that lost its counter must not reuse a number. */
export async function nextSequence(mainDb: Db, code: string): Promise<number> {
	const rows = (await mainDb.allDocs({ startkey: `ticket:${code}-`, endkey: `ticket:${code}-\uffff` })).rows;
	return rows.reduce((next, row) => Math.max(next, (ticketSequence(row.id.slice('ticket:'.length)) ?? -1) + 1), 0);
}

/** Runs one task at a time per key, so parallel calls of one person cannot all pass the rate limit together. */
function oneAtATime() {
	const tails = new Map<string, Promise<unknown>>();
	return <T>(key: string, task: () => Promise<T>): Promise<T> => {
		const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
		const tail = run.catch(() => undefined);
		tails.set(key, tail);
		void tail.then(() => tails.get(key) === tail && tails.delete(key));
		return run;
	};
}

/**
 * Device registration: each device numbers its own tickets, so numbers are unique even offline. A device that sends its id
 * gets its code back; new codes are rate-limited per person (`now` is injectable for tests).
 */
export function devicesApp(auth: Auth, privateDb: Db, mainDb: Db, now: () => Date = () => new Date()) {
	const serialize = oneAtATime();
	const app = new Hono<{ Variables: { me: UserProfile } }>();
	// Who is asking comes first: a stranger learns nothing about what a valid body looks like.
	app.use('*', async (c, next) => {
		c.set('me', await auth.identify(c));
		await next();
	});
	return app.post('/', zValidator('json', DeviceRegistrationRequest, validationHook), async (c) => {
		const me = c.get('me');
		const { deviceId } = c.req.valid('json');
		const prefix = `device:${me.username}:`;
		return serialize(me.username, async () => {
			const known = deviceId ? await getOrNull<Registration>(privateDb, prefix + deviceId) : null;
			if (known) return c.json({ code: known.code, next: await nextSequence(mainDb, known.code) } satisfies DeviceRegistration, 200);

			const mine = await privateDb.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true });
			const wait = registrationWait(mine.rows.map((r) => String((r.doc as Partial<Registration> | undefined)?.at)), now());
			if (wait > 0) {
				c.header('Retry-After', String(Math.ceil(wait / 1000)));
				return c.json({ error: 'too_many_requests', reason: registrationRefusal(wait) }, 429);
			}
			const code = await allocateDeviceCode(privateDb);
			if (!code)
				return c.json(
					{ error: 'unavailable', reason: 'The server has no device codes left, so this device cannot number tickets. Tell your technology office; meanwhile, call the helpdesk.' },
					503
				);
			try {
				await privateDb.put({ _id: prefix + (deviceId ?? randomUUID()), code, at: now().toISOString() } satisfies Registration);
			} catch (error) {
				// The same device registered through another gateway instance meanwhile: its code stands, this one goes unused.
				const other = deviceId && (error as { status?: number }).status === 409 ? await getOrNull<Registration>(privateDb, prefix + deviceId) : null;
				if (!other) throw error;
				return c.json({ code: other.code, next: await nextSequence(mainDb, other.code) } satisfies DeviceRegistration, 200);
			}
			return c.json({ code, next: 0 } satisfies DeviceRegistration, 201);
		});
	});
}

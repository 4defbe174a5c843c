import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { type DeviceRegistration, DeviceRegistrationRequest, registrationRefusal, registrationWait } from '../../core/device-registration';
import { DEVICE_CODE_COUNT, deviceCode, ticketSequence } from '../../core/ticket-number';
import type { Auth } from '../auth';
import { type Db, getOrNull } from '../store';

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
async function nextSequence(mainDb: Db, code: string): Promise<number> {
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

async function readBody(c: { req: { text(): Promise<string> } }): Promise<DeviceRegistrationRequest> {
	const text = await c.req.text();
	let body: unknown = {};
	try {
		if (text.trim()) body = JSON.parse(text);
	} catch {
		throw new HTTPException(400, { message: 'The request body is not valid JSON.' });
	}
	const parsed = DeviceRegistrationRequest.safeParse(body);
	if (!parsed.success) throw new HTTPException(400, { message: `Some fields are wrong: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}.` });
	return parsed.data;
}

/**
 * Device registration: each device numbers its own tickets, so numbers are unique even offline. A device that sends its id
 * gets its code back; new codes are rate-limited per person (`now` is injectable for tests).
 */
export function devicesApp(auth: Auth, privateDb: Db, mainDb: Db, now: () => Date = () => new Date()) {
	const serialize = oneAtATime();
	return new Hono().post('/', async (c) => {
		const me = await auth.identify(c);
		const { deviceId } = await readBody(c);
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

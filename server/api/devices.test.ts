import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceRegistration } from '../../core/device-registration';
import { DEVICE_CODE_COUNT, ticketNumber } from '../../core/ticket-number';
import { Auth } from '../auth';
import { openStore, type Store } from '../store';
import { devicesApp } from './devices';
import { errorResponse } from './errors';

const PASSWORD = 'device-test-password';
const MINUTE = 60_000;

describe('device registration', () => {
	let dir: string;
	let store: Store;
	let clock = new Date('2026-11-30T08:00:00Z');
	let app: ReturnType<typeof devicesApp>;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'devices-'));
		store = await openStore({ DATA_DIR: dir, STORE_URL: undefined });
		const auth = new Auth(store.private, store.main);
		for (const username of ['stu', 'tia', 'uma']) {
			await store.main.put({ _id: `user:${username}`, type: 'user', username, name: username, role: 'requester', kind: 'student', buildings: ['north'], active: true });
			await auth.setPassword(username, PASSWORD);
		}
		app = devicesApp(auth, store.private, store.main, () => clock);
		app.onError(errorResponse);
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const register = async (username: string, body: object = {}) => {
		const response = await app.request('/', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${username}:${PASSWORD}`).toString('base64')}` },
			body: JSON.stringify(body)
		});
		return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
	};

	it('gives the same device its code back, without counting it as a new device', async () => {
		const deviceId = crypto.randomUUID();
		const first = await register('stu', { deviceId });
		expect(first.status).toBe(201);
		const { code } = DeviceRegistration.parse(first.body);
		for (let i = 0; i < 40; i++) expect((await register('stu', { deviceId })).body).toEqual({ code, next: 0 });
		// Another person on the same device id gets a code of their own.
		expect((await register('tia', { deviceId })).body.code).not.toBe(code);
	});

	it('still registers a device that sends no id, as devices did before ids', async () => {
		const response = await app.request('/', { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`uma:${PASSWORD}`).toString('base64')}` } });
		expect(response.status).toBe(201);
		expect(DeviceRegistration.parse(await response.json()).next).toBe(0);
	});

	it('tells a device that lost its counter where to go on, past the numbers its tickets already use', async () => {
		const deviceId = crypto.randomUUID();
		const { code } = DeviceRegistration.parse((await register('uma', { deviceId })).body);
		await store.main.bulkDocs([ticketNumber(code, 0), ticketNumber(code, 40)].map((n) => ({ _id: `ticket:${n}` })));
		expect((await register('uma', { deviceId })).body).toEqual({ code, next: 41 });
	});

	it('limits new devices per person with a 429, the wait and a plain reason, and opens again when the window passes', async () => {
		clock = new Date('2026-12-01T08:00:00Z');
		const codes = new Set<string>();
		for (let i = 0; i < 30; i++) {
			const answer = await register('tia', { deviceId: crypto.randomUUID() });
			expect(answer.status).toBe(201);
			codes.add(String(answer.body.code));
		}
		expect(codes.size).toBe(30);
		const refused = await register('tia', { deviceId: crypto.randomUUID() });
		expect(refused.status).toBe(429);
		expect(refused.retryAfter).toBe(String(60 * 60));
		expect(refused.body.reason).toMatch(/Try again in 60 minutes/);
		// Parallel calls cannot slip through together.
		const burst = await Promise.all(Array.from({ length: 20 }, () => register('tia')));
		expect(burst.every((a) => a.status === 429)).toBe(true);
		// Others are not held back by one person's limit.
		expect((await register('uma', { deviceId: crypto.randomUUID() })).status).toBe(201);
		clock = new Date(clock.getTime() + 60 * MINUTE);
		expect((await register('tia', { deviceId: crypto.randomUUID() })).status).toBe(201);
	});

	it('moves on to four-character codes after the last three-character one, then answers 503 with a reason when none are left', async () => {
		clock = new Date('2026-12-05T08:00:00Z');
		const counter = await store.private.get('meta:devices');
		await store.private.put({ ...counter, next: 31 ** 3 - 1 });
		const last = await register('stu', { deviceId: crypto.randomUUID() });
		const after = await register('stu', { deviceId: crypto.randomUUID() });
		expect(String(last.body.code)).toMatch(/^[2-9A-HJKMNP-Z]{3}$/);
		expect(String(after.body.code)).toMatch(/^[2-9A-HJKMNP-Z]{4}$/);
		expect(ticketNumber(String(after.body.code), 0)).toMatch(/^[2-9A-HJKMNP-Z]{4}-22222$/);

		const full = await store.private.get('meta:devices');
		await store.private.put({ ...full, next: DEVICE_CODE_COUNT });
		const none = await register('stu', { deviceId: crypto.randomUUID() });
		expect(none.status).toBe(503);
		expect(none.body.reason).toMatch(/no device codes left/);
	});

	it('refuses a malformed device id with a 400 and a reason', async () => {
		const answer = await register('stu', { deviceId: '../x' });
		expect(answer.status).toBe(400);
		expect(answer.body.reason).toMatch(/deviceId/);
	});
});

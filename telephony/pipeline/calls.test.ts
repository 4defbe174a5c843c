import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserProfile } from '../../core/schemas';
import type { CallDoc } from '../../core/telephony/docs';
import { type Db, getOrNull } from '../../server/store';
import { Calls } from './calls';
import { groupedPuts } from './grouped-puts';

const CALL = `CA${'7'.repeat(32)}`;

describe('Calls', () => {
	let dir: string;
	let main: Db;
	let priv: Db;
	let mainPuts: number;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'calls-unit-'));
		main = new PouchDB(join(dir, 'main')) as Db;
		priv = new PouchDB(join(dir, 'private')) as Db;
		await Promise.all([main.info(), priv.info()]);
		mainPuts = 0;
		const put = main.put.bind(main);
		main.put = ((...args: Parameters<Db['put']>) => {
			mainPuts++;
			return put(...args);
		}) as Db['put'];
	});
	afterEach(async () => {
		await Promise.all([main.close(), priv.close()]);
		rmSync(dir, { recursive: true, force: true });
	});

	const start = (calls: Calls) => calls.started({ callSid: CALL, from: '+13035550123', to: '+17205550100', at: new Date('2026-11-30T14:00:00Z') }, []);

	it('stores a new call and the step its answer logs in one write', async () => {
		const calls = new Calls(main, priv);
		const { recorded } = start(calls);
		const step = calls.step(CALL, { step: 'menu', language: 'en' });
		await Promise.all([recorded, step]);
		expect(mainPuts).toBe(1);
		const stored = await main.get<CallDoc>(`call:${CALL}`);
		expect(stored.path).toEqual(['menu']);
		expect(stored.outcome).toBe('in-progress');
	});

	it('links the ticket a filing made and the step the caller’s answer logs in one write', async () => {
		const calls = new Calls(main, priv);
		await start(calls).recorded;
		await calls.step(CALL, { step: 'voicemail' });
		const before = mainPuts;
		const linked = calls.filed(CALL, '3AU-2B7', false, true);
		// The answer's step comes a moment later, once the TwiML is sent: after the queued work, within the same turn.
		await new Promise<void>((done) => process.nextTick(done));
		await Promise.all([linked, calls.step(CALL, { step: 'recorded', outcome: 'voicemail' })]);
		expect(mainPuts - before).toBe(1);
		const stored = await main.get<CallDoc>(`call:${CALL}`);
		expect(stored.path).toEqual(['voicemail', 'recorded']);
		expect([stored.ticket, stored.outcome, stored.simulated]).toEqual(['3AU-2B7', 'voicemail', true]);
	});

	it('adds the steps a replayed call asks for to the call first recorded, keeping its caller', async () => {
		const first = new Calls(main, priv);
		await start(first).recorded;
		// Another instance (or a restart) records the same call again: its write meets the stored one.
		const second = new Calls(main, priv);
		const { recorded } = start(second);
		const step = second.step(CALL, { step: 'menu' });
		await Promise.all([recorded, step]);
		const stored = await main.get<CallDoc>(`call:${CALL}`);
		expect(stored.path).toEqual(['menu']);
		expect(stored._rev.startsWith('2-')).toBe(true);
	});

	it('fails the changes asked for meanwhile when the call’s first write fails, rather than saying they were made', async () => {
		const put = main.put.bind(main);
		let refused = false;
		main.put = ((...args: Parameters<Db['put']>) => {
			if (refused) return put(...args);
			refused = true;
			return Promise.reject(Object.assign(new Error('the disk is full'), { status: 500 }));
		}) as Db['put'];
		const calls = new Calls(main, priv);
		const { recorded } = start(calls);
		const linked = calls.filed(CALL, '3AU-2B7', true);
		const step = calls.step(CALL, { step: 'recorded' });
		await expect(recorded).rejects.toThrow('the disk is full');
		await expect(linked).rejects.toThrow('the disk is full');
		await expect(step).rejects.toThrow('the disk is full');
		expect(await getOrNull(main, `call:${CALL}`)).toBeNull();
	});

	it('knows the number the caller dialled while its write is held behind a burst’s tickets, and from the store after', async () => {
		let quietNow!: () => void;
		const quiet = new Promise<void>((done) => (quietNow = done));
		// The private store's background lane, held until the line is quiet (a clock that stands still: no deadline passes).
		const held = groupedPuts(priv, { quiet: () => quiet, now: () => 0 }).background;
		const calls = new Calls(main, held);
		const { recorded } = start(calls);
		expect(await calls.dialled(CALL)).toBe('+17205550100');
		expect(await getOrNull(priv, `phone-call:${CALL}`)).toBeNull();
		quietNow();
		await recorded;
		expect(await calls.dialled(CALL)).toBe('+17205550100');
		// Another process (or this one after a restart) reads it from the store.
		expect(await new Calls(main, priv).dialled(CALL)).toBe('+17205550100');
	});

	it('knows the caller matched at the start before the call is stored, and an unknown caller as nobody', async () => {
		const ann = UserProfile.parse({ _id: 'user:ann', type: 'user', username: 'ann', name: 'Ann Teacher', role: 'requester', kind: 'staff', buildings: ['south'], active: true, email: 'ann@district.test', phone: '(303) 555-0123' });
		const calls = new Calls(main, priv);
		const { recorded } = calls.started({ callSid: CALL, from: '+13035550123', to: '+17205550100', at: new Date('2026-11-30T14:00:00Z') }, [ann]);
		expect(calls.recordedCaller(CALL)).toBe('ann');
		await recorded;
		expect(calls.recordedCaller(CALL)).toBe('ann');
		const other = `CA${'8'.repeat(32)}`;
		const unknown = calls.started({ callSid: other, from: '+19705550199', to: '+17205550100', at: new Date('2026-11-30T14:01:00Z') }, [ann]);
		expect(calls.recordedCaller(other)).toBeNull();
		await unknown.recorded;
		expect(calls.recordedCaller(other)).toBeNull();
		expect(calls.recordedCaller(`CA${'9'.repeat(32)}`)).toBeUndefined();
	});
});

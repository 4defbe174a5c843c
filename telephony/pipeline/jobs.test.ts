import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/store';
import { type JobHandler, type JobKind, Jobs } from './jobs';

const NOW = Date.UTC(2026, 11, 2, 15, 0);
const HOUR = 3_600_000;

describe('Jobs', () => {
	let dir: string;
	let db: Db;
	let jobs: Jobs | null = null;
	const calls: string[] = [];
	const handlers = {} as Record<JobKind, JobHandler>;
	const open = (quiet?: () => Promise<void>) => {
		jobs = new Jobs({ db, now: () => NOW, instance: 'test', handlers, log: () => undefined, quiet });
		return jobs;
	};

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'jobs-unit-'));
		db = new PouchDB(join(dir, 'private')) as Db;
		calls.length = 0;
		for (const kind of ['audio', 'transcript', 'transcript-wait', 'retention', 'sms', 'twilio-delete'] as const)
			handlers[kind] = async (job) => {
				calls.push(`${job.kind}:${job.key}`);
				return 'done';
			};
	});
	afterEach(async () => {
		await jobs?.stop();
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('runs a job poked while it was running again at once, although it asked to be tried an hour later', async () => {
		const j = open();
		let runs = 0;
		handlers.transcript = async (job) => {
			runs++;
			// What the job waits for happens while it runs (another request files the voicemail): that request pokes it.
			if (runs === 1) j.poke('transcript', job.key);
			return runs === 1 ? { waitUntil: NOW + HOUR } : 'done';
		};
		await j.add('transcript', 'RE1', {}, NOW);
		await j.wake();
		expect(runs).toBe(2);
		expect((await db.get<{ doneAt: number | null }>('phone-job:transcript:RE1')).doneAt).toBe(NOW);
	});

	it('keeps a job that asked to wait waiting when nothing poked it', async () => {
		const j = open();
		let runs = 0;
		handlers.transcript = async () => {
			runs++;
			return { waitUntil: NOW + HOUR };
		};
		await j.add('transcript', 'RE2', {}, NOW);
		await j.wake();
		await j.wake();
		expect(runs).toBe(1);
		expect((await db.get<{ nextAt: number }>('phone-job:transcript:RE2')).nextAt).toBe(NOW + HOUR);
	});

	it('sends an emergency text first and without waiting for the answers under way; other jobs wait for them', async () => {
		let release = () => {};
		const answersDone = new Promise<void>((done) => (release = done));
		const j = open(() => answersDone);
		await j.addAll([
			{ kind: 'audio', key: 'RE3', payload: {}, dueAt: NOW - 60_000 },
			{ kind: 'sms', key: 'T-1:oncall', payload: {}, dueAt: NOW }
		]);
		const round = j.wake();
		await expect.poll(() => calls).toEqual(['sms:T-1:oncall']);
		release();
		await round;
		expect(calls).toEqual(['sms:T-1:oncall', 'audio:RE3']);
	});
});

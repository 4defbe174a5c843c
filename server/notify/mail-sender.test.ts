import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotifyEvent } from '../../core/notify/event';
import { type Mailbox, startMailbox } from '../../tests/support/mailbox';
import type { Db } from '../store';
import { MailSender } from './mail-sender';
import { type OutboxDoc, outboxId, queueMail } from './outbox';
import { readCheckpoint } from './state';

const NOW = Date.parse('2026-12-07T16:00:00.000Z');
const event = (n: number): NotifyEvent => ({ key: `ticket:K7M-4QX:entry:e${n}:assigned:ana`, kind: 'assigned', recipient: 'ana', at: NOW, ticket: 'K7M-4QX', priority: 1, entryId: `e${n}`, by: 'dee' });

describe('the outbox and its sender, on a real store and a real SMTP receiver', () => {
	let dir: string;
	let db: Db;
	let mailbox: Mailbox;
	let sender: MailSender | null = null;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'notify-unit-'));
		db = new PouchDB(join(dir, 'private'));
		mailbox = await startMailbox();
	});
	afterEach(async () => {
		await sender?.stop();
		await mailbox.close();
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const mail = (n: number, sendAt = NOW) => ({ event: event(n), to: `ana${n}@district.test`, subject: `Mail ${n}`, text: 'Hello.', sendAt });
	const start = (now: number) => {
		sender = new MailSender({ db, smtpUrl: mailbox.url, from: 'Helpdesk <helpdesk@district.test>', now: () => now, instance: 'this-one', log: () => undefined });
		sender.start();
		return sender;
	};

	it('queues an event’s mail once', async () => {
		expect(await queueMail(db, mail(1))).toBe(true);
		expect(await queueMail(db, { ...mail(1), subject: 'Again' })).toBe(false);
		expect(((await db.get(outboxId(event(1).key))) as unknown as OutboxDoc).subject).toBe('Mail 1');
	});

	it('leaves a mail another instance is sending, takes one whose claim is over 10 minutes old, and sends nothing early', async () => {
		await queueMail(db, mail(1, NOW - 3000));
		await queueMail(db, mail(2, NOW - 2000));
		await queueMail(db, mail(3, NOW + 60_000));
		await queueMail(db, mail(4, NOW - 1000));
		const claim = async (n: number, claimedAt: number) => {
			const doc = (await db.get(outboxId(event(n).key))) as unknown as OutboxDoc;
			await db.put({ ...doc, claimedAt, claimedBy: 'other' });
		};
		await claim(1, NOW - 9 * 60_000);
		await claim(2, NOW - 11 * 60_000);
		start(NOW);
		// Mails go in due order: mail 4 (due last of the three due) arrives after any of the others would.
		await mailbox.waitFor('mail 4', () => mailbox.to('ana4@district.test').length, 1);
		expect(mailbox.messages.map((m) => m.subject)).toEqual(['Mail 2', 'Mail 4']);
		const two = (await db.get(outboxId(event(2).key))) as unknown as OutboxDoc;
		expect(two).toMatchObject({ sentAt: NOW, claimedAt: null, claimedBy: null, attempts: 0 });
	});

	it('records a refusal with the next attempt a minute later, then sends once the receiver takes mail', async () => {
		mailbox.refuse(true);
		await queueMail(db, mail(1));
		const first = start(NOW);
		await mailbox.waitFor('the refusal', () => mailbox.refused(), 1);
		await first.stop();
		const failed = (await db.get(outboxId(event(1).key))) as unknown as OutboxDoc;
		expect(failed).toMatchObject({ attempts: 1, nextAt: NOW + 60_000, sentAt: null, claimedAt: null });
		expect(failed.lastError).toMatch(/451/);
		mailbox.refuse(false);
		start(NOW + 60_000);
		await mailbox.waitFor('the mail', () => mailbox.messages.length, 1);
		expect(mailbox.messages.map((m) => m.subject)).toEqual(['Mail 1']);
	});

	it('keeps the first start’s cutoff: a later start or a second instance reads the same checkpoint', async () => {
		const main = new PouchDB(join(dir, 'main')) as Db;
		await main.put({ _id: 'ticket:x', type: 'ticket' });
		const first = await readCheckpoint(db, main, NOW);
		expect(first).toEqual({ fresh: true, checkpoint: { seq: 1, since: '2026-12-07T16:00:00.000Z' } });
		expect(await readCheckpoint(db, main, NOW + 60_000)).toEqual({ fresh: false, checkpoint: first.checkpoint });
		await main.close();
	});
});

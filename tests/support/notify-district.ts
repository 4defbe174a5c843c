import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { expect } from 'vitest';
import { notificationId } from '../../core/notify/notification-doc';
import type { Ticket } from '../../core/schemas';
import { SLA_PRESETS } from '../../core/sla/presets';
import { newTicket } from '../../core/ticket';
import { withNote } from '../../core/ticket-changes';
import { api, PEOPLE, provision } from './district';
import type { WatchedServer } from './server';

const STAMP = { updatedAt: '2026-11-30T12:00:00-07:00', updatedBy: 'admin' };
const weekday = [{ start: '07:00', end: '15:30' }];

/** The district's hours in the tests: Monday to Friday 07:00 to 15:30 in Denver (UTC-7 in December). */
export const CALENDAR = {
	_id: 'calendar:district',
	type: 'calendar',
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: [],
	...STAMP
};

/** Everyone's address in the tests. */
export const mailOf = (username: string): string => `${username}@district.test`;

/** Two buildings, one person per role, each with an email address; the calendar; and, when asked, policy ts-pe-004 active. */
export async function provisionForMail(server: WatchedServer, options: { policy?: boolean } = {}): Promise<void> {
	await provision(server);
	for (const p of PEOPLE) {
		const r = await api(server, `/api/admin/users/${p.username}`, {
			method: 'PUT',
			body: JSON.stringify({ username: p.username, name: p.name ?? p.username, role: p.role, kind: p.kind ?? 'staff', buildings: p.buildings, active: true, email: mailOf(p.username) })
		});
		expect(r.status, JSON.stringify(r.body)).toBe(200);
	}
	const docs: Record<string, unknown>[] = [CALENDAR];
	if (options.policy) {
		const policy = SLA_PRESETS.find((p) => p.id === 'ts-pe-004');
		docs.push({ _id: 'sla-policy:ts-pe-004', type: 'sla-policy', ...policy, ...STAMP }, { _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004', ...STAMP });
		docs.push({ _id: 'category:break-fix', type: 'category', code: 'break-fix', name: 'Break/fix', description: '', active: true });
	}
	for (const doc of docs) {
		const r = await api(server, `/db/helpdesk/${doc._id as string}`, { method: 'PUT', body: JSON.stringify(doc) });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
	}
}

/** The server's clock now (epoch ms): the machine's plus its CLOCK_OFFSET_MS. */
export const serverNow = (server: WatchedServer): number => Date.now() + Number(server.env.CLOCK_OFFSET_MS ?? 0);

/** The CLOCK_OFFSET_MS that puts the server's clock at `at`. */
export const offsetFor = (at: number): string => String(at - Date.now());

/** Restarts the server with its clock at `at` and waits until the notifier has read every change and swept the clocks. */
export async function restartAt(server: WatchedServer, at: number): Promise<void> {
	await server.stop();
	server.env.CLOCK_OFFSET_MS = offsetFor(at);
	const caughtUp = server.waitForOutput(/notify: caught up/, 60_000);
	await server.restart();
	await caughtUp;
}

let sequence = 0;
/** Files a ticket through the gateway as `by`, dated by the server's clock. */
export async function fileTicket(server: WatchedServer, by: string, over: Partial<Parameters<typeof newTicket>[0]>): Promise<Ticket> {
	sequence++;
	const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
	const number = `NTF-${alphabet[(Date.now() / 1000) % 31 | 0]}${alphabet[Math.floor(sequence / 31) % 31]}${alphabet[sequence % 31]}`;
	const ticket = newTicket(
		{ number, requester: 'ann', requesterName: 'Ann Teacher', createdBy: by, source: 'phone', title: 'Projector dead in room 12', description: 'No picture.', building: 'north', ...over },
		new Date(serverNow(server)).toISOString(),
		`${number}-created`
	);
	const r = await api(server, `/db/helpdesk/${ticket._id}`, { as: by, method: 'PUT', body: JSON.stringify(ticket) });
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return ticket;
}

/** Adds a note to a ticket through the gateway as `by`; returns the note's entry id. */
export async function addNote(server: WatchedServer, by: string, number: string, text: string): Promise<string> {
	const stored = (await api(server, `/db/helpdesk/ticket:${number}`, { as: by })).body as unknown as Ticket;
	const id = `${number}-note-${Date.now()}`;
	const next = withNote(stored, { by, at: new Date(serverNow(server)).toISOString(), id }, text);
	const r = await api(server, `/db/helpdesk/ticket:${number}`, { as: by, method: 'PUT', body: JSON.stringify(next) });
	expect(r.status, JSON.stringify(r.body)).toBe(201);
	return `${id}-n`;
}

/** The in-app notification a person has for an event key, as their device reads it (status 404 when none). */
export function inApp(server: WatchedServer, recipient: string, key: string) {
	return api(server, `/db/helpdesk/${notificationId(recipient, key)}`, { as: recipient });
}

/**
 * Removes everything the notifier keeps in the stopped server's private database (checkpoint, sent records, outbox), as
 * on a store from before notifications existed; returns how many documents it removed.
 */
export async function forgetNotifier(server: WatchedServer): Promise<number> {
	const privateDb = new PouchDB(join(server.dataDir, 'private'));
	const mine = (await privateDb.allDocs()).rows.filter((r) => /^(notify:|sent:|outbox:)/.test(r.id));
	await privateDb.bulkDocs(mine.map((r) => ({ _id: r.id, _rev: r.value.rev, _deleted: true })));
	const checkpoint = await privateDb.get('_local/notify-checkpoint').catch(() => null);
	if (checkpoint) await privateDb.remove(checkpoint);
	await privateDb.close();
	return mine.length + (checkpoint ? 1 : 0);
}

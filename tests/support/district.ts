import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { Role, Ticket } from '../../core/schemas';
import { newTicket } from '../../core/ticket';
import { ADMIN_PASSWORD, type RunningServer } from './server';

export const PASSWORD = 'test-password-1';

/** Calls the REST API as a person (HTTP Basic). */
export async function api(server: RunningServer, path: string, init: RequestInit & { as?: string; password?: string } = {}) {
	const { as = 'admin', password = as === 'admin' ? ADMIN_PASSWORD : PASSWORD, ...rest } = init;
	const response = await fetch(`${server.url}${path}`, {
		...rest,
		headers: {
			'content-type': 'application/json',
			authorization: `Basic ${Buffer.from(`${as}:${password}`).toString('base64')}`,
			...(rest.headers ?? {})
		}
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, body: body as Record<string, unknown> & { reason?: string } };
}

export interface Person {
	username: string;
	role: Role;
	buildings: string[];
	kind?: 'staff' | 'student';
	name?: string;
}

export const PEOPLE: Person[] = [
	{ username: 'ann', role: 'requester', buildings: ['north'], name: 'Ann Teacher' },
	{ username: 'bob', role: 'requester', buildings: ['north'], name: 'Bob Secretary' },
	{ username: 'cat', role: 'requester', buildings: ['south'], name: 'Cat Student', kind: 'student' },
	{ username: 'tech-n', role: 'building-tech', buildings: ['north'], name: 'Nina North' },
	{ username: 'tech-s', role: 'building-tech', buildings: ['south'], name: 'Sam South' },
	{ username: 'spec', role: 'specialist', buildings: [], name: 'Pat Network' },
	{ username: 'coord', role: 'coordinator', buildings: [], name: 'Cora Coordinator' }
];

/** Provisions two buildings and one person per role through the admin API. */
export async function provision(server: RunningServer): Promise<void> {
	for (const [code, tech] of [
		['north', 'tech-n'],
		['south', 'tech-s']
	]) {
		const r = await api(server, `/api/admin/buildings/${code}`, {
			method: 'PUT',
			body: JSON.stringify({ code, name: `${code} school`, kind: 'school', technician: tech })
		});
		if (r.status !== 200) throw new Error(`building ${code}: ${JSON.stringify(r.body)}`);
	}
	for (const p of PEOPLE) await saveUser(server, p);
}

/** Creates or updates a person through the admin API. */
export async function saveUser(server: RunningServer, p: Person): Promise<void> {
	const r = await api(server, `/api/admin/users/${p.username}`, {
		method: 'PUT',
		body: JSON.stringify({ username: p.username, name: p.name ?? p.username, role: p.role, kind: p.kind ?? 'staff', buildings: p.buildings, active: true, password: PASSWORD })
	});
	if (r.status !== 200) throw new Error(`user ${p.username}: ${JSON.stringify(r.body)}`);
}

/** A device's database, taking core's document types as they are (PouchDB's own typings differ on attachments). */
type LocalDb = Omit<PouchDB.Database<Record<string, unknown>>, 'put' | 'bulkDocs'> & {
	put(doc: object): Promise<PouchDB.Core.Response>;
	bulkDocs(docs: object[]): Promise<(PouchDB.Core.Response | PouchDB.Core.Error)[]>;
};

/** A device: a local PouchDB on disk and the remote gateway database, signed in as one person. */
export function device(server: RunningServer, username: string, password = username === 'admin' ? ADMIN_PASSWORD : PASSWORD) {
	const local = new PouchDB<Record<string, unknown>>(join(mkdtempSync(join(tmpdir(), `device-${username}-`)), 'db')) as LocalDb;
	const remote = new PouchDB<Record<string, unknown>>(`${server.url}/db/helpdesk`, { auth: { username, password }, skip_setup: true });
	return {
		local,
		remote,
		pull: () => local.replicate.from(remote, { batch_size: 100 }),
		push: () => local.replicate.to(remote, { batch_size: 100 }),
		sync: () => local.sync(remote, { batch_size: 100 }),
		ids: async (prefix = 'ticket:') => (await local.allDocs({ startkey: prefix, endkey: `${prefix}\uffff` })).rows.map((r) => r.id).sort()
	};
}

let sequence = 0;
/** A new ticket as a device would make it. */
export function makeTicket(by: string, over: Partial<Parameters<typeof newTicket>[0]> = {}): Ticket {
	sequence++;
	const number = `KMN-${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(sequence / 961) % 31]}${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[Math.floor(sequence / 31) % 31]}${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[sequence % 31]}`;
	return newTicket(
		{
			number,
			requester: by,
			requesterName: by,
			createdBy: by,
			source: 'web',
			title: 'Projector in room 114 will not turn on',
			description: 'The lamp light blinks orange and nothing shows on the screen.',
			building: 'north',
			room: '114',
			...over
		},
		new Date().toISOString(),
		`${number}-created`
	);
}

/** Files a new ticket from a person's device through the gateway; throws if the gateway refuses it. */
export async function fileAs(server: RunningServer, username: string, over: Partial<Parameters<typeof newTicket>[0]> = {}): Promise<Ticket> {
	const d = device(server, username);
	const t = makeTicket(username, over);
	await d.local.put(t);
	const r = await d.push();
	if (r.doc_write_failures) throw new Error(`the gateway refused ${t.number} from ${username}: ${JSON.stringify(r.errors)}`);
	return t;
}

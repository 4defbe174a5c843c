/**
 * The Monday bench's district: buildings, building technicians, requesters and their tickets (tests/bench/tickets.ts,
 * moved into the district's buildings and given to its people), and the two ways of loading them into the gateway.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { NotificationDoc, notificationId } from '../../core/notify/notification-doc';
import { Ticket, type Ticket as TicketDoc } from '../../core/schemas';
import { api, type Person, PASSWORD, saveUser } from '../support/district';
import type { RunningServer } from '../support/server';
import { benchTicket } from './tickets';

/** One device of the Monday morning: whose it is and how many tickets its scope holds. */
export interface DeviceSpec {
	username: string;
	role: 'building-tech' | 'requester';
	building: string;
	tickets: number;
}

export interface District {
	buildings: string[];
	/** Everyone to provision: each building's first technician and every device's person. */
	people: Person[];
	devices: DeviceSpec[];
	tickets: TicketDoc[];
	/** Each building's tickets, and each requester device's, for the stand-in's databases. */
	byBuilding: Map<string, TicketDoc[]>;
	byRequester: Map<string, TicketDoc[]>;
}

/** How many tickets one requester has filed over the years (open ones: the bench tickets are all assigned). */
const TICKETS_PER_REQUESTER = 25;

const buildingCode = (b: number) => `b${String(b + 1).padStart(2, '0')}`;
const techName = (b: number, k: number) => `tech-${buildingCode(b)}-${k + 1}`;
const requesterName = (j: number, buildings: number) => `req-${buildingCode(j % buildings)}-${Math.floor(j / buildings) + 1}`;

/** A bench ticket moved into a building, filed for a requester and assigned to the building's technician. */
function districtTicket(i: number, building: string, requester: string, technician: string): TicketDoc {
	const base = benchTicket(i, 100 + Math.floor(i / 10_000), i % 10_000, building);
	const history = base.history.map((entry) => (entry.kind === 'created' ? { ...entry, fields: { ...entry.fields, assignee: technician } } : entry));
	return { ...base, requester, requesterName: requester, contactEmail: `${requester}@district.example`, assignee: technician, history };
}

/**
 * A district of `ticketCount` tickets over `buildingCount` buildings and `deviceCount` devices: one in ten a building
 * technician's (spread over the buildings, the first of each building assigned its tickets), the rest requesters'.
 */
export function buildDistrict(ticketCount: number, deviceCount: number, buildingCount: number): District {
	const techDevices = Math.max(1, Math.round(deviceCount / 10));
	const requesterDevices = deviceCount - techDevices;
	const requesterPool = Math.max(requesterDevices, buildingCount, Math.round(ticketCount / TICKETS_PER_REQUESTER));
	const buildings = Array.from({ length: buildingCount }, (_, b) => buildingCode(b));
	const byBuilding = new Map(buildings.map((code) => [code, [] as TicketDoc[]]));
	const deviceRequesters = new Set(Array.from({ length: requesterDevices }, (_, j) => requesterName(j, buildingCount)));
	const byRequester = new Map([...deviceRequesters].map((name) => [name, [] as TicketDoc[]]));
	const tickets: TicketDoc[] = [];
	for (let i = 0; i < ticketCount; i++) {
		const j = i % requesterPool;
		const b = j % buildingCount;
		const ticket = districtTicket(i, buildings[b], requesterName(j, buildingCount), techName(b, 0));
		tickets.push(ticket);
		byBuilding.get(buildings[b])!.push(ticket);
		byRequester.get(ticket.requester)?.push(ticket);
	}
	const checked = Ticket.safeParse(tickets[0]);
	if (!checked.success) throw new Error(`a Monday ticket is not a valid Ticket: ${checked.error.message}`);
	const devices: DeviceSpec[] = [];
	// Every building's first technician exists (the gateway assigns only to people it knows), with a device or not.
	const technician = (b: number, k: number): Person => ({ username: techName(b, k), role: 'building-tech', buildings: [buildings[b]], name: techName(b, k) });
	const people: Person[] = buildings.map((_, b) => technician(b, 0));
	for (let t = 0; t < techDevices; t++) {
		const b = t % buildingCount;
		const username = techName(b, Math.floor(t / buildingCount));
		if (t >= buildingCount) people.push(technician(b, Math.floor(t / buildingCount)));
		devices.push({ username, role: 'building-tech', building: buildings[b], tickets: byBuilding.get(buildings[b])!.length });
	}
	for (const username of deviceRequesters) {
		const building = username.split('-')[1];
		people.push({ username, role: 'requester', buildings: [building], name: username });
		devices.push({ username, role: 'requester', building, tickets: byRequester.get(username)!.length });
	}
	return { buildings, people, devices, tickets, byBuilding, byRequester };
}

/** Creates the buildings and every device's person through the admin API (four at a time: each hashes a password). */
export async function provisionDistrict(server: RunningServer, district: District): Promise<void> {
	for (const [b, code] of district.buildings.entries()) {
		const r = await api(server, `/api/admin/buildings/${code}`, { method: 'PUT', body: JSON.stringify({ code, name: `School ${code}`, kind: 'school', technician: techName(b, 0) }) });
		if (r.status !== 200) throw new Error(`building ${code}: ${JSON.stringify(r.body)}`);
	}
	for (let i = 0; i < district.people.length; i += 4) await Promise.all(district.people.slice(i, i + 4).map((p) => saveUser(server, p)));
}

/** Pushes tickets through the gateway as the coordinator, `batch` per _bulk_docs; returns the milliseconds taken. */
export async function loadThroughGateway(server: RunningServer, tickets: TicketDoc[], batch = 1000): Promise<number> {
	const t0 = performance.now();
	const authorization = `Basic ${Buffer.from(`coord:${PASSWORD}`).toString('base64')}`;
	for (let i = 0; i < tickets.length; i += batch) {
		const response = await fetch(`${server.url}/db/helpdesk/_bulk_docs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization },
			body: JSON.stringify({ docs: tickets.slice(i, i + batch) })
		});
		const results = (await response.json()) as { error?: string; reason?: string }[];
		const refused = Array.isArray(results) ? results.filter((r) => r.error) : [results];
		if (response.status !== 201 || refused.length) throw new Error(`the gateway refused the load (${response.status}): ${JSON.stringify(refused.slice(0, 2))}`);
	}
	return performance.now() - t0;
}

/** The coordinator who filed the bench tickets, whose account loads them through the gateway. */
export const LOADER: Person = { username: 'coord', role: 'coordinator', buildings: [], name: 'Cora Coordinator' };

/**
 * The coordinator's notifications of the first `count` tickets' breached clocks: documents of the district that reach
 * none of the 300 devices (the coordinator has none), so the stand-in needs no copy of them.
 */
export function coordinatorNotifications(tickets: TicketDoc[], count: number): NotificationDoc[] {
	const notifications = tickets.slice(0, count).map((ticket): NotificationDoc => {
		const key = `clock:${ticket.number}:breached`;
		return { _id: notificationId(LOADER.username, key), type: 'notification', recipient: LOADER.username, kind: 'breached', key, at: ticket.createdAt, text: `Ticket ${ticket.number} is past its resolution target.`, ticket: ticket.number, outage: null, readAt: null };
	});
	const checked = notifications.length ? NotificationDoc.safeParse(notifications[0]) : null;
	if (checked && !checked.success) throw new Error(`a Monday notification is not a valid NotificationDoc: ${checked.error.message}`);
	return notifications;
}

/** Writes documents straight into the stopped server's LevelDB folder; returns the milliseconds taken. */
export async function loadIntoStore(dataDir: string, docs: (TicketDoc | NotificationDoc)[], batch = 5000): Promise<number> {
	const t0 = performance.now();
	const db = new PouchDB<Record<string, unknown>>(join(dataDir, 'helpdesk'));
	for (let i = 0; i < docs.length; i += batch) {
		const results = await db.bulkDocs(docs.slice(i, i + batch) as unknown as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
		const failed = results.filter((r) => 'error' in r && r.error);
		if (failed.length) throw new Error(`direct load failed: ${JSON.stringify(failed.slice(0, 2))}`);
	}
	await db.close();
	return performance.now() - t0;
}

/** The stand-in's database for a device: its building's for a technician, its own (a database per user) for a requester. */
export const standinDbName = (device: DeviceSpec) => (device.role === 'building-tech' ? `building-${device.building}` : `user-${device.username}`);

/** Loads the stand-in's databases over HTTP: one per building (all tickets) and one per requester device. */
export async function loadStandin(url: string, district: District): Promise<number> {
	const t0 = performance.now();
	const sets: [string, TicketDoc[]][] = [
		...[...district.byBuilding].map(([code, docs]) => [`building-${code}`, docs] as [string, TicketDoc[]]),
		...[...district.byRequester].map(([name, docs]) => [`user-${name}`, docs] as [string, TicketDoc[]])
	];
	for (let i = 0; i < sets.length; i += 8) {
		await Promise.all(
			sets.slice(i, i + 8).map(async ([name, docs]) => {
				const db = new PouchDB<Record<string, unknown>>(`${url}/${name}`);
				for (let k = 0; k < docs.length; k += 2000) await db.bulkDocs(docs.slice(k, k + 2000) as unknown as PouchDB.Core.PutDocument<Record<string, unknown>>[]);
				if ((await db.info()).doc_count !== docs.length) throw new Error(`stand-in ${name}: not every ticket was stored`);
			})
		);
	}
	return performance.now() - t0;
}

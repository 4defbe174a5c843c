/**
 * A child process of the live propagation bench (tests/bench/live-propagation.ts): it holds a share of the live
 * devices, each a real PouchDB on LevelDB with a live pull replicating as the PWA's does (web/lib/reconnect.ts's
 * REPLICATION, batch_size 250), so that 500 clients' LevelDB writes and JSON parsing spread over a few event loops and
 * processes instead of queueing on the bench's own.
 *
 * A change is "seen" by a device when its pull has written it to the local database (the replication's 'change'
 * event, emitted before the checkpoint is written back). Times are performance.timeOrigin + performance.now(): epoch
 * milliseconds with sub-millisecond resolution, comparable with the parent's (same system clock).
 *
 * Messages in: { type: 'add', dir, since, clients: LiveDevice[] } (any number of times), then { type: 'stop' }.
 * Messages out: { type: 'added', errors } once every added device has caught up (first pause); { type: 'seen', arrivals }
 * (a few per change, [id, device index, epoch ms]); { type: 'stopped' }.
 */
import { Agent } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { REPLICATION } from '../../web/lib/reconnect';

export interface LiveDevice {
	index: number;
	url: string;
	username?: string;
	password?: string;
}

export interface AddMessage {
	type: 'add';
	dir: string;
	since: number | string;
	/** Reuse connections, as a browser does (node-fetch otherwise sends `Connection: close`). */
	keepAlive: boolean;
	clients: LiveDevice[];
}

export type Arrival = [id: string, index: number, epochMs: number];

type Db = PouchDB.Database<Record<string, unknown>>;
type Rep = PouchDB.Replication.Replication<Record<string, unknown>>;

/** The PWA's pull batch (web/lib/sync-manager.svelte.ts). */
const PULL_BATCH = 250;
const send = (message: object) => process.send?.(message);
const epochMs = () => performance.timeOrigin + performance.now();

const open: { local: Db; rep: Rep }[] = [];
let errors = 0;
let pending: Arrival[] = [];
let flushing = false;

/** Sends what arrived in this turn of the event loop as one message (500 devices' arrivals take a few). */
function arrived(id: string, index: number) {
	pending.push([id, index, epochMs()]);
	if (flushing) return;
	flushing = true;
	setImmediate(() => {
		flushing = false;
		send({ type: 'seen', arrivals: pending });
		pending = [];
	});
}

function start(device: LiveDevice, message: AddMessage, agent: Agent | undefined): Promise<void> {
	const dir = join(message.dir, `device-${device.index}`);
	mkdirSync(dir, { recursive: true });
	const local = new PouchDB<Record<string, unknown>>(join(dir, 'db'));
	const auth = device.username ? { auth: { username: device.username, password: device.password ?? '' } } : {};
	const fetch = agent ? { fetch: ((url: string, init?: RequestInit) => PouchDB.fetch(url, { ...init, agent } as RequestInit)) as unknown as PouchDB.Core.Options['fetch'] } : {};
	const remote = new PouchDB<Record<string, unknown>>(device.url, { skip_setup: true, ...auth, ...fetch });
	const rep = local.replicate.from(remote, { ...REPLICATION, batch_size: PULL_BATCH, since: message.since as number });
	open.push({ local, rep });
	rep.on('change', (info) => {
		for (const doc of info.docs) arrived(doc._id, device.index);
	});
	rep.on('denied', () => errors++);
	rep.on('error', () => errors++);
	return new Promise((caughtUp) =>
		rep.on('paused', (error) => {
			if (error) errors++;
			else caughtUp();
		})
	);
}

const agent = new Agent({ keepAlive: true });

process.on('message', (message: AddMessage | { type: 'stop' }) => {
	if (message.type === 'add') {
		void Promise.all(message.clients.map((device) => start(device, message, message.keepAlive ? agent : undefined))).then(() => send({ type: 'added', errors }));
		return;
	}
	if (message.type === 'stop') {
		for (const { rep } of open) rep.cancel();
		void Promise.all(open.map(({ local }) => local.close().catch(() => undefined))).then(() => send({ type: 'stopped', errors }));
	}
});

// The bench that started this process is gone (killed, out of memory): stop replicating rather than keep retrying
// against nothing and take CPU from whatever runs next.
process.on('disconnect', () => process.exit(0));

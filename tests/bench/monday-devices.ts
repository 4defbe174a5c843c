/**
 * A child process of the Monday bench (tests/bench/monday.ts): it holds a share of the devices, each a real PouchDB on
 * LevelDB, and starts their first pulls when the parent says go. The devices are spread over a few such processes so
 * that the client side (LevelDB writes, JSON parsing) does not queue behind one event loop and pass for server time.
 *
 * Messages in: { type: 'devices', dir, batchSize, timeoutMs, devices: WorkerDevice[] }, then { type: 'go' }.
 * Messages out: { type: 'ready' }, one { type: 'done', ...DeviceResult } per device, then { type: 'finished' }.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';

export interface WorkerDevice {
	label: string;
	url: string;
	username?: string;
	password?: string;
	expectTickets: number;
}

export interface DeviceResult {
	label: string;
	/** Milliseconds from go to the end of the first pull (or to the failure). */
	ms: number;
	docs: number;
	tickets: number;
	error: string | null;
}

type Db = PouchDB.Database<Record<string, unknown>>;

interface Setup {
	type: 'devices';
	dir: string;
	batchSize: number;
	timeoutMs: number;
	devices: WorkerDevice[];
}

const send = (message: object) => process.send?.(message);

// A request PouchDB makes outside the replication's own promise (e.g. a keep-alive socket the server closed as the
// request went out: ECONNRESET under heavy load) rejects with no handler; it used to end this process and the whole
// run. It is reported, and the device it belonged to fails through its replication or its timeout instead.
process.on('unhandledRejection', (reason) => console.error(`device worker: a request failed outside a replication: ${reason instanceof Error ? reason.message : String(reason)}`));

async function firstPull(local: Db, remote: Db, device: WorkerDevice, setup: Setup, go: number): Promise<DeviceResult> {
	const rep = local.replicate.from(remote, { batch_size: setup.batchSize, retry: false });
	let error: string | null = null;
	rep.on('denied', (e) => (error ??= `denied: ${JSON.stringify(e).slice(0, 200)}`));
	const timer = setTimeout(() => {
		error ??= `not finished after ${setup.timeoutMs / 1000} s`;
		rep.cancel();
	}, setup.timeoutMs);
	let docs = 0;
	try {
		const result = await rep;
		docs = result.docs_written;
		if (result.doc_write_failures) error ??= `${result.doc_write_failures} write failures`;
	} catch (e) {
		error ??= e instanceof Error ? e.message : JSON.stringify(e).slice(0, 200);
	} finally {
		clearTimeout(timer);
	}
	const ms = performance.now() - go;
	const tickets = (await local.allDocs({ startkey: 'ticket:', endkey: 'ticket:\uffff' })).rows.length;
	if (!error && tickets !== device.expectTickets) error = `${tickets} tickets on the device, expected ${device.expectTickets}`;
	return { label: device.label, ms, docs, tickets, error };
}

let setup: Setup | null = null;
let pairs: { device: WorkerDevice; local: Db; remote: Db }[] = [];

process.on('message', (message: Setup | { type: 'go' }) => {
	if (message.type === 'devices') {
		setup = message;
		pairs = message.devices.map((device, i) => {
			const dir = join(message.dir, `device-${i}`);
			mkdirSync(dir, { recursive: true });
			const local = new PouchDB<Record<string, unknown>>(join(dir, 'db'));
			const auth = device.username ? { auth: { username: device.username, password: device.password ?? '' } } : {};
			const remote = new PouchDB<Record<string, unknown>>(device.url, { skip_setup: true, ...auth });
			return { device, local, remote };
		});
		void Promise.all(pairs.map((p) => p.local.info())).then(() => send({ type: 'ready' }));
		return;
	}
	if (message.type === 'go' && setup) {
		const go = performance.now();
		const running = setup;
		void Promise.all(
			pairs.map(async ({ device, local, remote }) => {
				const result = await firstPull(local, remote, device, running, go);
				send({ type: 'done', ...result });
			})
		).then(async () => {
			await Promise.all(pairs.map((p) => p.local.close().catch(() => undefined)));
			send({ type: 'finished' });
		});
	}
});

// The bench that started this process is gone: stop rather than keep pulling.
process.on('disconnect', () => process.exit(0));

import { type ChildProcess, spawn } from 'node:child_process';
import { buildServer } from '../../scripts/build-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
	});
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, ms = 60_000): Promise<void> {
	return new Promise((done, fail) => {
		let output = '';
		const timer = setTimeout(() => fail(new Error(`${what} did not start in ${ms} ms:\n${output}`)), ms);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (pattern.test(output)) {
				clearTimeout(timer);
				done();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			fail(new Error(`${what} exited with ${code}:\n${output}`));
		});
	});
}

export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	env: Record<string, string>;
	/** The server process's id while it runs (for benches that read its CPU time). */
	pid?(): number | undefined;
	/** Stops the process (SIGTERM, or SIGKILL to simulate a crash). */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts the process again on the same port and data. */
	restart(): Promise<void>;
	/** Stops the process and removes its data. */
	dispose(): Promise<void>;
	output(): string;
}

/** A server started by startServer, whose output can be awaited. */
export interface WatchedServer extends RunningServer {
	/** Resolves when the process prints something matching `pattern` after this call; rejects after `ms`. */
	waitForOutput(pattern: RegExp, ms?: number): Promise<void>;
}

export const ADMIN_PASSWORD = 'admin-password-for-tests';

let bundle: Promise<string> | undefined;
/** The server as `npm start` runs it: the bundle the test run's global setup built, or one built now for this process. */
function serverBundle(): Promise<string> {
	return process.env.SERVER_BUNDLE ? Promise.resolve(process.env.SERVER_BUNDLE) : (bundle ??= buildServer());
}

/**
 * Starts the real server process (the bundle of server/main.ts) on a free port and a temporary DATA_DIR; `nodeArgs` go
 * to node before the bundle (a bench's --cpu-prof).
 */
export async function startServer(extraEnv: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<WatchedServer> {
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-test-'));
	const env: Record<string, string> = {
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		DEMO: '0',
		ADMIN_PASSWORD,
		WEB_DIR: join(ROOT, 'build'),
		...extraEnv
	};
	let child: ChildProcess;
	let log = '';
	const watchers = new Set<() => void>();
	const record = (c: Buffer) => {
		log += c.toString();
		for (const watcher of [...watchers]) watcher();
	};
	const launch = async () => {
		// node itself, not the tsx wrapper: a SIGKILL must reach the process that holds the store.
		child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', await serverBundle()], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout?.on('data', record);
		child.stderr?.on('data', record);
		await waitForLine(child, /Helpdesk ready/, 'The server');
	};
	const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			child.once('exit', () => done());
			child.kill(signal);
		});
	await launch();
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dataDir,
		env,
		pid: () => child.pid,
		stop,
		restart: launch,
		dispose: async () => {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
		},
		output: () => log,
		waitForOutput: (pattern, ms = 30_000) =>
			new Promise<void>((done, fail) => {
				const from = log.length;
				const check = () => {
					if (!pattern.test(log.slice(from))) return;
					watchers.delete(check);
					clearTimeout(timer);
					done();
				};
				const timer = setTimeout(() => {
					watchers.delete(check);
					fail(new Error(`The server printed nothing matching ${pattern} in ${ms} ms:\n${log.slice(from)}`));
				}, ms);
				watchers.add(check);
			})
	};
}

export interface CouchStandin {
	url: string;
	/** The stand-in process's id while it runs (for benches that read its CPU time). */
	pid(): number | undefined;
	/** Kills the stand-in (SIGKILL by default: the store vanishes under its clients). */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again on the same port and data. */
	restart(): Promise<void>;
	/** Stops it and removes its data. */
	dispose(): Promise<void>;
}

/** Starts the CouchDB stand-in (express-pouchdb) and returns its URL. */
export async function startCouchStandin(): Promise<CouchStandin> {
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'couch-standin-'));
	let child: ChildProcess;
	const launch = async () => {
		child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/couch-standin.ts', String(port), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		await waitForLine(child, /couch stand-in ready/, 'The CouchDB stand-in');
	};
	const stop = (signal: NodeJS.Signals = 'SIGKILL') =>
		new Promise<void>((done) => {
			if (child.exitCode !== null || child.signalCode !== null) return done();
			child.once('exit', () => done());
			child.kill(signal);
		});
	await launch();
	return {
		url: `http://127.0.0.1:${port}`,
		pid: () => child.pid,
		stop,
		restart: launch,
		dispose: async () => {
			await stop('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** The two stores every sync suite runs on: embedded LevelDB, and a CouchDB-protocol server at STORE_URL. */
export const STORE_MODES = [
	{ name: 'embedded LevelDB store', remote: false },
	{ name: 'CouchDB-protocol store (STORE_URL)', remote: true }
] as const;

/** Starts the server on the given store mode; `dispose` also stops the CouchDB stand-in. */
export async function startServerOn(remote: boolean, env: Record<string, string> = {}): Promise<RunningServer> {
	const couch = remote ? await startCouchStandin() : null;
	const server = await startServer({ ...env, ...(couch ? { STORE_URL: couch.url } : {}) });
	return {
		...server,
		dispose: async () => {
			await server.dispose();
			await couch?.dispose();
		}
	};
}

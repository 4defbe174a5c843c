/**
 * Server CPU per request of a live device's round after a change (GET the database's info, GET and PUT its checkpoint),
 * for this checkout's gateway and another checkout's, in alternating runs: the fixed cost every request pays (HTTP,
 * routing, auth, security headers), which 500 live devices pay about 2,500 times per change. CPU seconds from /proc
 * (user + system, Linux only), over keep-alive connections as a browser's. Prints each run, the medians, their ratio and
 * the load average.
 *
 *   npx tsx tests/bench/request-cpu.ts <other checkout> [pairs, 4] [requests per run, 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PASSWORD, provision } from '../support/district';
import { freePort, type RunningServer } from '../support/server';
import { cpuSeconds, startGatewayProcess } from './monday-processes';
import { percentile } from './live-propagation';

const HERE = resolve(import.meta.dirname, '../..');
const [otherArg, pairsArg, requestsArg] = process.argv.slice(2);
if (!otherArg) throw new Error('Name the checkout to compare with: npx tsx tests/bench/request-cpu.ts <other checkout> [pairs] [requests]');
const OTHER = resolve(otherArg);
const PAIRS = Number(pairsArg ?? 4);
const REQUESTS = Number(requestsArg ?? 20_000);
const CONNECTIONS = 50;
const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const authorization = `Basic ${Buffer.from(`coord:${PASSWORD}`).toString('base64')}`;

/** One request over the shared keep-alive agent; resolves with the status and the body. */
function send(url: string, method: string, body?: string): Promise<{ status: number; body: string }> {
	return new Promise((done, fail) => {
		const headers: Record<string, string> = { authorization, accept: 'application/json' };
		if (body) headers['content-type'] = 'application/json';
		const req = request(url, { method, agent, headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
		});
		req.on('error', fail);
		req.end(body);
	});
}

/** A device's round: the database's info, its checkpoint read, its checkpoint written (as PouchDB does after a batch). */
async function round(base: string, device: number, seq: number): Promise<void> {
	const checkpoint = `${base}/_local/bench-${device}`;
	const info = await send(`${base}/`, 'GET');
	const read = await send(checkpoint, 'GET');
	const rev = read.status === 200 ? { _rev: (JSON.parse(read.body) as { _rev: string })._rev } : {};
	const write = await send(checkpoint, 'PUT', JSON.stringify({ _id: `_local/bench-${device}`, ...rev, last_seq: seq, session_id: 'bench' }));
	const statuses = [info.status, read.status, write.status];
	if (info.status !== 200 || (read.status !== 200 && read.status !== 404) || write.status !== 201) throw new Error(`unexpected statuses ${statuses.join(', ')}: ${write.body}`);
}

async function run(root: string): Promise<number> {
	const dir = mkdtempSync(join(tmpdir(), 'hd-request-cpu-'));
	const server = await startGatewayProcess(await freePort(), dir, undefined, root);
	try {
		await provision({ url: server.url } as RunningServer);
		const base = `${server.url}/db/helpdesk`;
		// Warm-up: every device's checkpoint exists and the password check is cached, as for a device already syncing.
		await Promise.all(Array.from({ length: CONNECTIONS }, (_, d) => round(base, d, 0)));
		const before = cpuSeconds(server.pid);
		const rounds = Math.ceil(REQUESTS / 3 / CONNECTIONS);
		await Promise.all(
			Array.from({ length: CONNECTIONS }, async (_, d) => {
				for (let r = 1; r <= rounds; r++) await round(base, d, r);
			})
		);
		return ((cpuSeconds(server.pid) - before) / (rounds * CONNECTIONS * 3)) * 1e6;
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

const mine: number[] = [];
const other: number[] = [];
const ratios: number[] = [];
for (let p = 0; p < PAIRS; p++) {
	const [first, second] = p % 2 === 0 ? [HERE, OTHER] : [OTHER, HERE];
	for (const root of [first, second]) {
		const us = await run(root);
		(root === HERE ? mine : other).push(us);
		console.log(`pair ${p + 1}: ${root === HERE ? 'this checkout' : 'other'} ${us.toFixed(0)} µs of server CPU per request (${load()})`);
	}
	ratios.push(mine[p] / other[p]);
}
const [m, o] = [percentile(mine, 50), percentile(other, 50)];
console.log(`median server CPU per request: this checkout ${m.toFixed(0)} µs, other (${OTHER}) ${o.toFixed(0)} µs; ratio this/other ${(m / o).toFixed(3)}; ${PAIRS} pairs; ${load()}`);
// On a loaded machine only runs taken close together compare: the ratio within each pair, and their median.
console.log(`ratio this/other pair by pair: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${percentile(ratios, 50).toFixed(3)}; this checkout cheaper in ${ratios.filter((r) => r < 1).length} of ${PAIRS}`);
agent.destroy();

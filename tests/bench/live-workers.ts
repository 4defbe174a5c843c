/**
 * The live propagation bench's device processes (tests/bench/live-clients.ts): started here, handed devices in steps,
 * and heard from as changes arrive on the devices.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { AddMessage, Arrival, LiveDevice } from './live-clients';
import { cpuSeconds } from './monday-processes';

type Message = { type: 'added'; errors: number } | { type: 'seen'; arrivals: Arrival[] } | { type: 'stopped'; errors: number };

/** Waits for the next message of `type` from `child`, or for its exit (an error). */
function next(child: ChildProcess, type: Message['type']): Promise<Message> {
	return new Promise((done, fail) => {
		const onMessage = (m: Message) => {
			if (m.type !== type) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			done(m);
		};
		const onExit = (code: number | null) => fail(new Error(`live client process exited (${code}) while waiting for '${type}'`));
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

/** A few processes holding the live devices; `onArrival` hears every change a device has written locally. */
export class LiveWorkers {
	#children: ChildProcess[] = [];
	#errors: number[] = [];

	constructor(count: number, onArrival: (arrival: Arrival) => void) {
		for (let w = 0; w < count; w++) {
			const child = fork(join(import.meta.dirname, 'live-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			child.on('message', (m: Message) => {
				if (m.type === 'seen') for (const arrival of m.arrivals) onArrival(arrival);
			});
			this.#children.push(child);
			this.#errors.push(0);
		}
	}

	/** Starts `devices` (spread over the processes by index) and resolves once every one of them has caught up. */
	async add(devices: LiveDevice[], setup: Omit<AddMessage, 'type' | 'clients' | 'dir'>, dir: string): Promise<void> {
		await Promise.all(
			this.#children.map(async (child, w) => {
				const clients = devices.filter((d) => d.index % this.#children.length === w);
				if (!clients.length) return;
				const added = next(child, 'added');
				child.send({ type: 'add', dir: join(dir, `w${w}`), clients, ...setup } satisfies AddMessage);
				this.#errors[w] = ((await added) as { errors: number }).errors;
			})
		);
	}

	/** Replication errors and retries reported so far, over every process. */
	errors(): number {
		return this.#errors.reduce((a, b) => a + b, 0);
	}

	/** CPU seconds the device processes have used so far, together. */
	cpuSeconds(): number {
		return this.#children.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0);
	}

	/** Cancels every replication and closes every database (10 s at most), then ends the processes. */
	async stop(): Promise<void> {
		await Promise.all(
			this.#children.map(async (child, w) => {
				if (child.exitCode !== null || child.signalCode !== null) return;
				const stopped = next(child, 'stopped').then((m) => (this.#errors[w] = (m as { errors: number }).errors)).catch(() => undefined);
				child.send({ type: 'stop' });
				await Promise.race([stopped, new Promise((r) => setTimeout(r, 10_000).unref())]);
			})
		);
		this.kill();
	}

	/** Ends the processes at once (cleanup after a failure). */
	kill(): void {
		for (const child of this.#children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	}
}

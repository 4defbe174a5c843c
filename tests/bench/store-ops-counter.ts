/**
 * Preloaded into a server (`node --import tsx --import <this file> server/main.ts`) by push-cpu.ts: counts the
 * store's LevelDB operations, per database, and writes the counts so far to the file named
 * by STORE_OPS_FILE whenever the process gets SIGUSR2. Works for any checkout: it patches the checkout's own packages.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const counts: Record<string, number> = {};
const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
const fromCheckout = createRequire(join(process.cwd(), 'package.json'));

type Self = { name?: string; location?: string; db?: { location?: string } };
type Method = (this: Self, ...args: unknown[]) => unknown;

function wrap(proto: Record<string, unknown>, method: string, label: (self: Self) => string): void {
	const original = proto[method] as Method;
	proto[method] = function (this: Self, ...args: unknown[]) {
		const key = `${label(this)} ${method}`;
		count(key);
		const result = original.apply(this, args);
		if (result instanceof Promise) result.catch((error: { status?: number }) => count(`${key} failed ${error?.status ?? ''}`));
		return result;
	} as Method;
}

if (process.argv.some((arg) => arg.endsWith('server/main.ts'))) {
	const leveldownDir = join(fromCheckout.resolve('leveldown'), '..');
	const LevelDOWN = fromCheckout(join(leveldownDir, 'leveldown.js')) as { prototype: Record<string, unknown> };
	for (const method of ['_get', '_put', '_del', '_batch', '_iterator']) wrap(LevelDOWN.prototype, method, (db) => `level ${basename(db.location ?? '?')}`);
	const Iterator = fromCheckout(join(leveldownDir, 'iterator.js')) as { prototype: Record<string, unknown> };
	wrap(Iterator.prototype, '_next', (it) => `level ${basename(it.db?.location ?? '?')}`);
	process.on('SIGUSR2', () => {
		const file = process.env.STORE_OPS_FILE ?? 'store-ops.json';
		// Renamed into place, so the reader never sees half of it.
		writeFileSync(`${file}.part`, JSON.stringify(counts));
		renameSync(`${file}.part`, file);
	});
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** Refuses to run without a web build, and warns when web/ or core/ changed after it (the figures would be for old code). */
export function checkBuild(log: (...parts: unknown[]) => void): void {
	const build = join(ROOT, 'build');
	if (!existsSync(join(build, 'index.html')) || !existsSync(join(build, 'service-worker.js')))
		throw new Error('build/ has no index.html or service-worker.js: run `npx vite build` first.');
	const built = statSync(join(build, 'index.html')).mtimeMs;
	const newest = (dir: string): number =>
		Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
	if (Math.max(newest(join(ROOT, 'web')), newest(join(ROOT, 'core'))) > built)
		log('WARNING: web/ or core/ changed after build/index.html; these figures are for the old build (run `npx vite build`).');
}

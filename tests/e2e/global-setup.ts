import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildServer } from '../../scripts/build-server';

/** Checks the PWA is built and builds the server once; each worker starts its own (the `workerServer` fixture in fixtures.ts). */
export default async function globalSetup(): Promise<void> {
	if (!existsSync(resolve(import.meta.dirname, '../../build/index.html')))
		throw new Error('The PWA is not built: run `npx vite build` before the end-to-end tests.');
	process.env.SERVER_BUNDLE = await buildServer();
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../support/server';

/** Starts the real server with the demo district on a free port and a temporary DATA_DIR, for every spec. */
export default async function globalSetup(): Promise<() => Promise<void>> {
	if (!existsSync(resolve(import.meta.dirname, '../../build/index.html')))
		throw new Error('The PWA is not built: run `npx vite build` before the end-to-end tests.');
	const server = await startServer({ DEMO: '1' });
	// Workers start after global setup and inherit this environment.
	process.env.HD_E2E_URL = server.url;
	return () => server.dispose();
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Checks the PWA is built; each worker starts its own server (see the `workerServer` fixture in fixtures.ts). */
export default function globalSetup(): void {
	if (!existsSync(resolve(import.meta.dirname, '../../build/index.html')))
		throw new Error('The PWA is not built: run `npx vite build` before the end-to-end tests.');
}

import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		// The crash tests kill the server under PouchDB clients on purpose; PouchDB then rejects an internal
		// request nobody awaits. Only those connection errors are let through; every other one fails the run.
		onUnhandledError: (error) => !(error.name === 'FetchError' && /ECONNRESET|ECONNREFUSED|socket hang up/.test(error.message ?? '')),
		projects: [
			{
				test: { name: 'unit', include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'telephony/**/*.test.ts'] }
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});

import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { configDefaults, defineConfig } from 'vitest/config';
import { homePreloads, shellChunks } from './scripts/shell-chunk';

export default defineConfig({
	// Two scripts for what a cold start at the home page runs before its first row (scripts/shell-chunk.ts).
	build: { rolldownOptions: { output: { codeSplitting: { groups: shellChunks() } } } },
	plugins: [
		sveltekit(),
		// After the adapter has written build/index.html: the home page's scripts are preloaded there too.
		homePreloads(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'web',
			filename: 'service-worker.ts',
			registerType: 'prompt',
			injectRegister: false,
			// SvelteKit builds with relative paths, so the default would register ./service-worker.js from the page's own
			// folder: a first visit to /tickets/<number> asked for /tickets/service-worker.js and never installed the app.
			buildBase: '/',
			scope: '/',
			kit: { spa: true, adapterFallback: 'index.html', assets: 'static' },
			// A single-page app has no prerendered pages; an explicit (empty) modifyURLPrefix keeps the plugin from adding
			// a prerendered/ pattern that matches nothing. The plugin's own transform still strips client/ from the URLs.
			injectManifest: { globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}'], modifyURLPrefix: {} },
			manifest: {
				name: 'District Helpdesk',
				short_name: 'Helpdesk',
				description: 'Report a technology problem and follow it, with or without a network.',
				id: '/',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#ffffff',
				theme_color: '#1d4ed8',
				icons: [
					{ src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
					{ src: '/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			}
		})
	],
	test: {
		// The crash tests kill the server under PouchDB clients on purpose; PouchDB then rejects an internal
		// request nobody awaits. Only those connection errors are let through; every other one fails the run.
		onUnhandledError: (error) => !(error.name === 'FetchError' && /ECONNRESET|ECONNREFUSED|socket hang up/.test(error.message ?? '')),
		projects: [
			{
				resolve: { alias: { $core: fileURLToPath(new URL('./core', import.meta.url)) } },
				test: {
					name: 'unit',
					// Speed is measured in benchmarks: a busy machine must not fail a unit test that builds a whole district.
					testTimeout: 20_000,
					// One module graph per worker, not per file: the files share no state that matters (every one passes either
					// way), and importing the schemas again for each of 146 files took 313 s against 68 s (same loaded machine).
					isolate: false,
					include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'telephony/**/*.test.ts', 'web/lib/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: [...configDefaults.exclude, '**/*.tz.test.ts']
				}
			},
			// The business-time tables again in worker processes started with another TZ: answers must not depend on the host's zone.
			...['Asia/Kolkata', 'America/New_York'].map((TZ) => ({
				test: { name: `tz-${TZ.split('/')[1].toLowerCase()}`, include: ['core/sla/business-time.test.ts', 'core/sla/*.tz.test.ts'], env: { TZ } }
			})),
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/support/build-server-once.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Two files at once (each starts its own server on its own port and data folder): 237 s against 346 s.
					fileParallelism: true
				}
			}
		]
	}
});

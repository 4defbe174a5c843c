import { defineConfig } from '@playwright/test';

/** End-to-end tests in Debian's Chromium against the real server (each worker starts its own, see tests/e2e/fixtures.ts). */
export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	globalSetup: './tests/e2e/global-setup.ts',
	timeout: 120_000,
	expect: { timeout: 15_000 },
	// Each worker starts its own server and demo district (tests/e2e/fixtures.ts) and runs its files one at a time, in
	// order, against a server no other worker writes to; spec files are shared out between workers, never split.
	// One worker here: on a 2-core machine already busy (load 10-18), `--workers 2` was not clearly faster (1415 s
	// against 1729 s) and four long tests ran out of their 120 s. On a machine with spare cores, pass `--workers 2`.
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list']],
	use: {
		viewport: { width: 390, height: 844 },
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});

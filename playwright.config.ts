import { defineConfig } from '@playwright/test';

/** End-to-end tests in Debian's Chromium against the real server (started by global-setup on a free port). */
export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results',
	globalSetup: './tests/e2e/global-setup.ts',
	timeout: 120_000,
	expect: { timeout: 15_000 },
	// One at a time: the tests share the demo district's people, and CI machines are small.
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

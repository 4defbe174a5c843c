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
	// One worker here: on 2 cores one worker already keeps both busy (Chromium + server); `--workers 2` took 766 s
	// against 798 s (quiet machine) and, under other load, 4 tests ran out of their 120 s. With spare cores, try 2.
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
				'--disable-sync',
				// Chromium's headless mode builds every new tab's omnibox suggestion popup (two WebUI pages, ~200 scripts in a
				// renderer of their own) while the test's page loads: on 2 cores that took CPU from the page it opened. An
				// installed app's window has no omnibox, and a test never types in one.
				'--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'
			]
		}
	}
});

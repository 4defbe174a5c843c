/** What every bench under tests/bench/ does around its main: report a failure, clean up always, then exit. */
export async function runBench(
	main: () => Promise<void>,
	{ report, cleanup, log }: { report: () => void; cleanup: () => Promise<void>; log: (...parts: unknown[]) => void }
): Promise<void> {
	try {
		await main();
	} catch (error) {
		console.error('\nBENCH FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
		// Whatever was measured before the failure is still worth seeing.
		report();
		process.exitCode = 1;
	} finally {
		log('cleaning up…');
		await cleanup();
		log('done');
		// Live replications, Playwright's pipe or sockets may keep the loop alive after cleanup.
		setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
	}
}

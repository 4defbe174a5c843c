import { expect, fileTicket, followLink, newDevice, signIn, test } from './fixtures';

// Each ends the first sync's pull before its first pause, by a different way through the sync manager.
const refusals = [
	{ why: 'the gateway says the session ended (PouchDB ends the pull with an error)', status: 401, body: { error: 'unauthorized', reason: 'Sign in first: your session is missing or expired.' } },
	{ why: 'a refusal that is not about the session ends the pull with an error', status: 403, body: { error: 'forbidden', reason: 'Not for this device.' } },
	{ why: 'a 401 PouchDB would retry (another error name) and the sync manager cancels', status: 401, body: { error: 'session_expired', reason: 'Signed out by the district.' } }
];

for (const { why, status, body } of refusals) {
	test(`a first sync refused before its first pause still shows, without a reload, what another tab writes: ${why}`, async ({ browser }) => {
		const device = await newDevice(browser);
		const first = await device.newPage();
		// The first batch of the first sync goes through; every later read of the changes is refused.
		let through = 0;
		await first.route(/\/db\/helpdesk\/_changes/, (route) =>
			through++ < 1 ? route.continue() : route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })
		);
		await signIn(first, 'mrivera', { waitForSync: false });
		await expect(first.getByRole('alert').filter({ hasText: status === 401 ? 'Your session expired, sign in again.' : body.reason })).toBeVisible({
			timeout: 30_000
		});
		await followLink(first, '/tickets');
		await expect(first.getByTestId('ticket-count')).toContainText(/\d+ shown of the \d+ tickets on this device/);

		// Another tab of the same browser (its session is fine) writes to the same local database.
		const second = await device.newPage();
		await second.goto('/');
		const number = await fileTicket(second, `Hallway display flickers, filed in another tab ${Date.now()}`);

		// The first tab's list follows the local database although its pull never paused: the quiet first sync has ended.
		await expect(first.getByRole('link', { name: new RegExp(number) })).toBeVisible({ timeout: 30_000 });
		expect(through).toBeGreaterThan(1);
		await device.close();
	});
}

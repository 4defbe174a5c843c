import type { Page } from '@playwright/test';
import type { OutageDoc } from '../../core/outage/outage';
import type { Ticket } from '../../core/schemas';
import { axeFindingsHere } from './axe';
import { expect, gatewayFileTicket, gatewayGet, gatewayPut, newDevice, screenshots, serverUrl, signIn, test, waitForOfflineShell } from './fixtures';

const run = Date.now();
const DESCRIPTION = `The fiber link to Lincoln is cut (e2e ${run}). Use the phone in the office for urgent calls.`;
const SINCE = /^The network is down at Lincoln Elementary School since \d{1,2}:\d{2} [AP]M; we are on it\.$/;

/** Fails on serious or critical axe findings (WCAG 2.1 A and AA) at the page's present size. */
async function expectAxeClean(page: Page, name: string): Promise<void> {
	expect((await axeFindingsHere(page)).map((finding) => `${name}: ${finding}`)).toEqual([]);
}

/** The page at 320 px wide does not scroll sideways; the phone size is restored. */
async function expectNoSideScroll(page: Page): Promise<void> {
	await page.setViewportSize({ width: 320, height: 640 });
	// What sticks out is named, so a failure says where to look.
	const wide = await page.evaluate(() =>
		[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 320.5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
	);
	expect(wide).toEqual([]);
	await page.setViewportSize({ width: 390, height: 844 });
}

// A failed run must not leave an outage ongoing: every later spec's staff and Lincoln requesters would see its banner.
test.afterAll(async () => {
	const response = await fetch(`${serverUrl()}/db/helpdesk/_all_docs?include_docs=true&startkey=%22outage%3A%22&endkey=%22outage%3A%EF%BF%B0%22`, {
		headers: { authorization: `Basic ${Buffer.from('mrivera:helpdesk-demo').toString('base64')}` }
	});
	const { rows } = (await response.json()) as { rows: { doc?: OutageDoc }[] };
	for (const { doc } of rows) {
		if (doc?.description === DESCRIPTION && doc.restoredAt === null) await gatewayPut('mrivera', { ...doc, restoredAt: new Date().toISOString(), restoredBy: 'mrivera' });
	}
});

test('an outage reaches a requester’s device, takes progress and "me too", links and resolves tickets in bulk, and goes when restored', async ({ browser }) => {
	test.setTimeout(300_000);
	const coordinatorDevice = await newDevice(browser);
	const requesterDevice = await newDevice(browser);
	const coord = await coordinatorDevice.newPage();
	const requester = await requesterDevice.newPage();
	await signIn(coord, 'mrivera');
	await signIn(requester, 'lgarcia');
	await waitForOfflineShell(requester);
	const [first, second] = [
		await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: `No internet in room 12 ${run}`, building: 'lincoln-es' }),
		await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: `Email will not load ${run}`, building: 'lincoln-es' })
	];

	// The coordinator declares; the requester's open page shows the banner without a reload.
	await coord.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outages' }).click();
	await expect(coord.getByText('Nothing is down right now.')).toBeVisible();
	await coord.getByLabel('the network', { exact: true }).check();
	await coord.getByLabel('Some buildings').check();
	await coord.getByLabel('Lincoln Elementary School').check();
	await coord.getByLabel('What happened, and what people should do').fill(DESCRIPTION);
	await coord.getByRole('button', { name: 'Declare the outage' }).click();
	await expect(coord.getByRole('heading', { level: 1 })).toHaveText(SINCE);
	const outageId = `outage:${new URL(coord.url()).pathname.split('/').at(-1)}`;
	const banner = requester.getByTestId('outage-banner');
	await expect(banner.locator('.words')).toHaveText(SINCE);

	// A progress note shows on the requester's banner as the latest news.
	await coord.getByLabel('Progress note').fill('The provider is on site; service expected back by noon.');
	await coord.getByRole('button', { name: 'Post progress note' }).click();
	await expect(banner).toContainText('The provider is on site; service expected back by noon.');
	await expect(coord.getByRole('listitem').filter({ hasText: 'The provider is on site' })).toContainText('Marisol Rivera');
	await screenshots(requester, 'outage-banner-requester');
	await expectNoSideScroll(requester);

	// Offline once synced, the banner is still there after a reload.
	await requesterDevice.setOffline(true);
	await requester.reload();
	await expect(requester.getByTestId('outage-banner').locator('.words')).toHaveText(SINCE);
	await requesterDevice.setOffline(false);

	// Filing for Lincoln, the requester sees the outage first and says it affects them instead of filing.
	await requester.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	const first_ = requester.getByTestId('outage-first');
	await expect(first_).toContainText(SINCE.source.slice(1, 30).replaceAll('\\', ''));
	await expect(first_).toContainText(DESCRIPTION);
	await expectAxeClean(requester, 'filing with an outage');
	await expectNoSideScroll(requester);
	await screenshots(requester, 'outage-filing-first');
	await first_.getByRole('button', { name: 'This affects me too' }).click();
	await expect(first_).toContainText('You told us this affects you.');
	await expect(coord.getByText('1 person says it affects them.')).toBeVisible();
	await first_.getByRole('button', { name: 'Take it back: it does not affect me' }).click();
	await expect(coord.getByText('0 people say it affects them.')).toBeVisible();
	await first_.getByRole('button', { name: 'This affects me too' }).click();
	await expect(coord.getByText('1 person says it affects them.')).toBeVisible();
	await expect(requester.getByRole('button', { name: 'Skip the checks' })).toBeVisible();
	await requester.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tickets' }).click();
	await expect(requester.getByTestId('outage-banner').locator('.words')).toHaveText(SINCE);

	// Bulk link from the outage's page.
	await coord.getByRole('checkbox', { name: new RegExp(first) }).check();
	await coord.getByRole('checkbox', { name: new RegExp(second) }).check();
	await coord.getByRole('button', { name: 'Link 2 tickets' }).click();
	await expect(coord.getByRole('heading', { name: 'Linked tickets (2)' })).toBeVisible();
	await expectAxeClean(coord, 'outage page');
	await expectNoSideScroll(coord);
	await screenshots(coord, 'outage-page-coordinator');

	// Bulk link from the ticket list.
	const third = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: `Phones dead in the gym ${run}`, building: 'lincoln-es' });
	await coord.goto('/tickets?building=lincoln-es');
	await expect(coord.getByLabel('Link the tickets you select to an outage')).toHaveValue(outageId);
	await coord.getByRole('checkbox', { name: `Select ${third}` }).check();
	await coord.getByRole('button', { name: 'Link 1 ticket to outage' }).click();
	await expect(coord.getByText('Linked 1 ticket to the outage.')).toBeVisible();
	await screenshots(coord, 'outage-ticket-list-link');
	await expectNoSideScroll(coord);

	// Bulk resolve with one note: each ticket ends resolved with that note.
	await coord.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outages' }).click();
	await expectAxeClean(coord, 'outages list');
	await expectNoSideScroll(coord);
	await screenshots(coord, 'outages-list');
	await coord.getByRole('link', { name: /The network is down: Lincoln Elementary School/ }).click();
	await expect(coord.getByRole('heading', { name: 'Linked tickets (3)' })).toBeVisible();
	// A note the write rules refuse (it holds a password) resolves nothing, and each ticket says why.
	await coord.getByLabel('One note for every ticket').fill('Service is back. The new Wi-Fi password: hunter2');
	await coord.getByRole('button', { name: 'Resolve all 3 open linked tickets' }).click();
	await expect(coord.getByRole('status').filter({ hasText: 'Done' })).toHaveText('Done: resolved 0 of 3; 3 could not be resolved.');
	for (const number of [first, second, third]) await expect(coord.locator('.notice.bad li').filter({ hasText: number })).toContainText('remove "•••••••" and save again.');
	const note = `Service restored: the fiber link was repaired (${run}).`;
	await coord.getByLabel('One note for every ticket').fill(note);
	await coord.getByRole('button', { name: 'Resolve all 3 open linked tickets' }).click();
	await expect(coord.getByRole('status').filter({ hasText: 'Done' })).toHaveText('Done: resolved 3 of 3.');
	for (const number of [first, second, third]) {
		await expect
			.poll(async () => {
				const ticket = await gatewayGet<Ticket>('mrivera', `ticket:${number}`);
				return { status: ticket.status, noted: ticket.history.some((e) => e.kind === 'note' && e.text === note && e.by === 'mrivera') };
			})
			.toEqual({ status: 'resolved', noted: true });
	}

	// Service restored: the banner goes from the requester's device, without a reload.
	await coord.getByRole('button', { name: 'Service restored…' }).click();
	await coord.getByRole('button', { name: 'Yes, service is restored' }).click();
	await expect(coord.getByText(/^Service restored /)).toBeVisible();
	await expect(requester.getByTestId('outage-banner')).toHaveCount(0);
	await requester.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await expect(requester.getByRole('button', { name: 'Skip the checks' })).toBeVisible();
	await expect(requester.getByTestId('outage-first')).toHaveCount(0);
	await coordinatorDevice.close();
	await requesterDevice.close();
});

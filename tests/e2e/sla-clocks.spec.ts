import { axeFindingsHere } from './axe';
import type { Page } from '@playwright/test';
import type { Ticket } from '../../core/schemas';
import { SLA_PRESETS } from '../../core/sla/presets';
import { withDistribution, withStatus } from '../../core/ticket-changes';
import { expect, gatewayFileTicket, gatewayGet, gatewayPut, newDevice, PHONE, screenshots, serverUrl, signIn, test, waitForOfflineShell } from './fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SLA_DOC_IDS = ['calendar:district', 'sla-settings:district', 'sla-policy:ts-pe-004', 'sla-policy:park-city-003'] as const;

type Doc = { _id: string; _rev?: string } & Record<string, unknown>;

async function maybeGet(id: string): Promise<Doc | null> {
	try {
		return await gatewayGet<Doc>('admin', id);
	} catch (error) {
		if (String(error).includes(': 404')) return null;
		throw error;
	}
}

/** Writes a document as the administrator, over whatever revision is there. */
async function putOver(doc: Doc): Promise<void> {
	const current = await maybeGet(doc._id);
	const { _rev: _old, ...fields } = doc;
	await gatewayPut('admin', current?._rev ? { ...fields, _rev: current._rev } : fields);
}

// The calendar is open around the clock (in Denver), so business time is wall time and the expected clocks do not
// depend on the day or hour the suite runs; the calendar arithmetic itself is unit-tested in core.
const everyDay = [{ start: '00:00', end: '24:00' }];
const stamp = () => ({ updatedAt: new Date().toISOString(), updatedBy: 'admin' });
const SEEDS: Doc[] = [
	{
		_id: 'calendar:district',
		type: 'calendar',
		timeZone: 'America/Denver',
		hours: { mon: everyDay, tue: everyDay, wed: everyDay, thu: everyDay, fri: everyDay, sat: everyDay, sun: everyDay },
		overrides: [],
		closures: []
	},
	{ _id: 'sla-policy:ts-pe-004', type: 'sla-policy', ...SLA_PRESETS.find((p) => p.id === 'ts-pe-004')! },
	{ _id: 'sla-policy:park-city-003', type: 'sla-policy', ...SLA_PRESETS.find((p) => p.id === 'park-city-003')! },
	{ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004' }
];
const activate = (policy: string) => putOver({ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: policy, ...stamp() });

const saved = new Map<string, Doc | null>();

test.beforeAll(async () => {
	for (const id of SLA_DOC_IDS) saved.set(id, await maybeGet(id));
	for (const doc of SEEDS) await putOver({ ...doc, ...stamp() });
});

test.afterAll(async () => {
	// Other specs see the district's own SLA documents again, and none where there were none.
	for (const [id, doc] of saved) await putOver(doc ?? { _id: id, _deleted: true });
});

// The expected words are computed here with Intl in the district's zone, independently of the app's Temporal code.
const denverClock = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', hour: 'numeric', minute: '2-digit', hour12: true });
const part = (t: number, type: string) => denverClock.formatToParts(t).find((p) => p.type === type)?.value;
const denverTime = (t: number) => `${part(t, 'hour')}:${part(t, 'minute')} ${part(t, 'dayPeriod')}`;
const denverDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Denver' });
function when(t: number, now: number): string {
	const [a, b] = [denverDate.format(t), denverDate.format(now)];
	const day = a === b ? 'today' : a > b ? 'tomorrow' : 'yesterday';
	return `${day} ${denverTime(t)}`;
}

const rowTitles = (page: Page) => page.locator('.tickets .title').allTextContents();

test('a technician’s device shows a ticket’s clock offline, computed on the device, and it moves with the device’s clock', async ({ browser }) => {
	const title = `Document camera shows a black image ${Date.now()}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es' });
	const filedAt = Date.parse((await gatewayGet<Ticket>('lgarcia', `ticket:${number}`)).createdAt);

	// The browser sits in Auckland: every time on screen must still be Denver's.
	const context = await browser.newContext({ baseURL: serverUrl(), viewport: PHONE, timezoneId: 'Pacific/Auckland' });
	const page = await context.newPage();
	await page.clock.install({ time: filedAt + 20 * MIN });
	await signIn(page, 'spatel');
	await waitForOfflineShell(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	const row = page.getByRole('link', { name: new RegExp(title) });
	await expect(row.getByTestId('sla-badge')).toHaveText(`Categorize by ${when(filedAt + 2 * HOUR, filedAt + 20 * MIN)}`);
	await row.click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

	// 31 minutes after filing: the categorization clock (2 business hours, procedure 004) has 89 minutes left.
	await page.clock.pauseAt(filedAt + 31 * MIN);
	const clocks = page.getByTestId('sla-clocks').locator('li');
	await expect(clocks.first()).toHaveText(`Categorization due ${when(filedAt + 2 * HOUR, filedAt + 31 * MIN)} · 1 h 29 min of business time left`);
	// 24 business hours on an around-the-clock calendar: due 24 h after filing, "today" when filed just before midnight.
	await expect(clocks.nth(1)).toHaveText(`First response due ${when(filedAt + 24 * HOUR, filedAt + 31 * MIN)} · 23 h 29 min of business time left`);
	await expect(page.getByTestId('sla-clocks')).toContainText('All times in Denver time (America/Denver).');
	await screenshots(page, 'sla-ticket-clocks');

	// Two hours on, still offline, without a reload: the clock has run out 31 minutes ago and comes first.
	await page.clock.fastForward(2 * HOUR);
	await expect(clocks.first()).toHaveText(`Categorization overdue by 31 min · was due ${when(filedAt + 2 * HOUR, filedAt + 151 * MIN)}`);
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await screenshots(page, 'sla-ticket-breached');
	// axe waits on timers, which a paused page clock never fires.
	await page.clock.resume();
	expect(await axeFindingsHere(page, '[data-testid="sla-clocks"]')).toEqual([]);
	await context.close();
});

test('queues put a breached ticket first, then the nearest due, and a paused one last; a switched policy reaches the open device; the requester sees what is on hold', async ({ browser }) => {
	const run = Date.now();
	const names = { breached: `Breached: bell schedule not updating ${run}`, soon: `Due soon: badge printer offline ${run}`, later: `Due later: laptop hinge cracked ${run}`, paused: `Paused: projector lamp on order ${run}` };
	// Filed 3 hours ago, nobody sorted it: the categorization time (2 h) ran out an hour ago.
	await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: names.breached, building: 'lincoln-es', hoursAgo: 3 });
	// Filed an hour ago: categorization due in an hour. Filed now: due in two.
	await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: names.soon, building: 'lincoln-es', hoursAgo: 1 });
	await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: names.later, building: 'lincoln-es' });
	// Sorted and answered by Sam, then waiting on a vendor: nothing runs. With priority 3 it would lead the old order.
	const pausedNumber = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title: names.paused, building: 'lincoln-es', hoursAgo: 0.5 });
	const filed = await gatewayGet<Ticket>('spatel', `ticket:${pausedNumber}`);
	const at = new Date().toISOString();
	const sorted = withDistribution(filed, { by: 'spatel', at, id: `e2e-sla-${run}-1` }, { category: 'break-fix', priority: 3 });
	const waiting = withStatus(sorted, { by: 'spatel', at, id: `e2e-sla-${run}-2` }, 'waiting-vendor', 'Replacement lamp ordered from the vendor, due in 5 days.');
	await gatewayPut('spatel', waiting!);

	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'spatel');
	await expect(page.getByRole('heading', { name: 'Assigned to me' })).toBeVisible();
	const mine = Object.values(names);
	await expect.poll(async () => (await rowTitles(page)).filter((t) => mine.includes(t))).toEqual([names.breached, names.soon, names.later, names.paused]);
	const badge = (title: string) => page.getByRole('link', { name: new RegExp(title) }).getByTestId('sla-badge');
	await expect(badge(names.breached)).toHaveText(/^Categorization overdue 1 h( \d+ min)?$/);
	await expect(badge(names.soon)).toHaveText(/^Categorize by (today|tomorrow) \d{1,2}:\d\d [AP]M$/);
	await expect(badge(names.paused)).toHaveText('Paused');
	await expect(page.getByText('Most urgent first: overdue, then the nearest due time; paused last.')).toBeVisible();
	await page.getByRole('link', { name: new RegExp(names.breached) }).scrollIntoViewIfNeeded();
	await screenshots(page, 'sla-queue-badges');
	expect(await axeFindingsHere(page, '.tickets')).toEqual([]);

	// The administrator switches to procedure 003 (no categorization; respond within 2 business days): the open device
	// hears of it through sync and recomputes, without a reload.
	await activate('park-city-003');
	await expect(badge(names.breached)).toHaveText(/^Respond by \w+ \d{1,2}:\d\d [AP]M$/);
	await activate('ts-pe-004');
	await expect(badge(names.breached)).toHaveText(/^Categorization overdue 1 h/);
	await device.close();

	const requesterDevice = await newDevice(browser);
	const requester = await requesterDevice.newPage();
	await signIn(requester, 'lgarcia');
	await requester.getByRole('link', { name: new RegExp(names.paused) }).click();
	await expect(requester.getByTestId('sla-promise')).toHaveText('The time we aim for is on hold while the ticket is waiting on vendor. Times are Denver time.');
	await expect(requester.getByTestId('sla-clocks')).toHaveCount(0);
	await requester.goBack();
	await requester.getByRole('link', { name: new RegExp(names.later) }).click();
	await expect(requester.getByTestId('sla-promise')).toHaveText(/^A technician will answer by (today|tomorrow) \d{1,2}:\d\d [AP]M\. Times are Denver time\.$/);
	await screenshots(requester, 'sla-requester-promise');
	expect(await axeFindingsHere(requester, '[data-testid="sla-promise"]')).toEqual([]);
	await requesterDevice.close();
});

test('the To-sort list flags tickets by the categorization clock: past it in red, close to it in amber', async ({ browser }) => {
	const run = Date.now();
	const names = { late: `Payroll scanner jams ${run}`, nearly: `Board room mic crackles ${run}`, fresh: `Visitor kiosk frozen ${run}` };
	// The district office has no building technician: its tickets wait uncategorized for the coordinators.
	const file = async (title: string, hoursAgo: number) =>
		Date.parse((await gatewayGet<Ticket>('admin', `ticket:${await gatewayFileTicket('admin', 'Dana Whitfield', { title, building: 'district-office', hoursAgo })}`)).createdAt);
	const lateAt = await file(names.late, 3);
	const nearlyAt = await file(names.nearly, 1.5);
	await file(names.fresh, 0);

	const device = await newDevice(browser);
	const page = await device.newPage();
	await page.clock.install({ time: lateAt + 3 * HOUR });
	await signIn(page, 'mrivera');
	await page.getByRole('link', { name: 'To sort' }).click();
	await expect(page.getByRole('heading', { name: 'To sort' })).toBeVisible();
	// 3 h 10 min after the first was filed: it ran 190 of its 120 minutes; the second has run 100 (amber from 90).
	const at = lateAt + 3 * HOUR + 10 * MIN;
	await page.clock.pauseAt(at);
	const card = (title: string) => page.locator('li.card', { hasText: title });
	await expect(card(names.late).getByTestId('sort-clock')).toHaveText(`Categorization overdue by 1 h 10 min · was due ${when(lateAt + 2 * HOUR, at)}`);
	await expect(card(names.late)).toHaveClass(/\blate\b/);
	await expect(card(names.nearly).getByTestId('sort-clock')).toHaveText(`Categorization due ${when(nearlyAt + 2 * HOUR, at)} · 20 min of business time left`);
	await expect(card(names.nearly)).toHaveClass(/\bnearly\b/);
	await expect(card(names.fresh)).not.toHaveClass(/\blate\b|\bnearly\b/);
	await expect(page.getByTestId('sort-summary')).toHaveText(/^\d+ to sort, \d+ past the categorization time, \d+ close to it\.$/);
	await card(names.late).scrollIntoViewIfNeeded();
	await screenshots(page, 'sla-to-sort');
	await page.clock.resume();
	expect(await axeFindingsHere(page, '.queue')).toEqual([]);
	await device.close();
});

test('a ticket a coordinator links to an ongoing outage shows its clock paused for the outage, and running again once service is restored', async ({ browser }) => {
	const run = Date.now();
	const title = `Lab computers cannot reach the internet ${run}`;
	const number = await gatewayFileTicket('lgarcia', 'Linda Garcia', { title, building: 'lincoln-es', hoursAgo: 1 });
	const filedAt = Date.parse((await gatewayGet<Ticket>('lgarcia', `ticket:${number}`)).createdAt);
	// Declared 30 minutes after the filing, linked to the ticket; the active policy ts-pe-004 pauses linked tickets.
	const outage: Doc = {
		_id: `outage:e2e-${run}`,
		type: 'outage',
		services: ['the network'],
		buildings: ['lincoln-es'],
		description: 'The network is down at Lincoln.',
		declaredAt: new Date(filedAt + 30 * MIN).toISOString(),
		declaredBy: 'mrivera',
		progress: [],
		restoredAt: null,
		restoredBy: null
	};
	// Other specs expect no outage on the demo district: the administrator removes this one, whatever happens here.
	try {
		await gatewayPut('mrivera', outage);
		await gatewayPut('mrivera', { ...(await gatewayGet<Doc>('mrivera', outage._id)), tickets: [number] });

		const device = await newDevice(browser);
		const page = await device.newPage();
		await signIn(page, 'spatel');
		await page.goto(`/tickets/${number}`);
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		// Categorization (2 h on a calendar open around the clock) ran 30 minutes before the outage, then stood still.
		const clocks = page.getByTestId('sla-clocks').locator('li');
		await expect(clocks.filter({ hasText: 'Categorization' })).toHaveText('Categorization paused: outage · 1 h 30 min of business time left');
		await screenshots(page, 'sla-ticket-outage-paused');

		// Restored a minute ago: the page's clock ticks every 30 seconds, so its "now" is past the restoration at once.
		await gatewayPut('mrivera', { ...(await gatewayGet<Doc>('mrivera', outage._id)), restoredAt: new Date(Date.now() - MIN).toISOString(), restoredBy: 'mrivera' });
		await expect(clocks.filter({ hasText: 'Categorization' })).toHaveText(/^Categorization due (today|tomorrow) \d{1,2}:\d\d [AP]M · 1 h (30|29|28) min of business time left$/);
		await device.close();
	} finally {
		if (await maybeGet(outage._id)) await putOver({ _id: outage._id, _deleted: true });
	}
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import { TICKET_REPORT_HEADER } from '../../core/dashboard/ticket-report-csv';
import type { Ticket } from '../../core/schemas';
import { SLA_PRESETS } from '../../core/sla/presets';
import { withDistribution } from '../../core/ticket-changes';
import { axeFindings } from './axe';
import { CHROMEBOOK, expect, gatewayFileTicket, gatewayGet, gatewayPut, newDevice, PHONE, screenshots, signIn, test, waitForOfflineShell } from './fixtures';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SLA_DOC_IDS = ['calendar:district', 'sla-settings:district', 'sla-policy:ts-pe-004'] as const;

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

// Open around the clock (in Denver): business time is wall time, so the expected states do not depend on when the
// suite runs, and every odd hour is a review hour (procedure 004).
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
	{ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004' }
];

const run = Date.now();
// A building of its own, so its counts are exact whatever the demo district and other specs hold.
const BUILDING = `dash-${run.toString(36)}`;
const BUILDING_NAME = `Dashboard Test Annex ${run}`;
const titles = {
	// Hostile titles: a spreadsheet must show them as text.
	worst: `=SUM(1,2) projector dead ${run}`,
	breached: `+1 call back about the bell ${run}`,
	atRisk: `Chromebook cart, "bay 3" not charging ${run}`,
	onTrack: `Document camera flickers ${run}`
};
/** The page's time: 10 minutes into this odd hour in Denver, or the last one (the review reminder is due all that hour). */
const denverHour = (t: number) => Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', hour: 'numeric', hourCycle: 'h23' }).format(t));
const AT = run - (run % HOUR) - (denverHour(run) % 2 === 1 ? 0 : HOUR) + 10 * MIN;
const numbers: Record<keyof typeof titles, string> = { worst: '', breached: '', atRisk: '', onTrack: '' };

const saved = new Map<string, Doc | null>();

/** Files a ticket in the test building as the administrator, `age` before the page's time; a category sorts it a minute after filing. */
async function file(title: string, age: number, category?: string): Promise<string> {
	const number = await gatewayFileTicket('admin', 'Dana Whitfield', { title, building: BUILDING, hoursAgo: (run - AT + age) / HOUR });
	if (category) {
		const ticket = await gatewayGet<Ticket>('admin', `ticket:${number}`);
		const at = new Date(Date.parse(ticket.createdAt) + MIN).toISOString();
		await gatewayPut('admin', withDistribution(ticket, { by: 'admin', at, id: `e2e-dash-${number}` }, { category, priority: 3 }));
	}
	return number;
}

test.beforeAll(async () => {
	for (const id of SLA_DOC_IDS) saved.set(id, await maybeGet(id));
	for (const doc of SEEDS) await putOver({ ...doc, ...stamp() });
	await gatewayPut('admin', { _id: `building:${BUILDING}`, type: 'building', code: BUILDING, name: BUILDING_NAME, kind: 'office', technician: null });
	// Categorization: 2 business hours, at risk from 90 minutes. First response: 1 day, at risk from 18 hours.
	numbers.worst = await file(titles.worst, 5 * HOUR); // categorization 3 h over
	numbers.breached = await file(titles.breached, 3 * HOUR); // categorization 1 h over
	numbers.atRisk = await file(titles.atRisk, 20 * HOUR, 'break-fix'); // first response at 20 of 24 hours
	numbers.onTrack = await file(titles.onTrack, 10 * MIN, 'break-fix');
});

test.afterAll(async () => {
	for (const [id, doc] of saved) await putOver(doc ?? { _id: id, _deleted: true });
});


/** Saves the whole page (not only what the window shows) at 320, 390 and 1366 px wide into tests/artifacts/, then restores the phone size. */
async function wholePageShots(page: Page, name: string): Promise<void> {
	for (const viewport of [{ width: 320, height: 640 }, PHONE, CHROMEBOOK]) {
		await page.setViewportSize(viewport);
		await page.screenshot({ path: resolve(import.meta.dirname, '../artifacts', `${name}-${viewport.width}.png`), fullPage: true });
	}
	await page.setViewportSize(PHONE);
}

/** The records of RFC 4180 text (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') record.push(cell), (cell = '');
		else if (c === '\r' && text[i + 1] === '\n') record.push(cell), records.push(record), (record = []), (cell = ''), i++;
		else cell += c;
	}
	return records;
}

async function expectBuildingCounts(page: Page): Promise<void> {
	await expect(page.getByTestId('count-breached')).toHaveText(/^\s*2\s*Breached\s*$/);
	await expect(page.getByTestId('count-at-risk')).toHaveText(/^\s*1\s*At risk\s*$/);
	await expect(page.getByTestId('count-on-track')).toHaveText(/^\s*1\s*On track\s*$/);
	await expect(page.getByTestId('count-total')).toHaveText('4 open tickets.');
}

test('a coordinator sees the counts, the breach list most overdue first, a filter kept in the address, offline too, a CSV of the right rows, and a new breach arriving by sync', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await page.clock.install({ time: AT });
	await signIn(page, 'mrivera');
	await waitForOfflineShell(page);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
	// The whole district first: the test building's breaches are among the others.
	await expect(page.getByTestId('count-total')).toHaveText(/^\d+ open tickets/);
	await expect(page.getByTestId('ageing-table')).toBeVisible();
	await wholePageShots(page, 'dashboard-district');
	await page.setViewportSize({ width: 320, height: 640 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'sideways scroll at 320 px').toBeLessThanOrEqual(0);
	await page.setViewportSize(PHONE);
	// The demo district has dozens of breaches, some days over: 10 are shown, the rest on request.
	await expect(page.getByTestId('breach-list').locator('li')).toHaveCount(10);
	const showAll = page.getByRole('button', { name: /^Show all \d+$/ });
	const all = Number((await showAll.textContent())!.replace(/\D/g, ''));
	expect(all).toBeGreaterThan(10);
	await showAll.click();
	await expect(page.getByTestId('breach-list').locator('li')).toHaveCount(all);
	await expect(page.getByTestId('breach-list')).toContainText(numbers.worst);
	await expect(page.getByTestId('review-reminder')).toBeVisible();

	await page.locator('summary', { hasText: 'Filters' }).click();
	await page.getByLabel('Building', { exact: true }).selectOption({ label: BUILDING_NAME });
	await expect(page).toHaveURL(new RegExp(`[?&]building=${BUILDING}(&|$)`));
	await expectBuildingCounts(page);
	const breaches = page.getByTestId('breach-list').locator('li');
	await expect(breaches).toHaveCount(2);
	await expect(breaches.nth(0)).toContainText(`${numbers.worst} ${titles.worst}`);
	await expect(breaches.nth(0)).toContainText(/Categorization overdue by 3 h( \d+ min)?/);
	await expect(breaches.nth(1)).toContainText(`${numbers.breached} ${titles.breached}`);
	await expect(breaches.nth(1)).toContainText(/Categorization overdue by 1 h( \d+ min)?/);
	await expect(breaches.nth(0).getByRole('link')).toHaveAttribute('href', `/tickets/${numbers.worst}`);
	const byCategory = page.getByTestId('by-category-table');
	await expect(byCategory.getByRole('row', { name: /No category/ })).toHaveText(/No category\s*2\s*0\s*0\s*2/);
	await expect(page.getByTestId('uncategorized')).toContainText(`the oldest, ${numbers.worst}, has waited 5 h`);

	// The weekly chart's text alternative: a row per ISO week the default 28 days touch (4 when they end on a Sunday).
	await expect(page.getByRole('img', { name: /share of targets met on time each week/ })).toBeVisible();
	const endsOnSunday = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Denver', weekday: 'short' }).format(AT) === 'Sun';
	await expect(page.getByTestId('attainment-table').locator('tbody tr')).toHaveCount(endsOnSunday ? 4 : 5);

	// The ageing chart's table. Open around the clock, every local date is a business day: a ticket is 1 business day
	// old once a Denver midnight has passed since it was filed, so the 4 tickets split at today's midnight.
	await expect(page.getByRole('img', { name: /open tickets by age in business days/ })).toBeVisible();
	const midnight = Temporal.Instant.fromEpochMilliseconds(AT).toZonedDateTimeISO('America/Denver').startOfDay().epochMilliseconds;
	const older = [5 * HOUR, 3 * HOUR, 20 * HOUR, 10 * MIN].filter((age) => AT - age < midnight).length;
	const ageing = page.getByTestId('ageing-table');
	await expect(ageing.locator('tbody th')).toHaveText(['Under 1 day', '1–2 days', '3–4 days', '5–9 days', '10 days or more']);
	await expect(ageing.locator('tbody td:nth-of-type(1)')).toHaveText([String(4 - older), String(older), '0', '0', '0']);
	await expect(ageing.locator('tbody td:nth-of-type(2)')).toHaveText([`${(4 - older) * 25}%`, `${older * 25}%`, '0%', '0%', '0%']);

	// The filter survives a reload, and the page draws offline from the device's own database.
	await page.reload();
	await expect(page.getByLabel('Building', { exact: true })).toHaveValue(BUILDING);
	await expect(page.getByTestId('filter-summary')).toContainText(BUILDING_NAME);
	await expectBuildingCounts(page);
	await device.setOffline(true);
	await page.reload();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await expectBuildingCounts(page);
	await expect(page.getByTestId('breach-list').locator('li')).toHaveCount(2);

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^helpdesk-tickets-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.startsWith('\ufeff')).toBe(true);
	expect(text).toContain(`,"'=SUM(1,2) projector dead ${run}",`);
	expect(text).toContain(`,'+1 call back about the bell ${run},`);
	const [header, ...rows] = parseCsv(text.slice(1));
	expect(header).toEqual(TICKET_REPORT_HEADER);
	// Oldest first; cells as a spreadsheet shows them (the apostrophe keeps a formula as text).
	expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
		[numbers.atRisk, titles.atRisk, BUILDING, 'break-fix'],
		[numbers.worst, `'${titles.worst}`, BUILDING, ''],
		[numbers.breached, `'${titles.breached}`, BUILDING, ''],
		[numbers.onTrack, titles.onTrack, BUILDING, 'break-fix']
	]);
	const column = (name: string) => header.indexOf(name);
	expect(rows.map((r) => r[column('Categorization state')])).toEqual(['met', 'breached', 'breached', 'met']);
	expect(rows[0][column('First response state')]).toBe('at-risk');
	expect(rows[1][column('Categorization business minutes')]).toMatch(/^30\d$/);
	expect(rows[0][column('Resolution due')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[67]:00$/);

	await device.setOffline(false);
	await expect(page.getByText('Online', { exact: true })).toBeVisible();
	await page.evaluate(() => window.scrollTo(0, 0));
	await screenshots(page, 'dashboard');
	await page.getByRole('heading', { name: 'By building' }).evaluate((h) => h.scrollIntoView());
	await screenshots(page, 'dashboard-tables');
	await page.getByRole('heading', { name: 'Met on time, per week' }).evaluate((h) => h.scrollIntoView());
	await screenshots(page, 'dashboard-chart');
	await page.getByRole('heading', { name: 'Open tickets by age' }).evaluate((h) => h.scrollIntoView());
	await screenshots(page, 'dashboard-ageing');
	expect(await axeFindings(page)).toEqual([]);

	// A breach another device files reaches the open dashboard through sync, in its place in the list.
	const late = `Smartboard pen lost ${run}`;
	const lateNumber = await file(late, 4 * HOUR);
	await expect(page.getByTestId('count-breached')).toHaveText(/^\s*3\s*Breached\s*$/);
	await expect(breaches).toHaveCount(3);
	await expect(breaches.nth(1)).toContainText(`${lateNumber} ${late}`);
	const lateOlder = AT - 4 * HOUR < midnight ? 1 : 0;
	await expect(ageing.locator('tbody td:nth-of-type(1)')).toHaveText([String(5 - older - lateOlder), String(older + lateOlder), '0', '0', '0']);
	await device.close();
});

test('a requester is told plainly the dashboard is not theirs, and has no link to it', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'lgarcia', { waitForSync: false });
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toHaveCount(0);
	await page.goto('/dashboard');
	await expect(page.getByRole('heading', { level: 1, name: 'Not available' })).toBeVisible();
	await expect(page.getByText('The dashboard is for technology staff')).toBeVisible();
	await device.close();
});

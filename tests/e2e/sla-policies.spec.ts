import { axeFindingsHere } from './axe';
import type { Page } from '@playwright/test';
import { SLA_PRESETS } from '../../core/sla/presets';
import { expect, gatewayGet, gatewayPut, PASSWORD, screenshots, serverUrl, signIn, test } from './fixtures';

const STAMP = { updatedAt: '2026-11-30T12:00:00-07:00', updatedBy: 'admin' };
const weekday = [{ start: '07:00', end: '15:30' }];

type Doc = { _id: string } & Record<string, unknown>;
const auth = { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };

/** What this spec found before it wrote each document (null: there was none), to put back afterwards. */
const found = new Map<string, Doc | null>();

/** Writes a document as the administrator through the gateway, over whatever version is stored. */
async function putOver(doc: Doc): Promise<void> {
	const stored = await gatewayGet<Doc & { _rev: string }>('admin', doc._id).catch(() => null);
	if (!found.has(doc._id)) found.set(doc._id, stored);
	await gatewayPut('admin', { ...doc, ...(stored ? { _rev: stored._rev } : {}) });
}

/** Puts every document this spec wrote back as it found it, removing those that were not there. */
async function restore(): Promise<void> {
	for (const [id, original] of found) {
		const stored = await gatewayGet<Doc & { _rev: string }>('admin', id);
		if (original) await gatewayPut('admin', { ...original, _rev: stored._rev });
		else {
			const response = await fetch(`${serverUrl()}/db/helpdesk/${encodeURIComponent(id)}?rev=${stored._rev}`, { method: 'DELETE', headers: auth });
			if (!response.ok) throw new Error(`DELETE ${id}: ${response.status} ${await response.text()}`);
		}
	}
	found.clear();
}

function preset(id: string) {
	const policy = SLA_PRESETS.find((p) => p.id === id);
	if (!policy) throw new Error(`no preset ${id}`);
	return { _id: `sla-policy:${id}`, type: 'sla-policy', ...policy, ...STAMP };
}

/** The preview API as the administrator. */
async function previewApi(query: string): Promise<{ policy: string; targets: { resolution: { due: string | null } } }> {
	const response = await fetch(`${serverUrl()}/api/sla/preview?${query}`, { headers: auth });
	return response.json();
}

/** Fails on serious or critical WCAG 2.1 A/AA findings. */
async function expectAccessible(page: Page, name: string): Promise<void> {
	expect((await axeFindingsHere(page)).map((finding) => `${name}: ${finding}`)).toEqual([]);
}

// Friday 4 December 2026, 14:00 in Denver: no closure that day or the Monday after.
const FRIDAY_P1_BREAK_FIX = 'priority=1&openedAt=2026-12-04T14:00:00-07:00&category=break-fix';

// Other specs expect the demo district's SLA documents as shipped.
test.afterEach(restore);

test('an administrator changes a cell and the active policy, sees the preview change, and the server answers the new due time', async ({ page }) => {
	if (!(await gatewayGet('admin', 'calendar:district').catch(() => null)))
		await putOver({
			_id: 'calendar:district',
			type: 'calendar',
			timeZone: 'America/Denver',
			hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
			overrides: [],
			closures: [],
			...STAMP
		});
	await putOver(preset('ts-pe-004'));
	await putOver(preset('wilson-001'));
	await putOver({ _id: 'sla-settings:district', type: 'sla-settings', activePolicy: 'ts-pe-004', ...STAMP });
	// 4 business hours from Friday 14:00: 90 minutes on Friday, 150 on Monday from 07:00.
	expect((await previewApi(FRIDAY_P1_BREAK_FIX)).targets.resolution.due).toBe('2026-12-07T09:30:00-07:00');

	await signIn(page, 'admin');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLA policies' }).click();
	await expect(page.getByRole('heading', { name: 'SLA policies' })).toBeVisible();
	const tsPe = page.locator('[data-policy="ts-pe-004"]');
	await expect(tsPe.getByText('Active', { exact: true })).toBeVisible();
	await screenshots(page, 'sla-policies-list');
	await expectAccessible(page, 'policy list');

	await page.getByRole('button', { name: 'Edit ts-pe-004' }).click();
	await expect(page.getByRole('heading', { name: /Edit Technology Services/ })).toBeVisible();
	await page.getByLabel('A ticket filed now').selectOption('break-fix');
	const p1 = page.getByTestId('sla-preview').locator('li').first();
	const before = await p1.textContent();
	expect(before).toMatch(/^P1 Emergency: resolved by .*\d+:\d\d [AP]M · response by /);

	const cellDue = page.locator('#cell-break-fix-1-due');
	const cellBefore = await cellDue.textContent();
	expect(cellBefore).toMatch(/^filed now: due .*\d+:\d\d [AP]M$/);
	const amount = page.locator('#cell-break-fix-1-amount');
	await expect(amount).toHaveAccessibleName('P1 Emergency: how many hours');
	await expect(amount).toHaveValue('4');
	await amount.fill('');
	await page.getByRole('button', { name: 'Save policy' }).click();
	await expect(page.locator('#cell-break-fix-1-problem')).toHaveText('Enter a whole number of hours, 1 or more.');
	await expect(page.getByText('Fill in every time correctly to see the due dates.')).toBeVisible();
	await expect(amount).toBeFocused();
	await expectAccessible(page, 'policy editor with a problem');

	await amount.fill('2');
	await expect(page.locator('#cell-break-fix-1-problem')).toHaveCount(0);
	await expect(p1).not.toHaveText(before ?? '');
	await expect(cellDue).not.toHaveText(cellBefore ?? '');
	await amount.scrollIntoViewIfNeeded();
	await screenshots(page, 'sla-policy-editor');
	await page.getByTestId('sla-preview').scrollIntoViewIfNeeded();
	await screenshots(page, 'sla-policy-preview');
	await page.getByRole('button', { name: 'Save policy' }).click();
	await expect(page.locator('main').getByRole('status')).toContainText('saved');

	await page.getByRole('button', { name: 'Make wilson-001 active' }).click();
	await expect(page.locator('main').getByRole('status')).toContainText('The clocks now run on Wilson');
	await expect(page.locator('[data-policy="wilson-001"]').getByText('Active', { exact: true })).toBeVisible();
	await expect(tsPe.getByText('Active', { exact: true })).toHaveCount(0);

	// The device syncs both documents to the server: its preview answers with them.
	// 2 business hours from Friday 14:00: 90 minutes on Friday, 30 on Monday.
	await expect.poll(async () => (await previewApi(`${FRIDAY_P1_BREAK_FIX}&policy=ts-pe-004`)).targets.resolution.due, { timeout: 30_000 }).toBe('2026-12-07T07:30:00-07:00');
	// Wilson's P1 resolution runs 2 hours around the clock.
	await expect.poll(async () => previewApi(FRIDAY_P1_BREAK_FIX), { timeout: 30_000 }).toMatchObject({ policy: 'wilson-001', targets: { resolution: { due: '2026-12-04T16:00:00-07:00' } } });
});

test('an administrator sets the outage rule to "extend 50%" and who hears of a clock at risk, and a reload shows both', async ({ page }) => {
	await putOver(preset('ts-pe-004'));
	await signIn(page, 'admin');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLA policies' }).click();
	const rules = page.locator('[data-policy="ts-pe-004"]').getByTestId('policy-rules');
	await expect(rules).toHaveText(
		'During an outage, the clocks of the tickets linked to it pause until service is restored. At risk: the owner (the coordinators when nobody owns it). Breached: the owner and the coordinators.'
	);

	await page.getByRole('button', { name: 'Edit ts-pe-004' }).click();
	const outage = page.getByRole('group', { name: 'During an outage' });
	await expect(outage.getByRole('radio', { name: 'Pause their clocks until service is restored' })).toBeChecked();
	await outage.getByRole('radio', { name: 'Give them more time on each target' }).check();
	const percent = page.getByLabel('More time, in % of each target');
	await percent.fill('0');
	await page.getByRole('button', { name: 'Save policy' }).click();
	await expect(page.locator('#outage-extend-problem')).toHaveText('Enter a whole percentage from 1 to 1000: at 50%, a target of 4 hours becomes 6 hours.');
	await expect(percent).toBeFocused();
	await percent.fill('50');
	await expect(page.locator('#outage-extend-problem')).toHaveCount(0);
	const atRisk = page.getByRole('group', { name: 'When a clock is at risk' });
	await expect(atRisk.getByRole('checkbox', { name: 'The ticket’s owner' })).toBeChecked();
	await atRisk.getByRole('checkbox', { name: 'The coordinators' }).check();
	await outage.evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await screenshots(page, 'sla-policy-rules');
	await expectAccessible(page, 'policy editor rules');
	await page.getByRole('button', { name: 'Save policy' }).click();
	await expect(page.locator('main').getByRole('status')).toContainText('saved');
	const saidNow = 'Tickets linked to an outage get 50% more time on each target. At risk: the owner and the coordinators. Breached: the owner and the coordinators.';
	await expect(rules).toHaveText(saidNow);
	await expect
		.poll(async () => {
			const stored = await gatewayGet<{ outageRule: unknown; notify: unknown }>('admin', 'sla-policy:ts-pe-004');
			return [stored.outageRule, stored.notify];
		}, { timeout: 30_000 })
		.toEqual([{ mode: 'extend', extendPercent: 50 }, { atRisk: ['owner', 'coordinators'], breached: ['owner', 'coordinators'] }]);

	await page.reload();
	await expect(rules).toHaveText(saidNow);
	await rules.scrollIntoViewIfNeeded();
	await screenshots(page, 'sla-policy-list-rules');
	await page.getByRole('button', { name: 'Edit ts-pe-004' }).click();
	await expect(outage.getByRole('radio', { name: 'Give them more time on each target' })).toBeChecked();
	await expect(percent).toHaveValue('50');
	await expect(atRisk.getByRole('checkbox', { name: 'The coordinators' })).toBeChecked();
});

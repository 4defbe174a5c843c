import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { expect, gatewayFileTicket, gatewayGet, gatewayPut, newDevice, screenshots, signIn, test } from './fixtures';

test('a coordinator sorts an old uncategorized ticket in one action and filters all tickets', async ({ browser }) => {
	// The district office has no building technician, so its tickets wait unassigned and uncategorized.
	const stamp = Date.now();
	const late = `Payroll printer offline ${stamp}`;
	const fresh = `Badge reader beeps ${stamp}`;
	const lateNumber = await gatewayFileTicket('admin', 'Dana Whitfield', { title: late, building: 'district-office', hoursAgo: 3 });
	await gatewayFileTicket('admin', 'Dana Whitfield', { title: fresh, building: 'district-office' });

	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'mrivera');
	await page.getByRole('link', { name: 'To sort' }).click();
	await expect(page.getByRole('heading', { name: 'To sort' })).toBeVisible();
	// Which cards are flagged follows the SLA calendar and policy: tests/e2e/sla-clocks.spec.ts checks it on a known calendar.
	const lateCard = page.locator('li.card', { hasText: late });
	await expect(lateCard).toBeVisible();
	await expect(page.locator('li.card', { hasText: fresh })).toBeVisible();
	await screenshots(page, 'coordinator-sort');

	// Meanwhile someone sets the priority from another device: the form shows it, and saving keeps it.
	const before = await gatewayGet<Ticket>('admin', `ticket:${lateNumber}`);
	await gatewayPut('admin', appendEntries(before, [{ id: `e2e-${lateNumber}-p`, at: new Date().toISOString(), by: 'admin', kind: 'set', changes: { priority: 2 } }]));
	await expect(lateCard.getByLabel('Priority')).toHaveValue('2');

	// One action: the form is filled with the suggestion; choose the category and save.
	await lateCard.getByLabel('Category').selectOption({ label: 'Service Request - Hardware / Software Break Fix' });
	await lateCard.getByLabel('Technician').selectOption({ label: 'Jordan Chen (specialist)' });
	await lateCard.getByRole('button', { name: 'Save and assign' }).click();
	await expect(page.locator('li.card', { hasText: late })).toHaveCount(0);
	await expect(page.getByTestId('sorted')).toContainText(`${lateNumber} saved, assigned to Jordan Chen`);
	await expect(page.getByTestId('pending')).toHaveText('All changes synced');
	const sorted = await gatewayGet<Ticket>('mrivera', `ticket:${lateNumber}`);
	expect(sorted).toMatchObject({ category: 'break-fix', assignee: 'jchen', status: 'assigned', priority: 2 });

	// All tickets, narrowed by each filter.
	await page.getByRole('link', { name: 'All tickets' }).click();
	const count = page.getByTestId('ticket-count');
	await expect(count).toContainText(/\d+ shown of the \d+ tickets on this device/);
	await page.getByLabel('Building').selectOption({ label: 'District Office' });
	await page.getByLabel('Technician').selectOption({ label: 'Jordan Chen' });
	await page.getByLabel('Category').selectOption({ label: 'Service Request - Hardware / Software Break Fix' });
	await expect(page.getByRole('link', { name: new RegExp(late) })).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(fresh) })).toHaveCount(0);
	// Opening a ticket and coming back keeps the filters.
	await page.getByRole('link', { name: new RegExp(late) }).click();
	await expect(page.getByRole('heading', { level: 1, name: late })).toBeVisible();
	await page.goBack();
	await expect(page.getByLabel('Building')).toHaveValue('district-office');
	await expect(page.getByLabel('Technician')).toHaveValue('jchen');
	await expect(page.getByRole('link', { name: new RegExp(fresh) })).toHaveCount(0);
	await page.getByLabel('Technician').selectOption({ label: 'Unassigned' });
	await page.getByLabel('Category').selectOption({ label: 'Not sorted yet' });
	await expect(page.getByRole('link', { name: new RegExp(fresh) })).toBeVisible();
	await expect(page.getByRole('link', { name: new RegExp(late) })).toHaveCount(0);
	await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Closed' });
	await expect(page.getByRole('link', { name: new RegExp(fresh) })).toHaveCount(0);
	await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Still open' });
	await screenshots(page, 'coordinator-all-tickets');
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await expect(page.getByLabel('Building')).toHaveValue('');
	await device.close();
});

test('people who do not coordinate are told plainly that sorting and the all-tickets view are not theirs', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'spatel');
	await expect(page.getByRole('link', { name: 'To sort' })).toHaveCount(0);
	await page.goto('/sort');
	await expect(page.getByText('Only coordinators and administrators sort new tickets.')).toBeVisible();
	await page.goto('/tickets');
	await expect(page.getByText('Only coordinators and administrators see every ticket in the district.')).toBeVisible();
	await device.close();
});

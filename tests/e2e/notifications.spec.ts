import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { NotificationDoc } from '../../core/notify/notification-doc';
import type { NotifyPrefsDoc } from '../../core/notify/prefs-doc';
import type { Ticket } from '../../core/schemas';
import { withDistribution } from '../../core/ticket-changes';
import { CHROMEBOOK, expect, gatewayFileTicket, gatewayGet, gatewayPut, PHONE, screenshots, signIn, test } from './fixtures';

const NARROW = { width: 320, height: 640 };

/** A person's stored choices as the gateway has them, or null when they have none. */
async function storedPrefs(username: string): Promise<NotifyPrefsDoc | null> {
	try {
		return await gatewayGet<NotifyPrefsDoc>(username, `notify-prefs:${username}`);
	} catch (error) {
		if (String(error).includes(': 404')) return null;
		throw error;
	}
}

/** Removes a person's choices (they may), so they start from their role's defaults. */
async function forgetPrefs(username: string): Promise<void> {
	const doc = await storedPrefs(username);
	if (doc) await gatewayPut(username, { _id: doc._id, _rev: doc._rev, _deleted: true });
}

/** Serious or critical axe findings at phone and Chromebook widths. */
async function axeFindings(page: Page): Promise<string[]> {
	const found: string[] = [];
	for (const viewport of [PHONE, CHROMEBOOK]) {
		await page.setViewportSize(viewport);
		const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
			found.push(`${viewport.width}px ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}
	await page.setViewportSize(PHONE);
	return found;
}

/** How far the page scrolls sideways at 320 px (0 when it does not). */
async function sidewaysAtNarrow(page: Page): Promise<number> {
	await page.setViewportSize(NARROW);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	await page.setViewportSize(PHONE);
	return overflow;
}

test('a requester turns email off for notes; the choice is stored and survives a reload', async ({ page }) => {
	await forgetPrefs('lgarcia');
	await signIn(page, 'lgarcia');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notifications/ }).click();
	await page.getByRole('link', { name: 'Choose how you are told' }).click();

	// A requester is offered notes on their tickets and outages only, each by email and in the app to begin with.
	await expect(page.getByRole('group')).toHaveText([/note to a ticket you reported/, /outage that affects you is posted/, /News on an outage/, /Service is back/]);
	const notes = page.getByRole('group', { name: 'Someone adds a note to a ticket you reported' });
	await expect(notes.getByRole('radio', { name: 'Email and in the app' })).toBeChecked();
	await expect(page.getByText('Email goes to lgarcia@')).toBeVisible();

	await notes.getByRole('radio', { name: 'In the app only' }).check();
	await page.getByRole('button', { name: 'Save choices' }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText('Your choices are saved');
	await screenshots(page, 'notification-choices');

	await expect.poll(async () => (await storedPrefs('lgarcia'))?.choices, { timeout: 20_000 }).toEqual({
		note: 'in-app',
		'outage-posted': 'both',
		'outage-progress': 'both',
		'outage-restored': 'both'
	});

	await page.reload();
	const notesAgain = page.getByRole('group', { name: 'Someone adds a note to a ticket you reported' });
	await expect(notesAgain.getByRole('radio', { name: 'In the app only' })).toBeChecked();
	await expect(page.getByRole('group', { name: 'An outage that affects you is posted' }).getByRole('radio', { name: 'Email and in the app' })).toBeChecked();
	expect(await axeFindings(page)).toEqual([]);
	expect(await sidewaysAtNarrow(page)).toBeLessThanOrEqual(0);
	await forgetPrefs('lgarcia');
});

test('a technician is offered every kind of event, and the empty list says so in plain words', async ({ page }) => {
	// Summit's technician: no other spec gives them work, so their list is empty.
	await signIn(page, 'lstrand');
	await page.goto('/notifications/settings');
	await expect(page.getByRole('group')).toHaveCount(8);
	await expect(page.getByRole('group', { name: 'A ticket is close to missing its time target' }).getByRole('radio', { name: 'In the app only' })).toBeChecked();
	await page.getByRole('link', { name: 'Back to notifications' }).click();
	await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
	await expect(page.getByText(/Nothing yet\. When a ticket is assigned or escalated to you/)).toBeVisible();
	expect(await axeFindings(page)).toEqual([]);
	expect(await sidewaysAtNarrow(page)).toBeLessThanOrEqual(0);
});

test('a technician assigned a ticket on another device sees the count, opens the line, and it stays read', async ({ page }) => {
	// Jefferson's technician; the ticket is filed unassigned, then the coordinator gives it to them from their own device.
	await signIn(page, 'kbrennan');
	const nav = page.getByRole('navigation', { name: 'Main' });
	await nav.getByRole('link', { name: /^Notifications/ }).click();
	const markAll = page.getByRole('button', { name: 'Mark all read' });
	if (await markAll.isVisible()) await markAll.click();
	await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

	const title = `Smartboard pen not responding ${Date.now()}`;
	const number = await gatewayFileTicket('admin', 'Dana Whitfield', { title, building: 'jefferson-es' });
	const filed = await gatewayGet<Ticket>('mrivera', `ticket:${number}`);
	await gatewayPut('mrivera', withDistribution(filed, { by: 'mrivera', at: new Date().toISOString(), id: `e2e-notify-${number}` }, { assignee: 'kbrennan' }));

	// Sync brings the server's notification; the count rises without a reload.
	await expect(nav.getByRole('link', { name: 'Notifications 1 unread', exact: true })).toBeVisible({ timeout: 30_000 });
	const line = page.getByRole('listitem').filter({ hasText: number });
	await expect(line).toHaveCount(1);
	await expect(line.getByRole('link')).toContainText('Unread');
	await expect(page.getByText('1 unread notification.')).toBeVisible();
	await screenshots(page, 'notifications-list');
	expect(await axeFindings(page)).toEqual([]);
	expect(await sidewaysAtNarrow(page)).toBeLessThanOrEqual(0);

	const id = (await line.getAttribute('data-notification')) ?? '';
	await line.getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/tickets/${number}$`));
	await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
	// The mark reaches the server, as the recipient's other devices would see it.
	await expect.poll(async () => (await gatewayGet<NotificationDoc>('kbrennan', id)).readAt, { timeout: 20_000 }).not.toBeNull();

	await page.reload();
	await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
	await nav.getByRole('link', { name: 'Notifications' }).click();
	await expect(page.getByText('All read.')).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: number }).getByRole('link')).not.toContainText('Unread');
});

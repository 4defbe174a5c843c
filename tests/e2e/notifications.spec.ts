import type { Page } from '@playwright/test';
import type { NotificationDoc } from '../../core/notify/notification-doc';
import type { NotifyPrefsDoc } from '../../core/notify/prefs-doc';
import type { Ticket, UserProfile } from '../../core/schemas';
import { withDistribution } from '../../core/ticket-changes';
import { axeFindings } from './axe';
import { expect, gatewayFileTicket, gatewayGet, gatewayPut, PASSWORD, PHONE, screenshots, serverUrl, signIn, test, waitForOfflineShell } from './fixtures';

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

test('a technician without an email address is told so beside the email choices; the empty list says so in plain words', async ({ page }) => {
	// A technician of the test's own, made without an email address: no other spec can have notified them (an outage
	// another spec declares notifies every technician in its buildings).
	const summit = await gatewayGet<UserProfile>('admin', 'user:lstrand');
	const username = `tech.quiet${Date.now().toString(36)}`;
	const made = await fetch(`${serverUrl()}/api/admin/users/${username}`, {
		method: 'PUT',
		headers: { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/json' },
		body: JSON.stringify({ username, name: 'Quinn Quiet', role: 'building-tech', kind: 'staff', buildings: summit.buildings, active: true, password: PASSWORD })
	});
	expect(made.status, await made.text()).toBe(200);
	await signIn(page, username);
	await page.goto('/notifications/settings');
	await expect(page.getByRole('group')).toHaveCount(8);
	await expect(page.getByText('Your profile has no email address, so email cannot reach you.')).toBeVisible();
	const atRisk = page.getByRole('group', { name: 'A ticket is close to missing its time target' });
	await expect(atRisk.getByRole('radio', { name: 'In the app only' })).toBeChecked();
	await expect(atRisk.getByRole('radio', { name: 'Email only (no address)' })).toBeVisible();
	await expect(atRisk.getByRole('radio', { name: 'Email and in the app (no address)' })).toBeVisible();
	await screenshots(page, 'notification-choices-no-email');
	expect(await axeFindings(page)).toEqual([]);
	expect(await sidewaysAtNarrow(page)).toBeLessThanOrEqual(0);

	await page.getByRole('link', { name: 'Back to notifications' }).click();
	await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
	await expect(page.getByText(/Nothing yet\. When a ticket is assigned or escalated to you/)).toBeVisible();
	await screenshots(page, 'notifications-empty');
	expect(await axeFindings(page)).toEqual([]);
	expect(await sidewaysAtNarrow(page)).toBeLessThanOrEqual(0);
});

/** Files a ticket at the district office (no technician of its own: it waits unassigned) and has the coordinator give it to `to` from their own device. */
async function coordinatorAssigns(title: string, to: string): Promise<string> {
	const number = await gatewayFileTicket('admin', 'Dana Whitfield', { title, building: 'district-office' });
	const filed = await gatewayGet<Ticket>('mrivera', `ticket:${number}`);
	expect(filed.assignee).toBeNull();
	await gatewayPut('mrivera', withDistribution(filed, { by: 'mrivera', at: new Date().toISOString(), id: `e2e-notify-${number}` }, { assignee: to }));
	return number;
}

test('a technician assigned tickets on another device sees the count rise, reads them offline, and they stay read', async ({ page, context }) => {
	// Jefferson's technician: the tickets are not in their building, so only the coordinator's assignment brings them.
	await signIn(page, 'kbrennan');
	const nav = page.getByRole('navigation', { name: 'Main' });
	await nav.getByRole('link', { name: /^Notifications/ }).click();
	await expect(page.getByText(/Nothing yet|unread notification|All read/)).toBeVisible();
	const markAll = page.getByRole('button', { name: 'Mark all read' });
	if (await markAll.isVisible()) await markAll.click();
	await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

	const run = Date.now();
	const first = await coordinatorAssigns(`Smartboard pen not responding ${run}`, 'kbrennan');
	// Sync brings the server's notification; the count rises without a reload.
	await expect(nav.getByRole('link', { name: 'Notifications 1 unread', exact: true })).toBeVisible({ timeout: 30_000 });
	const second = await coordinatorAssigns(`Label printer offline ${run}`, 'kbrennan');
	await expect(nav.getByRole('link', { name: 'Notifications 2 unread', exact: true })).toBeVisible({ timeout: 30_000 });

	const line = (number: string) => page.getByRole('main').getByRole('listitem').filter({ hasText: number });
	await expect(line(first)).toContainText('Marisol Rivera');
	await expect(line(first).getByRole('link')).toContainText('Unread');
	// Newest first.
	await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(second);
	await expect(page.getByText('2 unread notifications.')).toBeVisible();
	await screenshots(page, 'notifications-list');
	expect(await axeFindings(page)).toEqual([]);
	expect(await sidewaysAtNarrow(page)).toBeLessThanOrEqual(0);
	const ids = [(await line(first).getAttribute('data-notification')) ?? '', (await line(second).getAttribute('data-notification')) ?? ''];

	// Reading works without a network; the marks wait on the device and go up once it is back.
	await waitForOfflineShell(page);
	await context.setOffline(true);
	await line(first).getByRole('link').click();
	await expect(page).toHaveURL(new RegExp(`/tickets/${first}$`));
	await expect(nav.getByRole('link', { name: 'Notifications 1 unread', exact: true })).toBeVisible();
	await nav.getByRole('link', { name: /^Notifications/ }).click();
	await page.getByRole('button', { name: 'Mark all read' }).click();
	await expect(page.getByRole('main').getByRole('status')).toHaveText('1 notification marked read.');
	await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
	await expect(page.getByText('All read.')).toBeVisible();
	await context.setOffline(false);
	for (const id of ids) await expect.poll(async () => (await gatewayGet<NotificationDoc>('kbrennan', id)).readAt, { timeout: 30_000 }).not.toBeNull();

	await page.reload();
	await expect(page.getByText('All read.')).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
	await expect(line(first).getByRole('link')).not.toContainText('Unread');
});

/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { newTicket } from '../../core/ticket';
import { deviceCode, ticketNumber } from '../../core/ticket-number';
import { startServer } from '../support/server';

export { expect };

export const PASSWORD = 'helpdesk-demo';
export const PHONE = { width: 390, height: 844 };
export const CHROMEBOOK = { width: 1366, height: 768 };
const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** This worker's server (see the `workerServer` fixture). */
export function serverUrl(): string {
	const url = process.env.HD_E2E_URL;
	if (!url) throw new Error('HD_E2E_URL is not set: run the tests through playwright.config.ts (each worker starts its server).');
	return url;
}

/**
 * Playwright's test, with baseURL pointing at this worker's own server: each worker process starts the real server
 * with the demo district on a free port and its own DATA_DIR before its first test, so the specs a worker runs (one at
 * a time) share a server no other worker writes to.
 */
export const test = base.extend<object, { workerServer: string }>({
	workerServer: [
		async ({}, use) => {
			const server = await startServer({ DEMO: '1' });
			process.env.HD_E2E_URL = server.url;
			await use(server.url);
			delete process.env.HD_E2E_URL;
			await server.dispose();
		},
		{ scope: 'worker', auto: true }
	],
	baseURL: async ({ workerServer }, use) => {
		await use(workerServer);
	}
});

/** A fresh browser profile (its own storage, like another device) on the test server. */
export function newDevice(browser: Browser): Promise<BrowserContext> {
	return browser.newContext({ baseURL: serverUrl(), viewport: PHONE });
}

/** Signs in through the form and, unless told not to, waits for the first sync to finish. */
export async function signIn(page: Page, username: string, { waitForSync = true } = {}): Promise<void> {
	await page.goto('/');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	if (waitForSync) await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 60_000 });
	else await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/**
 * Goes to a path of the app that is already open in the page by following a link, as a person does (SvelteKit's router
 * handles it, no reload), and waits for the address to change. A cold load (page.goto) starts the app afresh.
 */
export async function followLink(page: Page, path: string): Promise<void> {
	await page.evaluate((href) => {
		const link = Object.assign(document.createElement('a'), { href });
		document.body.append(link);
		link.click();
		link.remove();
	}, path);
	const wanted = new URL(path, page.url());
	await page.waitForURL((url) => url.pathname === wanted.pathname && url.search === wanted.search);
}

/** Waits until the service worker controls the page, so the app opens without a network. */
export async function waitForOfflineShell(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
}

/** Files a ticket through the form (skipping the self-check) and returns its number. */
export async function fileTicket(page: Page, description: string, room = '12'): Promise<string> {
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Report a problem' }).click();
	await page.getByRole('button', { name: 'Skip the checks' }).click();
	await page.getByLabel('What is the problem?').fill(description);
	await page.getByLabel('Room').fill(room);
	await page.getByRole('button', { name: 'Save ticket' }).click();
	const number = (await page.getByTestId('ticket-number').textContent({ timeout: 10_000 })) ?? '';
	expect(number).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3,5}$/);
	return number;
}

/** Saves the page at phone and Chromebook sizes into tests/artifacts/, then restores the phone size. */
export async function screenshots(page: Page, name: string): Promise<void> {
	mkdirSync(ARTIFACTS, { recursive: true });
	for (const [size, viewport] of [['320x640', { width: 320, height: 640 }], ['390x844', PHONE], ['1366x768', CHROMEBOOK]] as const) {
		await page.setViewportSize(viewport);
		await page.screenshot({ path: resolve(ARTIFACTS, `${name}-${size}.png`) });
	}
	await page.setViewportSize(PHONE);
}

/** The names of this browser profile's IndexedDB databases. */
export function indexedDbNames(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : [])));
}

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${PASSWORD}`).toString('base64')}`;

/** Reads a document through the sync gateway as a person (HTTP Basic), as another device of theirs would. */
export async function gatewayGet<T>(username: string, id: string): Promise<T> {
	const response = await fetch(`${serverUrl()}/db/helpdesk/${encodeURIComponent(id)}`, { headers: { authorization: basic(username) } });
	if (!response.ok) throw new Error(`GET ${id} as ${username}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

/** Writes a document through the sync gateway as a person (HTTP Basic); the gateway judges it like any device's write. */
export async function gatewayPut(username: string, doc: { _id: string } & Record<string, unknown>): Promise<void> {
	const response = await fetch(`${serverUrl()}/db/helpdesk/${encodeURIComponent(doc._id)}`, {
		method: 'PUT',
		headers: { authorization: basic(username), 'content-type': 'application/json' },
		body: JSON.stringify(doc)
	});
	if (!response.ok) throw new Error(`PUT ${doc._id} as ${username}: ${response.status} ${await response.text()}`);
}

let filedThroughGateway = 0;

/**
 * Files a ticket as a person through the gateway, as their other device would, and returns its number.
 * `hoursAgo` back-dates it (a ticket filed offline this morning, synced now).
 */
export async function gatewayFileTicket(
	username: string,
	name: string,
	{ title, building, hoursAgo = 0 }: { title: string; building: string; hoursAgo?: number }
): Promise<string> {
	const number = ticketNumber(deviceCode(20_000 + (process.pid % 5000)), Date.now() % 20_000_000 + filedThroughGateway++);
	const at = new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
	const ticket = newTicket(
		{ number, requester: username, requesterName: name, createdBy: username, source: 'web', title, description: `${title}. Filed by the e2e suite.`, building, room: '12' },
		at,
		`e2e-${number}`
	);
	await gatewayPut(username, ticket);
	return number;
}

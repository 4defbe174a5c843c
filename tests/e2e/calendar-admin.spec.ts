import { resolve } from 'node:path';
import type { CalendarDoc } from '../../core/sla/calendar';
import { expect, gatewayGet, gatewayPut, newDevice, screenshots, signIn, test } from './fixtures';

const FIXTURE = resolve(import.meta.dirname, '../../server/demo/lakeside-2026-27.ics');

test('an administrator imports the district calendar file, unticks one event, saves, and sees the closures; a closure added by hand stays', async ({ browser }) => {
	// Other specs share this server: the seeded calendar is put back at the end.
	const seeded = await gatewayGet<CalendarDoc & { _rev: string }>('admin', 'calendar:district');
	const adminDevice = await newDevice(browser);
	const page = await adminDevice.newPage();
	// The device reads Oct 1, 2026: Labor Day is past, the rest of the school year ahead. Timers keep running.
	await page.clock.setFixedTime(new Date('2026-10-01T10:00:00-06:00'));
	await signIn(page, 'admin');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
	await expect(page.getByRole('heading', { name: 'Business calendar' })).toBeVisible();
	await expect(page.getByText('SLA clocks run while the office is open: Mon–Fri 07:00–15:30, America/Denver time.')).toBeVisible();
	// Before anything is saved, the preview says when a ticket filed now would be due under the active policy.
	await expect(page.getByTestId('calendar-preview')).toContainText(/Filed now \(today [^)]*\):\s+response due [^;]+;\s+resolution due [^.]+\./);
	await screenshots(page, 'calendar-top');
	await page.setViewportSize({ width: 320, height: 640 });
	expect(await page.evaluate(() => [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > 320).map((el) => el.outerHTML.slice(0, 80)))).toEqual([]);

	// A summer schedule: Monday with a lunch break, Friday closed.
	await page.getByRole('button', { name: 'Add a schedule' }).click();
	await page.getByLabel('Name').fill('Summer hours');
	await page.getByLabel('From', { exact: true }).fill('2027-06-14');
	await page.getByLabel('To (included)').fill('2027-08-06');
	await page.locator('#override-0-mon-0-end').fill('11:30');
	await page.getByRole('button', { name: 'Add hours on Monday' }).nth(1).click();
	await page.locator('#override-0-mon-1-start').fill('12:30');
	await page.locator('#override-0-mon-1-end').fill('15:30');
	await page.getByRole('button', { name: 'Remove Friday 07:00 to 15:30' }).nth(1).click();

	// A part-day closure by hand, saved through the device's database.
	await page.getByLabel('What is it?').fill('Staff meeting');
	await page.getByLabel('Part of a day').check();
	await page.getByLabel('Day', { exact: true }).fill('2026-10-14');
	await page.getByLabel('Closes at').fill('13:00');
	await page.getByLabel('Until').fill('15:30');
	await page.getByRole('button', { name: 'Add closure' }).click();
	await page.getByRole('button', { name: 'Save the calendar' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved the calendar.' })).toBeVisible();

	await page.getByLabel('A calendar file (.ics)').setInputFiles(FIXTURE);
	await page.getByRole('button', { name: 'Read the file' }).click();
	await expect(page.getByRole('heading', { name: '23 events found · 15 ticked as closures' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /Thanksgiving Break - No School/ })).not.toBeChecked();
	await expect(page.getByRole('checkbox', { name: /District Office closes at noon Wed, Dec 23, 2026, 12:00 to 17:00/ })).toBeChecked();
	await page.getByRole('checkbox', { name: /Summer Friday - District Office Closed Fri, Jul 30, 2027/ }).uncheck();
	await expect(page.getByRole('heading', { name: '23 events found · 14 ticked as closures' })).toBeVisible();
	await page.getByRole('checkbox', { name: /Summer Friday - District Office Closed Fri, Jul 2, 2027/ }).scrollIntoViewIfNeeded();
	await screenshots(page, 'calendar-import');
	await page.setViewportSize({ width: 320, height: 640 });
	expect(await page.evaluate(() => [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > 320).map((el) => el.outerHTML.slice(0, 80)))).toEqual([]);

	await page.getByRole('button', { name: 'Save 14 closures from the import' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved 14 closures from the import.' })).toBeVisible();
	const closures = page.getByRole('list', { name: 'Closures' });
	await expect(closures.getByText('Wed, Oct 14, 2026, 13:00 to 15:30', { exact: true })).toBeVisible();
	await expect(closures.getByText('Thu, Nov 26, 2026 to Fri, Nov 27, 2026', { exact: true })).toBeVisible();
	await expect(closures.getByText('Wed, Dec 23, 2026, 12:00 to 17:00', { exact: true })).toBeVisible();
	await expect(closures.getByText('Fri, Jul 23, 2027, all day', { exact: true })).toBeVisible();
	await expect(closures.getByText('Fri, Jul 30, 2027, all day', { exact: true })).toHaveCount(0);
	await expect(page.getByText(/Next closure: Staff meeting, Wed, Oct 14, 2026, 13:00 to 15:30/)).toBeVisible();
	await page.getByRole('heading', { name: 'Closures', exact: true }).scrollIntoViewIfNeeded();
	await screenshots(page, 'calendar-saved');

	// The saved calendar reaches the server through sync: 14 imported closures and the one added by hand.
	await expect
		.poll(async () => {
			const doc = await gatewayGet<CalendarDoc>('admin', 'calendar:district');
			return doc.closures.map((c) => `${c.source} ${c.start}`);
		}, { timeout: 30_000 })
		.toEqual([
			'manual 2026-10-14T13:00:00-06:00',
			'ical 2026-09-07', 'ical 2026-11-26', 'ical 2026-12-23T12:00:00-07:00', 'ical 2026-12-24', 'ical 2027-01-18', 'ical 2027-02-15', 'ical 2027-05-31',
			'ical 2027-06-11', 'ical 2027-06-18', 'ical 2027-07-02', 'ical 2027-07-05', 'ical 2027-07-09', 'ical 2027-07-16', 'ical 2027-07-23'
		]);
	const summer = (await gatewayGet<CalendarDoc>('admin', 'calendar:district')).overrides;
	expect(summer).toEqual([
		{
			label: 'Summer hours', first: '2027-06-14', last: '2027-08-06',
			hours: {
				mon: [{ start: '07:00', end: '11:30' }, { start: '12:30', end: '15:30' }], tue: [{ start: '07:00', end: '15:30' }], wed: [{ start: '07:00', end: '15:30' }],
				thu: [{ start: '07:00', end: '15:30' }], fri: [], sat: [], sun: []
			}
		}
	]);
	await adminDevice.close();
	const current = await gatewayGet<{ _rev: string }>('admin', 'calendar:district');
	await gatewayPut('admin', { ...seeded, _rev: current._rev });
});

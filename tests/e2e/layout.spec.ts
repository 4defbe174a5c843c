import type { Page } from '@playwright/test';
import { expect, followLink, gatewayFileTicket, newDevice, signIn, test } from './fixtures';

const WIDTHS = [320, 390, 1366];

/** Every page a person reaches from the main menu, plus a ticket of theirs and the filing form past its checks. */
async function mainPages(page: Page, ticketsAt: string): Promise<string[]> {
	const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
	await followLink(page, ticketsAt);
	const ticket = await page.locator('ul.tickets a').first().getAttribute('href');
	return [...nav, '/tickets?status=', ...(ticket ? [ticket] : []), '/new#form'];
}

/**
 * Opens a page of the app already open in the page and waits until its content is drawn (its first heading, or the
 * filing form past the checks). It follows a link inside the app, as a person does: a cold load of every page would
 * time the start-up again (first-screen.spec and the offline specs cover it) and costs seconds a page.
 */
async function open(page: Page, path: string): Promise<void> {
	await followLink(page, path.replace('#form', ''));
	if (path.endsWith('#form')) await page.getByRole('button', { name: 'Skip the checks' }).click();
	await expect(page.locator('main h1').first()).toBeAttached();
	await expect(page.getByText(/^(Loading|Opening)…$/)).toHaveCount(0);
}

/** What scrolls sideways at this width (the widest element past the edge), or null. */
function sidewaysScroll(page: Page): Promise<string | null> {
	return page.evaluate(() => {
		const root = document.documentElement;
		if (root.scrollWidth <= root.clientWidth) return null;
		const widest = [...document.querySelectorAll('body *')].reduce<Element | null>(
			(w, el) => (!w || el.getBoundingClientRect().right > w.getBoundingClientRect().right ? el : w),
			null
		);
		return `${root.scrollWidth}px wide in ${root.clientWidth}px (widest: ${widest?.outerHTML.slice(0, 120)})`;
	});
}

/** The visible form fields whose text is under 16 px (iPhones zoom in when such a field gets the focus). */
function smallFields(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('input, select, textarea')]
			.filter((el) => (el as HTMLElement).offsetParent !== null && parseFloat(getComputedStyle(el).fontSize) < 16)
			.map((el) => `${el.id || el.getAttribute('name') || el.tagName}: ${getComputedStyle(el).fontSize}`)
	);
}

/** The visible checkboxes and radios drawn wider than a native one (a text field's padding or width on them). */
function bloatedChoices(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
			.filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().width > 24)
			.map((el) => `${el.id || el.getAttribute('name') || (el as HTMLInputElement).type}: ${el.getBoundingClientRect().width}px wide`)
	);
}

/**
 * A district's own names (a category, a person and their role: the technician and category menus of a ticket, To sort
 * and the filters) may be longer than a phone is wide; the menu shows them in full when opened. Our own words, and
 * every menu on a Chromebook, must fit.
 */
const DISTRICT_NAMED_MENU = '-(assignee|category)$';

/** The visible menus whose chosen words are cut off (wider than the menu's room beside its arrow). */
function clippedMenus(page: Page, exempt: string | null): Promise<string[]> {
	return page.evaluate((exempt) => {
		const ARROW_PX = 20;
		const context = document.createElement('canvas').getContext('2d')!;
		return [...document.querySelectorAll('select')]
			.filter((el) => el.offsetParent !== null && el.selectedIndex >= 0 && !(exempt && new RegExp(exempt).test(el.id)))
			.flatMap((el) => {
				const style = getComputedStyle(el);
				context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
				const words = el.options[el.selectedIndex].text;
				const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW_PX;
				const needed = context.measureText(words).width;
				return needed > room ? [`${el.id || el.name}: "${words}" needs ${Math.ceil(needed)}px, has ${Math.floor(room)}px`] : [];
			});
	}, exempt);
}

// Each person with the list where a ticket of theirs is sure to be.
for (const [role, username, ticketsAt] of [
	['requester', 'lgarcia', '/'],
	['student', 'alex.kim', '/'],
	['technician', 'spatel', '/?queue=buildings'],
	['coordinator', 'mrivera', '/tickets'],
	['administrator', 'admin', '/tickets']
] as const) {
	test(`no main page of a ${role} scrolls sideways at 320, 390 or 1366 px, no menu cuts off its choice, and every field is 16 px or more`, async ({ browser }) => {
		// A ticket on To sort, suggested to the building technician with the longest name, whatever ran before.
		if (ticketsAt === '/tickets') await gatewayFileTicket('admin', 'Dana Whitfield', { title: `Layout ${role} ${Date.now()}`, building: 'lakeside-hs' });
		const device = await newDevice(browser);
		const page = await device.newPage();
		await signIn(page, username);
		const paths = await mainPages(page, ticketsAt);
		expect(paths.length).toBeGreaterThan(3);
		const problems: string[] = [];
		let fields = 0;
		for (const path of paths) {
			await open(page, path);
			for (const width of WIDTHS) {
				await page.setViewportSize({ width, height: 800 });
				const scroll = await sidewaysScroll(page);
				if (scroll) problems.push(`${path} at ${width}px: ${scroll}`);
				for (const menu of await clippedMenus(page, width < 1000 ? DISTRICT_NAMED_MENU : null)) problems.push(`${path} at ${width}px: ${menu}`);
			}
			fields += await page.locator('input, select, textarea').count();
			for (const field of await smallFields(page)) problems.push(`${path}: ${field}`);
			for (const choice of await bloatedChoices(page)) problems.push(`${path}: ${choice}`);
		}
		expect(problems).toEqual([]);
		expect(fields).toBeGreaterThan(0);
		await device.close();
	});
}

test('a day’s opening and closing times share one line, and the calendar’s choices keep their native size, at 390 and 1366 px', async ({ browser }) => {
	const device = await newDevice(browser);
	const page = await device.newPage();
	await signIn(page, 'admin');
	await open(page, '/admin/calendar');
	const opens = page.getByLabel('Monday opens', { exact: true });
	const closes = page.getByLabel('Monday closes', { exact: true });
	for (const width of [390, 1366]) {
		await page.setViewportSize({ width, height: 800 });
		const [start, end] = [await opens.boundingBox(), await closes.boundingBox()];
		expect(start && end && Math.abs(start.y - end.y)).toBe(0);
		expect(end!.x).toBeGreaterThan(start!.x + start!.width);
		expect((await page.getByRole('radio', { name: 'Whole days' }).boundingBox())!.width).toBeLessThanOrEqual(24);
		expect(await bloatedChoices(page)).toEqual([]);
	}
	await device.close();
});

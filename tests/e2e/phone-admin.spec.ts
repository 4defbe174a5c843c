import { axeFindings } from './axe';
import type { PhoneLineDoc } from '../../core/telephony/docs';
import { expect, gatewayGet, gatewayPut, PHONE, screenshots, signIn, test } from './fixtures';

test('an administrator sees the line is off and what turns it on, and edits the phone line the device and gateway both accept', async ({ browser }) => {
	const seeded = await gatewayGet<PhoneLineDoc & { _rev: string }>('admin', 'phone-line:district');
	const context = await browser.newContext({ viewport: PHONE });
	const page = await context.newPage();
	await signIn(page, 'admin');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Phone line' }).click();
	await expect(page.getByRole('heading', { name: 'Phone line', level: 1 })).toBeVisible();

	// The test server runs without Twilio's account: off, and the words say which variables to set.
	const status = page.getByTestId('line-status');
	await expect(status).toContainText('Off.');
	await expect(status).toContainText('TWILIO_ACCOUNT_SID');
	await expect(status).toContainText('PUBLIC_URL');

	const form = page.getByTestId('phone-line-form');
	await expect(form.getByLabel(/^Greeting/)).toHaveValue(seeded.prompts.en.greeting);
	await form.getByRole('radio', { name: 'Español' }).check();
	await expect(form.getByLabel(/^Greeting/)).toHaveValue(seeded.prompts.es.greeting);
	await form.getByLabel(/^Greeting/).fill('Gracias por llamar al servicio de ayuda de tecnología.');
	await form.getByRole('radio', { name: 'English' }).check();
	await form.getByLabel(/^Menu \(open\)/).fill('');
	await form.getByLabel('Ring time (seconds)').fill('25');
	await form.getByLabel('Keep recordings (days)').fill('30');
	const onCall = page.getByRole('group', { name: /On call/ });
	const notOnCall = seeded.onCall.includes('bkowalski') ? 'Priya Shah' : 'Ben Kowalski';
	await onCall.getByRole('checkbox', { name: new RegExp(`^${notOnCall}`) }).check();

	// An empty prompt is refused on the device, naming it.
	await form.getByRole('button', { name: 'Save the phone line' }).click();
	await expect(form.getByRole('alert')).toHaveText('The English “Menu (open)” prompt is empty: write what the line says.');
	await form.getByLabel(/^Menu \(open\)/).fill(seeded.prompts.en.menu);
	await form.getByRole('button', { name: 'Save the phone line' }).click();
	await expect(form.getByRole('status')).toHaveText('Saved. The phone line uses it from the next call.');

	await expect.poll(async () => (await gatewayGet<PhoneLineDoc>('admin', 'phone-line:district')).ringSeconds, { timeout: 30_000 }).toBe(25);
	const saved = await gatewayGet<PhoneLineDoc>('admin', 'phone-line:district');
	expect(saved.prompts.es.greeting).toBe('Gracias por llamar al servicio de ayuda de tecnología.');
	expect(saved.prompts.en.menu).toBe(seeded.prompts.en.menu);
	expect(saved.audioRetentionDays).toBe(30);
	expect(saved.onCall).toEqual([...seeded.onCall, notOnCall === 'Priya Shah' ? 'pshah' : 'bkowalski']);

	// The gateway judges the document as the device did: a coordinator may not change it.
	await expect(gatewayPut('mrivera', { ...saved, ringSeconds: 30 })).rejects.toThrow(/Only administrators change the phone line/);

	expect(await axeFindings(page)).toEqual([]);
	await page.evaluate(() => window.scrollTo(0, 0));
	await screenshots(page, 'phone-admin');
	await page.setViewportSize({ width: 320, height: 640 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= 320)).toBe(true);
	await context.close();
});

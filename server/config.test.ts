import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('configuration from the environment', () => {
	it('uses the documented defaults', () => {
		const config = readConfig({});
		expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO: '1', CLOSED_WINDOW_DAYS: 30, PUBLIC_URL: 'http://localhost:3000' });
		expect(config.STORE_URL).toBeUndefined();
	});

	it('stops with a message naming each wrong variable', () => {
		expect(() => readConfig({ PORT: 'eighty', STORE_URL: 'couch' })).toThrow(/PORT[\s\S]*STORE_URL: STORE_URL must be the URL of a CouchDB server/);
	});

	it('requires the first administrator’s password when starting without the demo', () => {
		expect(() => readConfig({ DEMO: '0' })).toThrow(/ADMIN_PASSWORD: required when DEMO=0/);
		expect(readConfig({ DEMO: '0', ADMIN_PASSWORD: 'long-enough-password' }).DEMO).toBe('0');
	});

	it('takes a mail server only as an smtp:// or smtps:// URL, and has a default sender', () => {
		expect(readConfig({}).MAIL_FROM).toBe('Helpdesk <helpdesk@localhost>');
		expect(readConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }).SMTP_URL).toBe('smtps://u:p@mail.example.org:465');
		expect(() => readConfig({ SMTP_URL: 'mail.example.org' })).toThrow(/SMTP_URL: SMTP_URL must be a URL such as smtp:/);
		expect(() => readConfig({ SMTP_URL: 'https://mail.example.org' })).toThrow(/SMTP_URL: SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
	});
});

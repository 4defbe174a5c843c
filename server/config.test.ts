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
});

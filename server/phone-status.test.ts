import { describe, expect, it } from 'vitest';
import { phoneLineStartupMessage, phoneLineStatus } from './phone-status';

const SID = `AC${'a'.repeat(32)}`;
const TOKEN = 'b'.repeat(32);
const URLS = { voiceUrl: 'https://help.example.org/telephony/voice', statusUrl: 'https://help.example.org/telephony/status', fallbackUrl: 'https://help.example.org/telephony/fallback' };

describe('phoneLineStatus', () => {
	it('is off without the SID and token, and names both variables', () => {
		const status = phoneLineStatus({ PUBLIC_URL: 'https://help.example.org/' });
		expect(status).toEqual({ on: false, reason: 'The phone line is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console, Account Info) and restart the server.', ...URLS });
		expect(phoneLineStartupMessage(status)).toBe('Phone line: off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (Twilio console, Account Info) and restart the server.');
	});

	it('names only the variable still missing', () => {
		expect(phoneLineStatus({ PUBLIC_URL: 'https://help.example.org', TWILIO_ACCOUNT_SID: SID }).reason).toBe(
			'The phone line is off: set TWILIO_AUTH_TOKEN (Twilio console, Account Info) and restart the server.'
		);
	});

	it('is on with both, and the start-up line gives the three URLs for Twilio', () => {
		const status = phoneLineStatus({ PUBLIC_URL: 'https://help.example.org', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN });
		expect(status).toMatchObject({ on: true, ...URLS });
		expect(status.reason).not.toMatch(/cannot reach/);
		expect(phoneLineStartupMessage(status)).toBe(`Phone line on: in Twilio, voice URL ${URLS.voiceUrl}, status callback ${URLS.statusUrl}, fallback URL ${URLS.fallbackUrl} (all POST).`);
	});

	it('warns that Twilio cannot reach a localhost PUBLIC_URL', () => {
		expect(phoneLineStatus({ PUBLIC_URL: 'http://localhost:3000', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN }).reason).toMatch(/PUBLIC_URL is http:\/\/localhost:3000, which Twilio cannot reach/);
	});

	it('is off when the server runs without the line’s pipeline', () => {
		expect(phoneLineStatus({ PUBLIC_URL: 'https://help.example.org', TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN }, false)).toMatchObject({ on: false, reason: expect.stringMatching(/without its phone line pipeline/) });
	});
});

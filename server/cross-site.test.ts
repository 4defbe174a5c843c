import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, type RequestFacts } from './cross-site';

const PUBLIC = 'https://help.district.org';
const browserWrite: RequestFacts = {
	method: 'POST',
	path: '/db/helpdesk/_bulk_docs',
	host: 'help.district.org',
	origin: 'https://help.district.org',
	secFetchSite: 'same-origin',
	contentType: 'application/json',
	cookieSession: true
};

describe('crossSiteRefusal', () => {
	it('lets the app’s own JSON writes through, with or without a charset', () => {
		expect(crossSiteRefusal(browserWrite, PUBLIC)).toBeNull();
		expect(crossSiteRefusal({ ...browserWrite, contentType: 'application/json; charset=utf-8' }, PUBLIC)).toBeNull();
	});

	it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined])(
		'refuses a cookie-signed write sent as %s (what a form on another site can send)',
		(contentType) => expect(crossSiteRefusal({ ...browserWrite, contentType }, PUBLIC)?.status).toBe(415)
	);

	it('refuses a foreign Origin: another port of the same host, another site, or "null"', () => {
		for (const origin of ['https://help.district.org:8443', 'http://evil.example', 'null'])
			expect(crossSiteRefusal({ ...browserWrite, origin }, PUBLIC)).toEqual({ status: 403, reason: expect.stringContaining('another site') });
	});

	it('refuses a Sec-Fetch-Site other than same-origin or none, even without an Origin', () => {
		for (const secFetchSite of ['same-site', 'cross-site'])
			expect(crossSiteRefusal({ ...browserWrite, origin: undefined, secFetchSite }, PUBLIC)?.status).toBe(403);
		expect(crossSiteRefusal({ ...browserWrite, origin: undefined, secFetchSite: 'none' }, PUBLIC)).toBeNull();
	});

	it('accepts the request’s own host as its origin when the public URL names another (a second name, a test port)', () => {
		expect(crossSiteRefusal({ ...browserWrite, host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, PUBLIC)).toBeNull();
		expect(crossSiteRefusal({ ...browserWrite, host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }, PUBLIC)?.status).toBe(403);
	});

	it('lets scripts with HTTP Basic send what they like, and never judges reads', () => {
		const script = { ...browserWrite, origin: undefined, secFetchSite: undefined, cookieSession: false, contentType: 'text/plain' };
		expect(crossSiteRefusal(script, PUBLIC)).toBeNull();
		expect(crossSiteRefusal({ ...browserWrite, method: 'GET', origin: 'http://evil.example', contentType: undefined }, PUBLIC)).toBeNull();
	});

	it('takes a CSV roster on the import route only', () => {
		expect(crossSiteRefusal({ ...browserWrite, path: '/api/admin/import', contentType: 'text/csv' }, PUBLIC)).toBeNull();
		expect(crossSiteRefusal({ ...browserWrite, contentType: 'text/csv' }, PUBLIC)?.status).toBe(415);
		expect(crossSiteRefusal({ ...browserWrite, path: '/api/admin/calendar/ics', contentType: 'text/calendar' }, PUBLIC)).toBeNull();
		expect(crossSiteRefusal({ ...browserWrite, path: '/api/admin/import', contentType: 'text/calendar' }, PUBLIC)?.status).toBe(415);
	});
});

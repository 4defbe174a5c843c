import { describe, expect, it } from 'vitest';
import { dialTarget, toE164 } from './dial-targets';

describe('dialTarget', () => {
	it.each([
		['303-555-0142', { kind: 'number', e164: '+13035550142' }],
		['(720) 555-0100', { kind: 'number', e164: '+17205550100' }],
		['+1 970 555 0199', { kind: 'number', e164: '+19705550199' }],
		[' 719.555.0150 ', { kind: 'number', e164: '+17195550150' }],
		['client:jchen', { kind: 'client', identity: 'jchen' }],
		['sip:3447@pbx.lakeside-usd.example', { kind: 'sip', uri: 'sip:3447@pbx.lakeside-usd.example' }],
		['sip:jchen@pbx.example:5060;transport=tls', { kind: 'sip', uri: 'sip:jchen@pbx.example:5060;transport=tls' }]
	])('dials %s as %o', (phone, target) => {
		expect(dialTarget(phone)).toEqual(target);
	});

	it.each([[undefined], [''], ['555-0142'], ['call me'], ['sip:no-host'], ["sip:a'b@pbx.example"], ['client:'], ['client:has space']])(
		'dials nothing for %s',
		(phone) => {
			expect(dialTarget(phone)).toBeNull();
		}
	);
});

describe('toE164', () => {
	it('reads a US number written without a country, and refuses a seven-digit one', () => {
		expect(toE164('303 555 0101')).toBe('+13035550101');
		expect(toE164('555-0101')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import type { UserProfile } from '../schemas';
import { displayNumber, matchCaller, toE164 } from './caller';

const person = (username: string, phone: string | undefined, active = true): UserProfile => ({
	_id: `user:${username}`,
	type: 'user',
	username,
	name: username,
	role: 'requester',
	kind: 'staff',
	buildings: ['north'],
	active,
	...(phone === undefined ? {} : { phone })
});

describe('toE164', () => {
	it.each([
		['(303) 555-0142', '+13035550142'],
		['303.555.0142', '+13035550142'],
		['1-303-555-0142', '+13035550142'],
		['+13035550142', '+13035550142'],
		['720 555 0100 ext. 12', '+17205550100'],
		['+44 20 7946 0958', '+442079460958']
	])('reads %s as %s', (raw, e164) => expect(toE164(raw)).toBe(e164));

	it.each(['anonymous', '', '+266696687', 'client:bob', 'sip:bob@example.com', '555-0142'])('reads %j as no number', (raw) => expect(toE164(raw)).toBeNull());
});

describe('displayNumber', () => {
	it('writes a North American number the way people there write it', () => expect(displayNumber('+13035550142')).toBe('(303) 555-0142'));
	it('writes a foreign number with its country code', () => expect(displayNumber('+442079460958')).toBe('+44 20 7946 0958'));
	it('keeps an unreadable sender as it came, and names a missing one', () => {
		expect(displayNumber('anonymous')).toBe('anonymous');
		expect(displayNumber('')).toBe('a withheld number');
	});
});

describe('matchCaller', () => {
	const ann = person('ann', '303-555-0142');
	const bob = person('bob', '(720) 555-0101');
	it('finds the person whose phone is the caller’s number, however each is written', () => {
		expect(matchCaller('+13035550142', [bob, ann])?.username).toBe('ann');
		expect(matchCaller('7205550101', [bob, ann])?.username).toBe('bob');
	});
	it('matches nobody for an unknown, withheld or unreadable number', () => {
		expect(matchCaller('+13035550199', [ann, bob])).toBeNull();
		expect(matchCaller('anonymous', [ann, person('x', 'anonymous')])).toBeNull();
		expect(matchCaller('', [ann, person('y', '')])).toBeNull();
	});
	it('ignores people who left and people with no phone', () => {
		expect(matchCaller('+13035550142', [person('ann', '303-555-0142', false), person('zed', undefined)])).toBeNull();
	});
	it('names nobody when several people share the number (a front office)', () => {
		expect(matchCaller('+13035550142', [ann, person('cat', '+1 303 555 0142')])).toBeNull();
	});
});

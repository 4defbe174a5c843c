import { describe, expect, it } from 'vitest';
import { newOutage, outageId } from './declare';

const at = '2026-11-30T15:10:00.000Z';

describe('outageId', () => {
	it.each([
		[['the network'], 'k3f9', 'outage:the-network-20261130-k3f9'],
		[['Wi-Fi & phones!'], 'AB12', 'outage:wi-fi-phones-20261130-ab12'],
		[['???'], 'x1', 'outage:outage-20261130-x1'],
		[['a very long service name that goes on'], 'zz', 'outage:a-very-long-service--20261130-zz']
	])('%j with suffix %s is %s', (services, suffix, id) => expect(outageId(services, at, suffix)).toBe(id));
});

describe('newOutage', () => {
	it('declares an ongoing outage with clean services and sorted buildings', () => {
		const made = newOutage({ services: [' the network ', '', 'the network', 'phones'], buildings: ['south', 'north', 'south'], description: ' Fiber cut. ' }, 'coord', at, 'k3f9');
		expect(made).toEqual({
			ok: true,
			outage: {
				_id: 'outage:the-network-20261130-k3f9',
				type: 'outage',
				services: ['the network', 'phones'],
				buildings: ['north', 'south'],
				description: 'Fiber cut.',
				declaredAt: at,
				declaredBy: 'coord',
				progress: [],
				restoredAt: null,
				restoredBy: null,
				tickets: []
			}
		});
	});
	it.each([
		[{ services: [' '], buildings: [], description: 'Down.' }, 'Say which services are down (for example “the network”).'],
		[{ services: ['email'], buildings: [], description: '  ' }, 'Describe the outage in a sentence or two.'],
		[{ services: ['email'], buildings: [], description: 'x'.repeat(2001) }, 'The description is too long: Too big: expected string to have <=2000 characters']
	])('refuses %j with a reason', (form, problem) => {
		expect(newOutage(form, 'coord', at, 'k3f9')).toEqual({ ok: false, problem });
	});
});

import { describe, expect, it } from 'vitest';
import { remembered, trimOldest } from './bounded-map';

describe('trimOldest: a cache kept within its capacity', () => {
	it('leaves a map within its capacity as it is', () => {
		const map = new Map([['a', 1], ['b', 2]]);
		trimOldest(map, 2);
		expect([...map.keys()]).toEqual(['a', 'b']);
	});

	it('drops the oldest entries over the capacity and a tenth of it more', () => {
		const map = new Map(Array.from({ length: 21 }, (_, i) => [`k${i}`, i] as const));
		trimOldest(map, 20);
		// 21 entries, capacity 20: one over, plus 2 (a tenth of 20): the three oldest go.
		expect(map.size).toBe(18);
		expect(map.has('k2')).toBe(false);
		expect(map.has('k3')).toBe(true);
		expect(map.has('k20')).toBe(true);
	});
});

describe('remembered', () => {
	it('computes a value once per key and keeps the map within its capacity', () => {
		const map = new Map<string, number>();
		let computed = 0;
		const length = (key: string) => remembered(map, key, 10, (k) => (computed++, k.length));
		expect([length('ab'), length('ab'), length('abc')]).toEqual([2, 2, 3]);
		expect(computed).toBe(2);
		for (let i = 0; i < 20; i++) length(`key${i}`);
		expect(map.size).toBeLessThanOrEqual(10);
		expect(map.has('ab')).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import type { Role } from '../schemas';
import { staffTest } from './staff';

describe('staffTest (who counts as staff for the first-response clock on a device)', () => {
	const roles: Record<string, Role> = { spatel: 'building-tech', pshah: 'specialist', mrivera: 'coordinator', admin: 'admin', lgarcia: 'requester' };
	const isStaff = staffTest((u) => roles[u]);

	it('goes by the role of every profile the device holds', () => {
		expect(['spatel', 'pshah', 'mrivera', 'admin', 'lgarcia'].map(isStaff)).toEqual([true, true, true, true, false]);
	});

	it('counts an unknown username as staff (every device holds every staff profile, so only one not yet synced is missing)', () => {
		expect(isStaff('newtech')).toBe(true);
	});

	it('never counts the system', () => {
		expect(isStaff('system')).toBe(false);
	});
});

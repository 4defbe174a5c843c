import { describe, expect, it } from 'vitest';
import { PROCEDURE_004_CATEGORIES, requesterCategory } from './categories';

describe('requester words for categories', () => {
	it('gives a requester the plain name and hint of a chart category instead of its staff name', () => {
		expect(requesterCategory({ code: 'break-fix', name: 'Service Request - Hardware / Software Break Fix' })).toEqual({
			name: 'Something is broken or not working',
			hint: 'A computer, Chromebook, projector, printer, phone, app or the network.'
		});
		expect(requesterCategory({ code: 'process-related', name: 'Process Related' }).name).toBe('Loaners and other requests');
	});

	it('prefers the words the district set on the category, and falls back to the staff name for a category of its own', () => {
		expect(requesterCategory({ code: 'break-fix', name: 'Break Fix', plainName: 'Broken device', hint: 'Anything with a plug.' })).toEqual({
			name: 'Broken device',
			hint: 'Anything with a plug.'
		});
		expect(requesterCategory({ code: 'cafeteria-pos', name: 'Cafeteria registers' })).toEqual({ name: 'Cafeteria registers', hint: '' });
	});

	it('has a plain name and a one-line hint for every category of the chart, none of them the chart’s own name', () => {
		expect(PROCEDURE_004_CATEGORIES.map((c) => c.code)).toEqual(['break-fix', 'security-access', 'acquisition', 'training', 'scheduled-maintenance', 'inventory', 'process-related']);
		for (const c of PROCEDURE_004_CATEGORIES) {
			expect(c.plainName).not.toBe(c.name);
			expect(c.hint).toMatch(/^[A-Z].{10,100}\.$/);
		}
	});
});

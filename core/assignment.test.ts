import { describe, expect, it } from 'vitest';
import { autoAssignEntries } from './assignment';
import type { Building, Ticket } from './schemas';
import { appendEntries, newTicket } from './ticket';
import { withDistribution } from './ticket-changes';

const lincoln: Building = { _id: 'building:lincoln-es', type: 'building', code: 'lincoln-es', name: 'Lincoln', kind: 'school', technician: 'spatel' };
const filed = (): Ticket =>
	newTicket(
		{ number: 'K7M-4QX', requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'lgarcia', source: 'web', title: 'Projector', description: '', building: 'lincoln-es' },
		'2026-11-20T10:00:00.000Z',
		'dev-1'
	);

describe('autoAssignEntries', () => {
	it('gives a new ticket to its building’s technician', () => {
		const assigned = appendEntries(filed(), autoAssignEntries(filed(), lincoln, '2026-11-20T10:00:01.000Z', 'sys-1'));
		expect(assigned).toMatchObject({ assignee: 'spatel', status: 'assigned' });
	});

	it('leaves a ticket alone once a person has unassigned it, and when the building has no technician', () => {
		const assigned = withDistribution(filed(), { by: 'mrivera', at: '2026-11-20T10:05:00.000Z', id: 'dev-2' }, { assignee: 'spatel' });
		const unassigned = withDistribution(assigned, { by: 'mrivera', at: '2026-11-20T10:06:00.000Z', id: 'dev-3' }, { assignee: null });
		expect(unassigned.status).toBe('new');
		expect(autoAssignEntries(unassigned, lincoln, '2026-11-20T10:07:00.000Z', 'sys-2')).toEqual([]);
		expect(autoAssignEntries(filed(), { ...lincoln, technician: null }, '2026-11-20T10:07:00.000Z', 'sys-3')).toEqual([]);
	});
});

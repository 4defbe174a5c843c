import type { Building, HistoryEntry, Ticket } from './schemas';

/** The entries that give a new, unassigned ticket to its building's technician (ETS), or none. */
export function autoAssignEntries(ticket: Ticket, building: Building | null, now: string, idPrefix: string): HistoryEntry[] {
	if (ticket.status !== 'new' || ticket.assignee || !building?.technician || building.code !== ticket.building) return [];
	const by = 'system';
	return [
		{ id: `${idPrefix}-a`, at: now, by, kind: 'set', changes: { assignee: building.technician } },
		{ id: `${idPrefix}-s`, at: now, by, kind: 'status', from: 'new', to: 'assigned' }
	];
}

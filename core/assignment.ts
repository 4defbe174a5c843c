import type { Building, HistoryEntry, Ticket } from './schemas';

/**
 * The entries that give a new, never-assigned ticket to its building's technician (ETS), or none. A ticket someone
 * has assigned or unassigned before is left as they left it: a coordinator who takes it back means it.
 */
export function autoAssignEntries(ticket: Ticket, building: Building | null, now: string, idPrefix: string): HistoryEntry[] {
	if (ticket.status !== 'new' || ticket.assignee || !building?.technician || building.code !== ticket.building) return [];
	if (ticket.history.some((e) => e.kind === 'set' && e.changes.assignee !== undefined)) return [];
	const by = 'system';
	return [
		{ id: `${idPrefix}-a`, at: now, by, kind: 'set', changes: { assignee: building.technician } },
		{ id: `${idPrefix}-s`, at: now, by, kind: 'status', from: 'new', to: 'assigned' }
	];
}

import type { HistoryEntry, Source, Ticket, TicketFields } from './schemas';

/** Fields a ticket gets from its history rather than from a direct edit. */
export type DerivedFields = TicketFields & { closedAt: string | null };

/** Total order of history entries: by time, then by id, so every replica folds the same way. */
export function compareEntries(a: HistoryEntry, b: HistoryEntry): number {
	// Compare instants, not strings: offsets and fractional digits may differ between devices.
	const byTime = Date.parse(a.at) - Date.parse(b.at);
	if (byTime !== 0) return byTime;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Folds a history into the ticket's current fields. */
export function foldHistory(history: readonly HistoryEntry[]): DerivedFields {
	const ordered = [...history].sort(compareEntries);
	const created = ordered.find((e) => e.kind === 'created');
	if (!created || created.kind !== 'created') throw new Error('a ticket history starts with a created entry');
	let state: DerivedFields = { ...created.fields, closedAt: created.fields.status === 'closed' ? created.at : null };
	for (const entry of ordered) {
		switch (entry.kind) {
			case 'status':
				state = { ...state, status: entry.to, closedAt: entry.to === 'closed' ? entry.at : null };
				break;
			case 'set':
				state = { ...state, ...entry.changes };
				break;
			case 'escalate':
				state = { ...state, level: entry.level, escalatedTo: entry.to };
				break;
		}
	}
	return state;
}

/** Returns the ticket with its top-level fields recomputed from its history. */
export function withFoldedFields(ticket: Ticket): Ticket {
	const history = [...ticket.history].sort(compareEntries);
	return { ...ticket, ...foldHistory(history), history };
}

/** Appends entries to a ticket's history and refolds it. */
export function appendEntries(ticket: Ticket, entries: readonly HistoryEntry[]): Ticket {
	return withFoldedFields({ ...ticket, history: [...ticket.history, ...entries] });
}

// Sorts keys at every depth; a replacer array would drop nested keys (a 'set' entry's changes) from the key.
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value === null || typeof value !== 'object') return value;
	const record = value as Record<string, unknown>;
	return Object.fromEntries(Object.keys(record).sort().map((k) => [k, canonical(record[k])]));
}

function entryKey(entry: HistoryEntry): string {
	return JSON.stringify(canonical(entry));
}

/**
 * Merges concurrent versions of one ticket: the union of their histories, folded.
 * Deterministic and order-independent, so every replica converges on the same fields.
 */
export function mergeTickets(versions: readonly Ticket[]): Ticket {
	if (versions.length === 0) throw new Error('nothing to merge');
	const byId = new Map<string, HistoryEntry>();
	for (const version of versions) {
		for (const entry of version.history) {
			const seen = byId.get(entry.id);
			// Entries are immutable; if a hostile writer changed one, both replicas still pick the same copy.
			if (!seen || entryKey(entry) < entryKey(seen)) byId.set(entry.id, entry);
		}
	}
	const base = [...versions].sort((a, b) => (a._rev ?? '').localeCompare(b._rev ?? ''))[0];
	const { _rev: _r, _revisions: _rs, _conflicts: _c, ...rest } = base;
	return withFoldedFields({ ...rest, history: [...byId.values()] });
}

export interface NewTicketInput {
	number: string;
	requester: string;
	requesterName: string;
	createdBy: string;
	source: Source;
	title: string;
	description: string;
	building: string;
	room?: string;
	category?: string | null;
	priority?: TicketFields['priority'];
	contactPhone?: string;
	contactEmail?: string;
	assignee?: string | null;
}

/** Builds a new ticket with its created entry. `now` and `entryId` come from the caller. */
export function newTicket(input: NewTicketInput, now: string, entryId: string): Ticket {
	const fields: TicketFields = {
		status: input.assignee ? 'assigned' : 'new',
		priority: input.priority ?? null,
		category: input.category ?? null,
		building: input.building,
		room: input.room ?? '',
		assignee: input.assignee ?? null,
		level: 1,
		escalatedTo: null,
		dueDate: null
	};
	return withFoldedFields({
		_id: `ticket:${input.number}`,
		type: 'ticket',
		number: input.number,
		createdAt: now,
		createdBy: input.createdBy,
		requester: input.requester,
		requesterName: input.requesterName,
		contactPhone: input.contactPhone ?? '',
		contactEmail: input.contactEmail ?? '',
		source: input.source,
		title: input.title,
		description: input.description,
		...fields,
		closedAt: null,
		history: [{ id: entryId, at: now, by: input.createdBy, kind: 'created', fields }]
	});
}

/** Fields fixed at creation: a merge or an update never changes them. */
export const FIXED_TICKET_FIELDS = [
	'number',
	'createdAt',
	'createdBy',
	'requester',
	'requesterName',
	'source',
	'title',
	'description'
] as const satisfies readonly (keyof Ticket)[];

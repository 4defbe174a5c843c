import type { HistoryEntry, Priority, Status, Ticket, TicketFields } from '../schemas';
import type { BusinessCalendar } from './calendar';
import type { SlaSetup } from './clock';
import type { SlaPolicyFields } from './policy';
import { SLA_PRESETS } from './presets';

/** Tickets, calendar and setups for the clock tests (unit, pause, property and urgency tests). */

const weekday = [{ start: '07:00', end: '15:30' }];

/**
 * The demo hours (America/Denver, Monday to Friday 07:00 to 15:30, MST = -07:00 in December 2026) with Monday
 * 14 December 2026 closed and an early close at 12:00 on Wednesday 16 December 2026.
 */
export const demoCalendar: BusinessCalendar = {
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: [
		{ id: 'closed-monday', summary: 'District closed', allDay: true, start: '2026-12-14', end: '2026-12-15', source: 'manual' },
		{ id: 'early-close', summary: 'Early release', allDay: false, start: '2026-12-16T12:00:00-07:00', end: '2026-12-16T15:30:00-07:00', source: 'manual' }
	]
};

/** ann is a teacher (staff) who files tickets; bob is a student; tech and coord are IT staff; "system" automates. */
const STAFF = new Set(['ann', 'tech', 'coord', 'system']);

/** A preset policy by id. */
export function preset(id: string): SlaPolicyFields {
	const policy = SLA_PRESETS.find((p) => p.id === id);
	if (!policy) throw new Error(`no preset ${id}`);
	return policy;
}

/** The setup for a preset (or any policy) on the demo calendar. */
export function setupFor(policy: string | SlaPolicyFields, calendar: BusinessCalendar = demoCalendar): SlaSetup {
	return { policy: typeof policy === 'string' ? preset(policy) : policy, calendar, isStaff: (u) => STAFF.has(u) };
}

let counter = 0;
const base = (at: string, by: string) => ({ id: `test-${String(++counter).padStart(6, '0')}`, at, by });

/** A status change to `to` at `at` (by tech unless said). */
export const status = (at: string, to: Status, by = 'tech'): HistoryEntry => ({ ...base(at, by), kind: 'status', from: 'assigned', to });
/** A note at `at` by `by`. */
export const note = (at: string, by: string, interaction = false): HistoryEntry => ({
	...base(at, by),
	kind: 'note',
	text: 'Checked it.',
	...(interaction ? { interaction: { type: 'phone-call' as const, minutes: 5 } } : {})
});
/** A change of priority, category or assignee at `at` (by coord unless said). */
export const set = (at: string, changes: Partial<Pick<TicketFields, 'priority' | 'category' | 'assignee'>>, by = 'coord'): HistoryEntry => ({
	...base(at, by),
	kind: 'set',
	changes
});

/** A ticket filed at `at` by its requester ann with the given priority and category, then the given entries. */
export function filed(at: string, priority: Priority | null, category: string | null, entries: HistoryEntry[] = [], initial: Status = 'new'): Ticket {
	const fields: TicketFields = { status: initial, priority, category, building: 'north', room: '114', assignee: null, level: 1, escalatedTo: null, dueDate: null };
	return {
		_id: 'ticket:K7M-4QX',
		type: 'ticket',
		number: `K7M-${String(++counter % 1000).padStart(3, '0')}`.replace(/[01]/g, '2'),
		createdAt: at,
		createdBy: 'ann',
		requester: 'ann',
		requesterName: 'Ann Teacher',
		contactPhone: '',
		contactEmail: '',
		source: 'web',
		title: 'Projector',
		description: '',
		...fields,
		closedAt: null,
		history: [{ ...base(at, 'ann'), kind: 'created', fields }, ...entries]
	};
}

/** Epoch ms of an ISO time. */
export const ms = (iso: string): number => Date.parse(iso);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

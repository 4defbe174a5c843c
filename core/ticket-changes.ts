import type { HistoryEntry, Priority, Status, Ticket, TicketFields } from './schemas';
import { appendEntries } from './ticket';
import { canTransition, requesterCanTransition } from './workflow';

/**
 * Who makes a change, when, and a unique id for it. Entries made by one change get the id plus a suffix,
 * so two devices never produce the same entry id.
 */
export interface ChangeStamp {
	by: string;
	at: string;
	id: string;
}

export type Interaction = NonNullable<Extract<HistoryEntry, { kind: 'note' }>['interaction']>;

function noteEntry(stamp: ChangeStamp, suffix: string, text: string, interaction?: Interaction): HistoryEntry {
	const { by, at, id } = stamp;
	return interaction
		? { id: `${id}-${suffix}`, at, by, kind: 'note', text: text.trim(), interaction }
		: { id: `${id}-${suffix}`, at, by, kind: 'note', text: text.trim() };
}

// Entries of one change share a time and sort by id: the suffix 'z' puts the note after what it explains.
const withOptionalNote = (stamp: ChangeStamp, note: string, interaction?: Interaction): HistoryEntry[] =>
	note.trim() ? [noteEntry(stamp, 'z', note, interaction)] : [];

/** The ticket with a note added; a desk visit, call or remote session records its interaction. */
export function withNote(ticket: Ticket, stamp: ChangeStamp, text: string, interaction?: Interaction): Ticket {
	return appendEntries(ticket, [noteEntry(stamp, 'n', text, interaction)]);
}

/**
 * The ticket moved to another status by staff, following the workflow, with an optional note (which may record a
 * desk visit or call); null when the workflow forbids it.
 */
export function withStatus(ticket: Ticket, stamp: ChangeStamp, to: Status, note = '', interaction?: Interaction): Ticket | null {
	if (!canTransition(ticket.status, to)) return null;
	const { by, at, id } = stamp;
	return appendEntries(ticket, [
		{ id: `${id}-s`, at, by, kind: 'status', from: ticket.status, to },
		...withOptionalNote(stamp, note, interaction)
	]);
}

/** The ticket moved by its requester (reopen, confirm, answer), with an optional note saying why; null when not allowed. */
export function withRequesterStatus(ticket: Ticket, stamp: ChangeStamp, to: Status, note = ''): Ticket | null {
	if (!requesterCanTransition(ticket.status, to)) return null;
	const { by, at, id } = stamp;
	return appendEntries(ticket, [{ id: `${id}-s`, at, by, kind: 'status', from: ticket.status, to }, ...withOptionalNote(stamp, note)]);
}

/** What a coordinator or technician may set on a ticket in one go. */
export type Distribution = Partial<Pick<TicketFields, 'assignee' | 'category' | 'priority' | 'building'>>;

/**
 * The ticket with its assignee, category, priority or building changed, in one entry. Giving a new ticket to someone
 * also marks it assigned; taking the assignee away from an assigned ticket puts it back to new.
 * Returns the ticket unchanged when nothing differs.
 */
export function withDistribution(ticket: Ticket, stamp: ChangeStamp, wanted: Distribution): Ticket {
	const changes: Distribution = {};
	if (wanted.assignee !== undefined && wanted.assignee !== ticket.assignee) changes.assignee = wanted.assignee;
	if (wanted.category !== undefined && wanted.category !== ticket.category) changes.category = wanted.category;
	if (wanted.priority !== undefined && wanted.priority !== ticket.priority) changes.priority = wanted.priority;
	if (wanted.building !== undefined && wanted.building !== ticket.building) changes.building = wanted.building;
	if (Object.keys(changes).length === 0) return ticket;
	const { by, at, id } = stamp;
	const entries: HistoryEntry[] = [{ id: `${id}-d`, at, by, kind: 'set', changes }];
	if (changes.assignee && ticket.status === 'new') entries.push({ id: `${id}-s`, at, by, kind: 'status', from: 'new', to: 'assigned' });
	if (changes.assignee === null && ticket.status === 'assigned')
		entries.push({ id: `${id}-s`, at, by, kind: 'status', from: 'assigned', to: 'new' });
	return appendEntries(ticket, entries);
}

export type EscalationLevel = 2 | 3;

/**
 * The ticket escalated to a higher level (procedure 001): the escalating technician stays the owner (assignee), and
 * becomes it if nobody owned the ticket; `to` is who takes it up at that level, if known. Null when the ticket is
 * already at that level or higher, or no reason is given.
 */
export function withEscalation(ticket: Ticket, stamp: ChangeStamp, level: EscalationLevel, to: string | null, reason: string): Ticket | null {
	if (level <= ticket.level || !reason.trim()) return null;
	const { by, at, id } = stamp;
	const owner: HistoryEntry[] = ticket.assignee ? [] : [{ id: `${id}-d`, at, by, kind: 'set', changes: { assignee: by } }];
	if (owner.length && ticket.status === 'new') owner.push({ id: `${id}-s`, at, by, kind: 'status', from: 'new', to: 'assigned' });
	return appendEntries(ticket, [...owner, { id: `${id}-x`, at, by, kind: 'escalate', level, to, reason: reason.trim() }]);
}

/** The ticket with the requester's answer to "may I take control of your computer?" recorded (procedure 001). */
export function withRemotePermission(ticket: Ticket, stamp: ChangeStamp, granted: boolean): Ticket {
	const { by, at, id } = stamp;
	return appendEntries(ticket, [{ id: `${id}-r`, at, by, kind: 'remote-permission', granted }]);
}

/** How long a "yes" to remote control lasts: one working session (procedure 001 asks before each takeover). */
export const REMOTE_PERMISSION_HOURS = 8;

type RemoteAnswer = Extract<HistoryEntry, { kind: 'remote-permission' }>;

/** The latest answer about remote control that this technician recorded, if any. */
export function latestRemoteAnswer(ticket: Ticket, technician: string): RemoteAnswer | undefined {
	return ticket.history.filter((e): e is RemoteAnswer => e.kind === 'remote-permission' && e.by === technician).at(-1);
}

/** Whether the technician recorded a "yes" to remote control within the session, and no "no" after it. */
export function hasRemotePermission(ticket: Ticket, technician: string, now: number): boolean {
	const latest = latestRemoteAnswer(ticket, technician);
	return !!latest?.granted && now - Date.parse(latest.at) <= REMOTE_PERMISSION_HOURS * 3_600_000;
}

/** Priorities as procedures 001 and 004 name them. */
export const PRIORITY_LABELS: Record<Priority, string> = { 1: 'Emergency', 2: 'High', 3: 'Instructional', 4: 'Administrative' };


import type { HistoryEntry } from '$core/schemas';
import { PRIORITY_LABELS } from '$core/ticket-changes';
import { STATUS_LABELS } from '$core/workflow';

/** One line of a ticket's timeline, ready to show. Text is always shown as text, never as markup. */
export interface TimelineItem {
	id: string;
	at: string;
	who: string;
	what: string;
	text: string | null;
	kind: HistoryEntry['kind'];
}

/** Names for the people, buildings and categories a timeline mentions. */
export interface Names {
	person(username: string): string;
	building(code: string): string;
	category(code: string): string;
}

function describeChanges(changes: Extract<HistoryEntry, { kind: 'set' }>['changes'], names: Names): string {
	const parts: string[] = [];
	if (changes.assignee !== undefined) parts.push(changes.assignee ? `assigned to ${names.person(changes.assignee)}` : 'unassigned');
	if (changes.category !== undefined) parts.push(changes.category ? `category: ${names.category(changes.category)}` : 'category cleared');
	if (changes.priority !== undefined) parts.push(changes.priority ? `priority: ${PRIORITY_LABELS[changes.priority]}` : 'priority cleared');
	if (changes.building !== undefined) parts.push(`moved to ${names.building(changes.building)}`);
	if (changes.room !== undefined) parts.push(changes.room ? `room: ${changes.room}` : 'room cleared');
	if (changes.dueDate !== undefined) parts.push(changes.dueDate ? `scheduled for ${changes.dueDate}` : 'schedule cleared');
	return parts.length ? parts.join(', ') : 'updated';
}

/** Describes a history entry for the ticket page's timeline. */
export function timelineItem(entry: HistoryEntry, names: Names): TimelineItem {
	const who = entry.by === 'system' ? 'Helpdesk' : names.person(entry.by);
	const base = { id: entry.id, at: entry.at, who, kind: entry.kind, text: null };
	switch (entry.kind) {
		case 'created':
			return { ...base, what: 'filed the ticket' };
		case 'note':
			return {
				...base,
				what: entry.interaction ? `added a note (${entry.interaction.type.replace('-', ' ')}, ${entry.interaction.minutes} min)` : 'added a note',
				text: entry.text
			};
		case 'status':
			return { ...base, what: `changed the status from ${STATUS_LABELS[entry.from]} to ${STATUS_LABELS[entry.to]}` };
		case 'set':
			return { ...base, what: describeChanges(entry.changes, names) };
		case 'escalate':
			return {
				...base,
				what: `escalated to level ${entry.level}${entry.to ? ` (${names.person(entry.to)})` : ''}`,
				text: entry.reason
			};
		case 'remote-permission':
			return { ...base, what: entry.granted ? 'recorded that remote control was allowed' : 'recorded that remote control was refused' };
		case 'transcript':
			return { ...base, what: 'voicemail transcript', text: entry.text };
	}
}

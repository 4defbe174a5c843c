import { describe, expect, it } from 'vitest';
import { STATUSES, type HistoryEntry, type Status } from './schemas';
import { appendEntries, newTicket } from './ticket';
import {
	OPEN_STATUSES,
	PAUSED_STATUSES,
	STATUS_LABELS,
	canTransition,
	isOpen,
	menuStatuses,
	nextStatuses,
	requesterCanTransition,
	statusNeedsNote
} from './workflow';

const NOW = '2024-09-03T08:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

const pairs: [Status, Status][] = STATUSES.flatMap((from) => STATUSES.map((to): [Status, Status] => [from, to]));

describe('staff transitions', () => {
	it.each<[Status, Status]>([
		['new', 'assigned'],
		['assigned', 'in-progress'],
		['in-progress', 'waiting-vendor'],
		['waiting-vendor', 'in-progress'],
		['scheduled', 'resolved'],
		['resolved', 'closed'],
		['resolved', 'in-progress'],
		['closed', 'in-progress']
	])('allows %s to %s', (from, to) => {
		expect(canTransition(from, to)).toBe(true);
	});

	it.each<[Status, Status]>([
		['new', 'waiting-vendor'],
		['resolved', 'new'],
		['resolved', 'assigned'],
		['closed', 'resolved'],
		['closed', 'new'],
		['waiting-vendor', 'closed']
	])('refuses %s to %s', (from, to) => {
		expect(canTransition(from, to)).toBe(false);
	});

	it('never counts staying in the same status as a transition', () => {
		for (const status of STATUSES) expect(canTransition(status, status)).toBe(false);
	});

	it('lets a closed ticket be reopened only to in progress', () => {
		expect(STATUSES.filter((to) => canTransition('closed', to))).toEqual(['in-progress']);
	});

	it('offers in menus exactly the statuses a transition allows', () => {
		for (const [from, to] of pairs) expect(nextStatuses(from).includes(to)).toBe(canTransition(from, to));
	});

	it('lets every status reach resolved or closed, so no ticket is stuck open', () => {
		for (const from of OPEN_STATUSES) expect(nextStatuses(from).some((to) => to === 'resolved' || to === 'closed')).toBe(true);
	});
});

describe('requester transitions', () => {
	it('lets a requester reopen or confirm a resolved ticket and answer a question', () => {
		expect(requesterCanTransition('resolved', 'in-progress')).toBe(true);
		expect(requesterCanTransition('resolved', 'closed')).toBe(true);
		expect(requesterCanTransition('waiting-requester', 'in-progress')).toBe(true);
	});

	it('refuses a requester every other status change', () => {
		const allowed = pairs.filter(([from, to]) => requesterCanTransition(from, to));
		expect(allowed).toEqual([
			['waiting-requester', 'in-progress'],
			['resolved', 'in-progress'],
			['resolved', 'closed']
		]);
	});

	it('gives requesters no transition that staff could not make', () => {
		for (const [from, to] of pairs) if (requesterCanTransition(from, to)) expect(canTransition(from, to)).toBe(true);
	});
});

describe('open and paused statuses', () => {
	it('treats every status but resolved and closed as open', () => {
		expect(STATUSES.filter((s) => !isOpen(s))).toEqual(['resolved', 'closed']);
	});

	it('pauses the clock only on open statuses that wait on someone else', () => {
		expect(PAUSED_STATUSES.every(isOpen)).toBe(true);
		expect(PAUSED_STATUSES).not.toContain('in-progress');
		expect(PAUSED_STATUSES).toContain('waiting-vendor');
	});

	it('has a distinct label for each status', () => {
		const labels = STATUSES.map((s) => STATUS_LABELS[s]);
		expect(labels.every((l) => l.length > 0)).toBe(true);
		expect(new Set(labels).size).toBe(STATUSES.length);
	});
});

describe('assignment and escalation', () => {
	const filed = (assignee?: string) =>
		newTicket(
			{
				number: 'K7M-4QX',
				requester: 'pat.lee',
				requesterName: 'Pat Lee',
				createdBy: 'pat.lee',
				source: 'web',
				title: 'No network in room 12',
				description: 'The wall port is dead.',
				building: 'lincoln-es',
				assignee
			},
			NOW,
			'K7M-created'
		);

	it('starts a ticket as assigned when it has an owner and as new when it has none', () => {
		expect(filed('tech.ana')).toMatchObject({ status: 'assigned', assignee: 'tech.ana', level: 1, escalatedTo: null });
		expect(filed()).toMatchObject({ status: 'new', assignee: null });
	});

	it('keeps the owner when a ticket is escalated, and when it comes back down', () => {
		const escalate = (n: number, level: 1 | 2 | 3, to: string | null): HistoryEntry => ({
			id: `dev0-000${n}`,
			at: later(n),
			by: 'tech.ana',
			kind: 'escalate',
			level,
			to,
			reason: 'The switch needs the network team.'
		});
		const owned = appendEntries(filed('tech.ana'), [
			{ id: 'dev0-0001', at: later(1), by: 'tech.ana', kind: 'status', from: 'assigned', to: 'in-progress' }
		]);
		const up = appendEntries(owned, [escalate(2, 2, 'net.team'), escalate(3, 3, 'net.lead')]);
		expect(up).toMatchObject({ assignee: 'tech.ana', status: 'in-progress', level: 3, escalatedTo: 'net.lead' });
		const down = appendEntries(up, [escalate(4, 1, null)]);
		expect(down).toMatchObject({ assignee: 'tech.ana', status: 'in-progress', level: 1, escalatedTo: null });
	});
});

describe('the staff status menu', () => {
	it('leaves out new and assigned, which follow from assigning', () => {
		expect(menuStatuses('in-progress')).not.toContain('assigned');
		expect(menuStatuses('assigned')).not.toContain('new');
		expect(menuStatuses('assigned')).toContain('in-progress');
	});

	it('asks for a note when resolving, closing, waiting or scheduling, not when starting work', () => {
		expect(['resolved', 'closed', 'waiting-vendor', 'scheduled'].every((s) => statusNeedsNote(s as Status))).toBe(true);
		expect(statusNeedsNote('in-progress')).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { type Actor, deviceView, deviceViewOfFacts } from './access';
import type { HistoryEntry, ReplicatedDoc, Ticket } from './schemas';
import { scopeFacts } from './scope-facts';
import { appendEntries, newTicket } from './ticket';

const NOW = new Date('2026-12-01T16:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const lena: Actor = { username: 'lgarcia', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const kim: Actor = { username: 'stu.kim', role: 'requester', buildings: ['lincoln-es'], kind: 'student' };
const ana: Actor = { username: 'tech.ana', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };
const ben: Actor = { username: 'tech.ben', role: 'building-tech', buildings: ['washington-ms'], kind: 'staff' };
const cal: Actor = { username: 'tech.cal', role: 'building-tech', buildings: ['lakeside-hs'], kind: 'staff' };
const cruz: Actor = { username: 'spec.cruz', role: 'specialist', buildings: ['lincoln-es'], kind: 'staff' };
const dee: Actor = { username: 'coord.dee', role: 'coordinator', buildings: [], kind: 'staff' };
const eve: Actor = { username: 'admin.eve', role: 'admin', buildings: [], kind: 'staff' };
const EVERYONE = [lena, kim, ana, ben, cal, cruz, dee, eve];

let entries = 0;
function filed(at: string): Ticket {
	const input = { number: 'K7M-4QX', requester: 'lgarcia', requesterName: 'Lena Garcia', createdBy: 'lgarcia', source: 'web' as const };
	return newTicket({ ...input, title: 'Projector', description: 'No picture.', building: 'lincoln-es' }, at, `e${++entries}`);
}
function add(t: Ticket, at: string, entry: Record<string, unknown>): Ticket {
	return appendEntries(t, [{ ...entry, id: `e${++entries}`, at, by: 'coord.dee' } as HistoryEntry]);
}
const closedDaysAgo = (days: number) => add(filed(daysAgo(days + 1)), daysAgo(days), { kind: 'status', from: 'new', to: 'closed' });

const open = filed(daysAgo(2));
const moved = add(open, daysAgo(1), { kind: 'set', changes: { building: 'washington-ms' } });
const recentlyClosed = closedDaysAgo(10);
const agedOut = closedDaysAgo(40);
const longGone = closedDaysAgo(60);
const kimsProfile = { _id: 'user:stu.kim', type: 'user', username: 'stu.kim', name: 'Kim', role: 'requester', kind: 'student', buildings: ['lincoln-es'], active: true } as ReplicatedDoc;
const notification = { _id: 'notification:lgarcia:1', type: 'notification', recipient: 'lgarcia' } as ReplicatedDoc;
const prefs = { _id: 'notify-prefs:lgarcia', type: 'notify-prefs', username: 'lgarcia' } as ReplicatedDoc;
const metoo = { _id: 'outage-affected:net:lgarcia', type: 'outage-affected', outage: 'outage:net', username: 'lgarcia' } as ReplicatedDoc;
const call = { _id: 'call:CA1', type: 'call', answeredBy: 'tech.ana' } as ReplicatedDoc;
const voicemail = { _id: 'voicemail:RE1', type: 'voicemail', assignee: 'tech.ana', formerAssignees: ['tech.ben'] } as ReplicatedDoc;
const building = { _id: 'building:lincoln-es', type: 'building', code: 'lincoln-es' } as ReplicatedDoc;
const phoneLine = { _id: 'phone-line:district', type: 'phone-line' } as unknown as ReplicatedDoc;

/** What each person's device does with each document, worked out by hand from the rules in access.ts (window 30 days). */
const EXPECTED: [string, ReplicatedDoc, Record<string, 'send' | 'remove' | 'skip'>][] = [
	['an open ticket', open, { lgarcia: 'send', 'stu.kim': 'skip', 'tech.ana': 'send', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a ticket moved to another building', moved, { lgarcia: 'send', 'stu.kim': 'skip', 'tech.ana': 'remove', 'tech.ben': 'send', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a ticket closed 10 days ago', recentlyClosed, { lgarcia: 'send', 'stu.kim': 'skip', 'tech.ana': 'send', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a ticket closed 40 days ago', agedOut, { lgarcia: 'remove', 'stu.kim': 'skip', 'tech.ana': 'remove', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'remove', 'admin.eve': 'remove' }],
	['a ticket closed 60 days ago', longGone, { lgarcia: 'skip', 'stu.kim': 'skip', 'tech.ana': 'skip', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'skip', 'admin.eve': 'skip' }],
	['a student’s profile', kimsProfile, { lgarcia: 'skip', 'stu.kim': 'send', 'tech.ana': 'send', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'send', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a notification', notification, { lgarcia: 'send', 'stu.kim': 'skip', 'tech.ana': 'skip', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'skip', 'admin.eve': 'skip' }],
	['notification choices', prefs, { lgarcia: 'send', 'stu.kim': 'skip', 'tech.ana': 'skip', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'skip', 'admin.eve': 'send' }],
	['a "me too" on an outage', metoo, { lgarcia: 'send', 'stu.kim': 'skip', 'tech.ana': 'send', 'tech.ben': 'send', 'tech.cal': 'send', 'spec.cruz': 'send', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a call', call, { lgarcia: 'skip', 'stu.kim': 'skip', 'tech.ana': 'send', 'tech.ben': 'skip', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a voicemail', voicemail, { lgarcia: 'skip', 'stu.kim': 'skip', 'tech.ana': 'send', 'tech.ben': 'remove', 'tech.cal': 'skip', 'spec.cruz': 'skip', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['a building', building, { lgarcia: 'send', 'stu.kim': 'send', 'tech.ana': 'send', 'tech.ben': 'send', 'tech.cal': 'send', 'spec.cruz': 'send', 'coord.dee': 'send', 'admin.eve': 'send' }],
	['the phone line', phoneLine, { lgarcia: 'skip', 'stu.kim': 'skip', 'tech.ana': 'send', 'tech.ben': 'send', 'tech.cal': 'send', 'spec.cruz': 'send', 'coord.dee': 'send', 'admin.eve': 'send' }]
];

describe('scope facts', () => {
	it('keep who and where of a ticket, including every building and person in its past, and none of its content', () => {
		const withAssignee = add(moved, daysAgo(1), { kind: 'set', changes: { assignee: 'tech.ben' } });
		expect(scopeFacts(withAssignee)).toEqual({
			type: 'ticket',
			requester: 'lgarcia',
			createdBy: 'lgarcia',
			assignee: 'tech.ben',
			escalatedTo: null,
			building: 'washington-ms',
			closedAt: null,
			past: { people: ['tech.ben'], buildings: ['lincoln-es', 'washington-ms'] }
		});
		expect(scopeFacts(agedOut)).toMatchObject({ closedAt: daysAgo(40) });
		expect(JSON.stringify(scopeFacts(withAssignee))).not.toMatch(/Projector|picture/);
	});

	it('keep a voicemail’s assignee and former assignees, and only the type of a document everyone sees', () => {
		expect(scopeFacts(voicemail)).toEqual({ type: 'voicemail', assignee: 'tech.ana', formerAssignees: ['tech.ben'] });
		expect(scopeFacts(building)).toEqual({ type: 'building' });
	});

	it.each(EXPECTED)('decide what each device does with %s, from the facts as from the document', (_name, doc, byPerson) => {
		for (const actor of EVERYONE) {
			expect(deviceViewOfFacts(actor, scopeFacts(doc), NOW, 30), actor.username).toBe(byPerson[actor.username]);
			expect(deviceView(actor, doc, NOW, 30), actor.username).toBe(byPerson[actor.username]);
		}
	});

	it('tell a technician who covered the old building to drop a moved ticket, from the facts as from the document', () => {
		expect(deviceViewOfFacts(cal, scopeFacts(moved), NOW, 30, ['lincoln-es'])).toBe('remove');
		expect(deviceView(cal, moved, NOW, 30, ['lincoln-es'])).toBe('remove');
		expect(deviceViewOfFacts(cal, scopeFacts(moved), NOW, 30, ['washington-ms'])).toBe('remove');
		expect(deviceViewOfFacts(cal, scopeFacts(open), NOW, 30, ['washington-ms'])).toBe('skip');
	});
});

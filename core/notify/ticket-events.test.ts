import { describe, expect, it } from 'vitest';
import type { Ticket } from '../schemas';
import { newTicket } from '../ticket';
import { withDistribution, withEscalation, withNote, withStatus } from '../ticket-changes';
import { eventsFromTicketChange } from './ticket-events';

const at = (minute: number): string => new Date(Date.parse('2026-12-07T16:00:00.000Z') + minute * 60_000).toISOString();
const stamp = (by: string, minute: number) => ({ by, at: at(minute), id: `K7M-${minute}` });

const filed = (assignee: string | null = null, priority: 1 | 3 | null = 3): Ticket =>
	newTicket(
		{ number: 'K7M-4QX', requester: 'pat.lee', requesterName: 'Pat Lee', createdBy: 'pat.lee', source: 'web', title: 'Printer jams', description: 'Jams.', building: 'lincoln-es', assignee, priority },
		at(0),
		'K7M-0-c'
	);
const byPhone = newTicket(
	{ number: 'K7M-4QX', requester: 'pat.lee', requesterName: 'Pat Lee', createdBy: 'tech.ana', source: 'phone', title: 'Printer jams', description: 'Jams.', building: 'lincoln-es', assignee: 'tech.ana' },
	at(0),
	'K7M-0-c'
);

const assigned = withDistribution(filed(), stamp('coord.dee', 5), { assignee: 'tech.ana' });
const escalated = withEscalation(assigned, stamp('tech.ana', 10), 2, 'spec.cruz', 'Needs the print server.')!;
const noted = withNote(escalated, stamp('tech.ana', 15), 'Ordered a new fuser.');
const requesterNoted = withNote(noted, stamp('pat.lee', 20), 'Thanks!');
const reassignedTwice = withDistribution(withDistribution(filed(), stamp('coord.dee', 5), { assignee: 'tech.ana' }), stamp('coord.dee', 6), { assignee: 'tech.ben' });
const resolved = withStatus(noted, stamp('tech.ana', 30), 'resolved', 'Replaced the fuser.')!;

type Row = [string, Ticket | null, Ticket, [kind: string, recipient: string, key: string][]];
describe('eventsFromTicketChange', () => {
	const cases: Row[] = [
		['a ticket filed without an owner tells nobody', null, filed(), []],
		['automatic assignment at filing tells the owner', null, filed('tech.ana'), [['assigned', 'tech.ana', 'ticket:K7M-4QX:entry:K7M-0-c:assigned:tech.ana']]],
		['a technician logging a call for themself is not told', null, byPhone, []],
		['a coordinator’s assignment tells the new owner', filed(), assigned, [['assigned', 'tech.ana', 'ticket:K7M-4QX:entry:K7M-5-d:assigned:tech.ana']]],
		['an escalation tells whom it goes to', assigned, escalated, [['escalated', 'spec.cruz', 'ticket:K7M-4QX:entry:K7M-10-x:escalated:spec.cruz']]],
		['a technician’s note tells the requester', escalated, noted, [['note', 'pat.lee', 'ticket:K7M-4QX:entry:K7M-15-n:note:pat.lee']]],
		['the requester’s own note tells nobody', noted, requesterNoted, []],
		['a resolution with its note tells the requester once, of the note', noted, resolved, [['note', 'pat.lee', 'ticket:K7M-4QX:entry:K7M-30-z:note:pat.lee']]],
		[
			'several changes in one sync come in history order',
			filed(),
			noted,
			[
				['assigned', 'tech.ana', 'ticket:K7M-4QX:entry:K7M-5-d:assigned:tech.ana'],
				['escalated', 'spec.cruz', 'ticket:K7M-4QX:entry:K7M-10-x:escalated:spec.cruz'],
				['note', 'pat.lee', 'ticket:K7M-4QX:entry:K7M-15-n:note:pat.lee']
			]
		],
		['a ticket passed on twice in one sync tells only its last owner', filed(), reassignedTwice, [['assigned', 'tech.ben', 'ticket:K7M-4QX:entry:K7M-6-d:assigned:tech.ben']]],
		['a replayed change (nothing new) tells nobody', noted, noted, []]
	];
	it.each(cases)('%s', (_name, old, next, expected) => {
		expect(eventsFromTicketChange(old, next).map((e) => [e.kind, e.recipient, e.key])).toEqual(expected);
	});

	it('an event carries the ticket, its priority, the entry, its author and time', () => {
		expect(eventsFromTicketChange(filed(), assigned)).toEqual([
			{ key: 'ticket:K7M-4QX:entry:K7M-5-d:assigned:tech.ana', kind: 'assigned', recipient: 'tech.ana', at: Date.parse('2026-12-07T16:05:00.000Z'), ticket: 'K7M-4QX', priority: 3, entryId: 'K7M-5-d', by: 'coord.dee' }
		]);
	});

	it('a ticket seen for the first time (a restart) gives the same keys as the changes seen one by one', () => {
		const oneByOne = [...eventsFromTicketChange(null, filed()), ...eventsFromTicketChange(filed(), assigned), ...eventsFromTicketChange(assigned, escalated), ...eventsFromTicketChange(escalated, noted)];
		expect(eventsFromTicketChange(null, noted).map((e) => e.key)).toEqual(oneByOne.map((e) => e.key));
	});
});

import { describe, expect, it } from 'vitest';
import { canWrite, type WriteContext } from './access';
import type { Ticket, UserProfile } from './schemas';
import { newTicket } from './ticket';
import {
	hasRemotePermission,
	withDistribution,
	withEscalation,
	withNote,
	withRemotePermission,
	withRequesterStatus,
	withStatus
} from './ticket-changes';

const filed = (): Ticket =>
	newTicket(
		{
			number: 'K7M-4QX',
			requester: 'lgarcia',
			requesterName: 'Lena Garcia',
			createdBy: 'lgarcia',
			source: 'web',
			title: 'Projector',
			description: 'No picture',
			building: 'lincoln-es'
		},
		'2026-11-20T10:00:00.000Z',
		'dev-1'
	);
let clock = 0;
const stamp = (by: string) => ({ by, at: new Date(Date.parse('2026-11-20T11:00:00.000Z') + ++clock * 1000).toISOString(), id: `dev-x${clock}` });
const tech: UserProfile = { _id: 'user:spatel', type: 'user', username: 'spatel', name: 'Sam Patel', role: 'building-tech', kind: 'staff', buildings: ['lincoln-es'], active: true };
const requester: UserProfile = { ...tech, _id: 'user:lgarcia', username: 'lgarcia', name: 'Lena Garcia', role: 'requester' };
const coordinator: UserProfile = { ...tech, _id: 'user:mrivera', username: 'mrivera', name: 'Marisol Rivera', role: 'coordinator' };
const CTX: WriteContext = { now: new Date('2026-11-21T00:00:00.000Z'), person: (u) => [tech, requester, coordinator].find((p) => p.username === u) };

describe('ticket changes', () => {
	it('moves a ticket to another building in the same change as its assignee (a voicemail filed under the default building)', () => {
		const moved = withDistribution(filed(), stamp('mrivera'), { building: 'maple-grove-es', assignee: 'spatel' });
		expect(moved.building).toBe('maple-grove-es');
		expect(moved.history[1]).toMatchObject({ kind: 'set', changes: { building: 'maple-grove-es', assignee: 'spatel' } });
		expect(canWrite(coordinator, filed(), moved, CTX)).toBeNull();
		expect(withDistribution(filed(), stamp('mrivera'), { building: 'lincoln-es' }).history).toHaveLength(1);
	});

	it('assigns a new ticket in one change, which also marks it assigned, and the gateway rule accepts it', () => {
		const before = filed();
		const wanted = { assignee: 'spatel', category: 'projectors', priority: 3 } as const;
		const after = withDistribution(before, stamp('spatel'), wanted);
		expect(after).toMatchObject({ assignee: 'spatel', category: 'projectors', priority: 3, status: 'assigned' });
		expect(after.history.filter((e) => e.kind === 'set')).toHaveLength(1);
		expect(canWrite(tech, before, after, CTX)).toBeNull();
		expect(canWrite(requester, before, withDistribution(before, stamp('lgarcia'), wanted), CTX)?.code).toBe('not-allowed');
	});

	it('puts an assigned ticket back to new when its assignee is taken away, and changes nothing when nothing differs', () => {
		const assigned = withDistribution(filed(), stamp('spatel'), { assignee: 'spatel' });
		expect(withDistribution(assigned, stamp('spatel'), { assignee: null })).toMatchObject({ assignee: null, status: 'new' });
		expect(withDistribution(assigned, stamp('spatel'), { assignee: 'spatel' })).toBe(assigned);
	});

	it('follows the workflow for staff status changes, with an optional note', () => {
		const assigned = withDistribution(filed(), stamp('spatel'), { assignee: 'spatel' });
		const working = withStatus(assigned, stamp('spatel'), 'in-progress', 'On my way to room 12.');
		expect(working?.status).toBe('in-progress');
		expect(working?.history.at(-1)).toMatchObject({ kind: 'note', text: 'On my way to room 12.' });
		expect(withStatus(assigned, stamp('spatel'), 'assigned')).toBeNull();
		expect(withStatus(filed(), stamp('spatel'), 'waiting-vendor')).toBeNull();
		expect(canWrite(tech, assigned, working, CTX)).toBeNull();
	});

	it('lets a requester only reopen or confirm', () => {
		const resolved = withStatus(filed(), stamp('spatel'), 'resolved') as Ticket;
		expect(withRequesterStatus(resolved, stamp('lgarcia'), 'in-progress', 'Still blank')?.status).toBe('in-progress');
		expect(withRequesterStatus(filed(), stamp('lgarcia'), 'resolved')).toBeNull();
	});

	it('keeps the owner when escalating, and refuses a level that is not higher or a missing reason', () => {
		const owned = withDistribution(filed(), stamp('spatel'), { assignee: 'spatel' });
		const escalated = withEscalation(owned, stamp('spatel'), 2, 'mrivera', 'Needs a new lamp; over my budget.') as Ticket;
		expect(escalated).toMatchObject({ assignee: 'spatel', level: 2, escalatedTo: 'mrivera' });
		expect(canWrite(tech, owned, escalated, CTX)).toBeNull();
		expect(withEscalation(escalated, stamp('spatel'), 2, null, 'again')).toBeNull();
		expect(withEscalation(owned, stamp('spatel'), 3, null, '   ')).toBeNull();
	});

	it('makes the escalating technician the owner of a ticket nobody owned', () => {
		const before = filed();
		const escalated = withEscalation(before, stamp('spatel'), 2, null, 'Needs the network team.') as Ticket;
		expect(escalated).toMatchObject({ assignee: 'spatel', status: 'assigned', level: 2, escalatedTo: null });
		expect(canWrite(tech, before, escalated, CTX)).toBeNull();
	});

	it('records notes with their interaction, and remote permission with the latest answer winning', () => {
		const visited = withNote(filed(), stamp('spatel'), ' Reseated the HDMI cable. ', { type: 'desk-visit', minutes: 15 });
		expect(visited.history.at(-1)).toMatchObject({ kind: 'note', text: 'Reseated the HDMI cable.', interaction: { type: 'desk-visit', minutes: 15 } });
		const now = Date.parse('2026-11-20T12:00:00.000Z');
		expect(hasRemotePermission(visited, 'spatel', now)).toBe(false);
		const yes = withRemotePermission(visited, stamp('spatel'), true);
		expect(hasRemotePermission(yes, 'spatel', now)).toBe(true);
		expect(hasRemotePermission(yes, 'pshah', now), 'another technician asks again').toBe(false);
		expect(hasRemotePermission(yes, 'spatel', now + 9 * 3_600_000), 'a later session asks again').toBe(false);
		expect(hasRemotePermission(withRemotePermission(yes, stamp('spatel'), false), 'spatel', now)).toBe(false);
		expect(canWrite(tech, visited, yes, CTX)).toBeNull();
	});
});

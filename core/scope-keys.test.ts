import { describe, expect, it } from 'vitest';
import { type Actor, deviceViewOfFacts } from './access';
import { type DeletionScope, hearsOfDeletion } from './deletion';
import { ROLES } from './schemas';
import type { ScopeFacts } from './scope-facts';
import { actorKeys, documentKeys, ticketKeys } from './scope-keys';

const NOW = new Date('2026-12-01T16:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
type TicketFacts = Extract<ScopeFacts, { type: 'ticket' }>;
type TicketDeletion = Extract<DeletionScope, { type: 'ticket' }>;

const PEOPLE = ['ann', 'bo', 'cy'];
const SUBSETS = <T>(items: T[]): T[][] => items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);

/** Every combination of a small district: three people, two buildings, every role, closed or not. */
function* everyTicket(): Generator<TicketFacts> {
	const maybe = [null, ...PEOPLE];
	for (const requester of PEOPLE)
		for (const createdBy of PEOPLE)
			for (const assignee of maybe)
				for (const escalatedTo of maybe)
					for (const building of ['x', 'y'])
						for (const people of [[], ['ann'], ['bo', 'cy']])
							for (const buildings of SUBSETS(['x', 'y']))
								for (const closedAt of [null, daysAgo(3)])
									yield { type: 'ticket', requester, createdBy, assignee, escalatedTo, building, closedAt, past: { people, buildings } };
}

function* everyActor(): Generator<{ actor: Actor; former: string[] }> {
	for (const role of ROLES)
		for (const buildings of SUBSETS(['x', 'y']))
			for (const former of SUBSETS(['x', 'y'])) yield { actor: { username: 'ann', role, buildings, kind: 'staff' }, former };
}

const shares = (a: string[], b: string[]) => a.some((key) => b.includes(key));
const meets = (keys: string[] | null, filed: string[] | 'everyone') => keys === null || filed === 'everyone' || shares(keys, filed);

const OTHER_TYPES = ['phone-line', 'building', 'category', 'kb', 'calendar', 'sla-policy', 'sla-settings', 'outage'] as const;

/** Every other document's scope facts over the same people: profiles, notifications, calls, voicemails, and the rest. */
function* everyOtherDocument(): Generator<Exclude<ScopeFacts, TicketFacts>> {
	const maybe = [null, ...PEOPLE];
	for (const username of PEOPLE) {
		for (const role of ROLES) for (const kind of ['staff', 'student'] as const) for (const buildings of SUBSETS(['x', 'y'])) yield { type: 'user', username, role, kind, buildings };
		yield { type: 'outage-affected', username };
		yield { type: 'notify-prefs', username };
		yield { type: 'notification', recipient: username };
	}
	for (const answeredBy of maybe) yield { type: 'call', answeredBy };
	for (const assignee of maybe) {
		yield { type: 'voicemail', assignee };
		for (const formerAssignees of [[], ['ann'], ['bo', 'cy']]) yield { type: 'voicemail', assignee, formerAssignees };
	}
	for (const type of OTHER_TYPES) yield { type };
}

/** Every deletion scope of those documents (core's deletionScope keeps the recipient as username, a voicemail's assignee alone). */
function* everyOtherDeletion(): Generator<Exclude<DeletionScope, TicketDeletion>> {
	for (const facts of everyOtherDocument()) {
		if (facts.type === 'notification') yield { type: 'notification', username: facts.recipient };
		else if (facts.type === 'voicemail') {
			if (!facts.formerAssignees) yield { type: 'voicemail', assignee: facts.assignee };
		} else yield facts;
	}
}

describe('scope keys: the people and buildings a ticket is filed under for first syncs', () => {
	it('files a ticket under its requester, creator, assignee, escalation, building and every past person and building', () => {
		const facts: TicketFacts = { type: 'ticket', requester: 'ann', createdBy: 'tech.bo', assignee: 'tech.cy', escalatedTo: null, building: 'x', closedAt: null, past: { people: ['tech.cy', 'spec.di'], buildings: ['y', 'x'] } };
		expect(ticketKeys(facts).sort()).toEqual(['b:x', 'b:y', 'p:ann', 'p:spec.di', 'p:tech.bo', 'p:tech.cy']);
		const deletion: TicketDeletion = { type: 'ticket', requester: 'ann', createdBy: 'ann', people: ['tech.cy'], buildings: ['z'], closedAt: null };
		expect(ticketKeys(deletion).sort()).toEqual(['b:z', 'p:ann', 'p:tech.cy']);
	});

	it('looks up a requester or specialist by name, a technician also by every building covered now or before, and nobody for a coordinator', () => {
		expect(actorKeys({ username: 'ann', role: 'requester', buildings: ['x'], kind: 'staff' }, ['y'])).toEqual(['p:ann']);
		expect(actorKeys({ username: 'di', role: 'specialist', buildings: ['x'], kind: 'staff' }, [])).toEqual(['p:di', 'r:staff']);
		expect(actorKeys({ username: 'bo', role: 'building-tech', buildings: ['x'], kind: 'staff' }, ['y', 'x'])).toEqual(['p:bo', 'r:staff', 'b:x', 'b:y']);
		expect(actorKeys({ username: 'cy', role: 'coordinator', buildings: [], kind: 'staff' }, [])).toBeNull();
		expect(actorKeys({ username: 'eve', role: 'admin', buildings: [], kind: 'staff' }, [])).toBeNull();
	});

	it('never hides a ticket anyone gets or must drop: whenever core gives or removes it, their keys meet its keys', () => {
		let judged = 0;
		for (const { actor, former } of everyActor()) {
			const keys = actorKeys(actor, former);
			for (const facts of everyTicket()) {
				if (deviceViewOfFacts(actor, facts, NOW, 30, former) === 'skip') continue;
				judged++;
				if (keys === null) continue;
				if (!shares(keys, ticketKeys(facts))) expect.fail(`${JSON.stringify(actor)} ${JSON.stringify(former)} gets ${JSON.stringify(facts)} but no key meets`);
			}
		}
		expect(judged).toBeGreaterThan(100_000);
	});

	it('never hides a deletion anyone must hear of: whenever core tells them, their keys meet the deletion scope\'s keys', () => {
		let heard = 0;
		for (const { actor, former } of everyActor()) {
			const keys = actorKeys(actor, former);
			for (const { requester, createdBy, assignee, past, closedAt } of everyTicket()) {
				if (assignee !== null) continue;
				const scope: TicketDeletion = { type: 'ticket', requester, createdBy, people: past.people, buildings: past.buildings, closedAt };
				if (!hearsOfDeletion(actor, scope, NOW, 30, former)) continue;
				heard++;
				if (keys !== null && !shares(keys, ticketKeys(scope))) expect.fail(`${JSON.stringify(actor)} hears of ${JSON.stringify(scope)} but no key meets`);
			}
		}
		expect(heard).toBeGreaterThan(1000);
	});

	it('files a notification, a person\'s settings, a call and a voicemail under their people, and the phone line under the staff', () => {
		expect(documentKeys({ type: 'notification', recipient: 'bo' })).toEqual(['p:bo']);
		expect(documentKeys({ type: 'notification', username: 'bo' })).toEqual(['p:bo']);
		expect(documentKeys({ type: 'notify-prefs', username: 'bo' })).toEqual(['p:bo']);
		expect(documentKeys({ type: 'outage-affected', username: 'bo' })).toEqual(['p:bo', 'r:staff']);
		expect(documentKeys({ type: 'call', answeredBy: null })).toEqual([]);
		expect(documentKeys({ type: 'voicemail', assignee: 'bo', formerAssignees: ['cy', 'bo'] })).toEqual(['p:bo', 'p:cy']);
		expect(documentKeys({ type: 'phone-line' })).toEqual(['r:staff']);
		expect(documentKeys({ type: 'user', username: 'bo', role: 'requester', kind: 'student', buildings: ['x'] })).toBe('everyone');
		// What the keys are for: a requester walks nobody else's notifications.
		expect(meets(actorKeys({ username: 'ann', role: 'requester', buildings: ['x'], kind: 'staff' }, []), documentKeys({ type: 'notification', recipient: 'bo' }))).toBe(false);
	});

	it('never hides any other document anyone gets or must drop: whenever core gives or removes it, their keys meet its keys', () => {
		const judged = new Set<string>();
		for (const { actor, former } of everyActor()) {
			const keys = actorKeys(actor, former);
			for (const facts of everyOtherDocument()) {
				if (deviceViewOfFacts(actor, facts, NOW, 30, former) === 'skip') continue;
				judged.add(`${facts.type} ${actor.role}`);
				if (!meets(keys, documentKeys(facts))) expect.fail(`${JSON.stringify(actor)} gets ${JSON.stringify(facts)} but no key meets`);
			}
		}
		for (const type of ['user', 'outage-affected', 'notify-prefs', 'notification', 'call', 'voicemail', ...OTHER_TYPES])
			expect([...judged].filter((seen) => seen.startsWith(`${type} `)).length, type).toBeGreaterThan(0);
		expect(judged.has('voicemail building-tech') && judged.has('notification requester') && judged.has('phone-line specialist')).toBe(true);
	});

	it('never hides any other deletion anyone must hear of: whenever core tells them, their keys meet its keys', () => {
		const heard = new Set<string>();
		for (const { actor, former } of everyActor()) {
			const keys = actorKeys(actor, former);
			for (const scope of everyOtherDeletion()) {
				if (!hearsOfDeletion(actor, scope, NOW, 30, former)) continue;
				heard.add(`${scope.type} ${actor.role}`);
				if (!meets(keys, documentKeys(scope))) expect.fail(`${JSON.stringify(actor)} hears of ${JSON.stringify(scope)} but no key meets`);
			}
		}
		for (const type of ['user', 'outage-affected', 'notify-prefs', 'notification', 'call', 'voicemail', ...OTHER_TYPES])
			expect([...heard].filter((seen) => seen.startsWith(`${type} `)).length, type).toBeGreaterThan(0);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, Ticket, type HistoryEntry, type Status } from './schemas';
import { appendEntries, foldHistory, mergeTickets, newTicket, withFoldedFields } from './ticket';

const T0 = Date.parse('2024-09-03T08:00:00.000Z');
const at = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const USERS = ['tech.ana', 'tech.ben', 'spec.cruz', 'coord.dee', 'pat.lee'] as const;
const DERIVED = ['status', 'priority', 'category', 'building', 'room', 'assignee', 'level', 'escalatedTo', 'dueDate', 'closedAt'] as const;

const base = (): Ticket =>
	newTicket(
		{
			number: 'K7M-4QX',
			requester: 'pat.lee',
			requesterName: 'Pat Lee',
			createdBy: 'pat.lee',
			source: 'web',
			title: 'Projector in room 12 shows no picture',
			description: 'The projector turns on but the screen stays blue.',
			building: 'lincoln-es',
			room: '12'
		},
		at(0),
		'K7M-created'
	);

/** The part of a ticket replicas must agree on: everything but Couch's revision. */
function content(ticket: Ticket): Omit<Ticket, '_rev'> {
	const { _rev: _ignored, ...rest } = ticket;
	return rest;
}

function derived(ticket: Ticket): Record<string, unknown> {
	return Object.fromEntries(DERIVED.map((k) => [k, ticket[k]]));
}

/** Time order computed independently of core's comparator: instant first, then entry id. */
function byTime(a: HistoryEntry, b: HistoryEntry): number {
	return Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** What "the last change by time wins" means, written out field by field. */
function lastWriterWins(history: readonly HistoryEntry[]): Record<string, unknown> {
	const ordered = [...history].sort(byTime);
	const created = ordered.find((e) => e.kind === 'created');
	if (created?.kind !== 'created') throw new Error('test history has no created entry');
	const statuses = ordered.filter((e) => e.kind === 'status');
	const sets = ordered.filter((e) => e.kind === 'set');
	const escalations = ordered.filter((e) => e.kind === 'escalate');
	const lastStatus = statuses.at(-1);
	const lastEscalation = escalations.at(-1);
	const lastSet = <K extends 'priority' | 'category' | 'building' | 'room' | 'assignee' | 'dueDate'>(key: K) => {
		const entry = sets.filter((e) => key in e.changes).at(-1);
		return entry ? entry.changes[key] : created.fields[key];
	};
	const status = lastStatus?.to ?? created.fields.status;
	return {
		status,
		priority: lastSet('priority'),
		category: lastSet('category'),
		building: lastSet('building'),
		room: lastSet('room'),
		assignee: lastSet('assignee'),
		level: lastEscalation?.level ?? created.fields.level,
		escalatedTo: lastEscalation ? lastEscalation.to : created.fields.escalatedTo,
		dueDate: lastSet('dueDate'),
		closedAt: status === 'closed' ? (lastStatus?.at ?? created.at) : null
	};
}

type Draft =
	| { kind: 'note'; text: string }
	| { kind: 'status'; to: Status }
	| { kind: 'set'; changes: { priority?: 1 | 2 | 3 | 4 | null; category?: string | null; assignee?: string | null; room?: string } }
	| { kind: 'escalate'; level: 1 | 2 | 3; to: string | null; reason: string };

interface Edit {
	draft: Draft;
	/** Minutes after creation; a small range makes ties across devices common. */
	minute: number;
	/** Made after the first, partial round of syncs rather than before any. */
	late: boolean;
}

const draftArb: fc.Arbitrary<Draft> = fc.oneof(
	fc.record({ kind: fc.constant('note' as const), text: fc.constantFrom('Checked the cable.', 'Called the teacher.', 'Bulb ordered.') }),
	fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom(...STATUSES) }),
	fc.record({
		kind: fc.constant('set' as const),
		changes: fc.record(
			{
				priority: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, null),
				category: fc.constantFrom('projector', 'network', 'printer', null),
				assignee: fc.constantFrom('tech.ana', 'tech.ben', 'spec.cruz', null),
				room: fc.constantFrom('', '12', 'library', 'gym')
			},
			{ requiredKeys: [] }
		)
	}),
	fc.record({
		kind: fc.constant('escalate' as const),
		level: fc.constantFrom(1 as const, 2 as const, 3 as const),
		to: fc.constantFrom('spec.cruz', 'net.team', null),
		reason: fc.constant('Needs the network team.')
	})
);

const editArb: fc.Arbitrary<Edit> = fc.record({ draft: draftArb, minute: fc.integer({ min: 1, max: 20 }), late: fc.boolean() });

function allPairs(n: number): [number, number][] {
	const pairs: [number, number][] = [];
	for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
	return pairs;
}

const scenarioArb = fc.integer({ min: 2, max: 5 }).chain((n) => {
	const indexes = Array.from({ length: n }, (_, i) => i);
	const pairs = allPairs(n);
	return fc.record({
		edits: fc.array(fc.array(editArb, { maxLength: 8 }), { minLength: n, maxLength: n }),
		/** Partial syncs first: random groups of replicas, merged in a random argument order. */
		partial: fc.array(fc.shuffledSubarray(indexes, { minLength: 2 }), { maxLength: 6 }),
		/** Then every pair syncs once, in random order and argument order. */
		finalPairs: fc.shuffledSubarray(pairs, { minLength: pairs.length }),
		flips: fc.array(fc.boolean(), { minLength: pairs.length, maxLength: pairs.length })
	});
});

function toEntry(draft: Draft, id: string, when: string, by: string, current: Ticket): HistoryEntry {
	const meta = { id, at: when, by };
	return draft.kind === 'status' ? { ...meta, kind: 'status', from: current.status, to: draft.to } : { ...meta, ...draft };
}

describe('mergeTickets under offline edits on several devices', () => {
	it('converges, loses nothing, and lets the latest change win, whatever the sync order', () => {
		fc.assert(
			fc.property(scenarioArb, ({ edits, partial, finalPairs, flips }) => {
				const n = edits.length;
				let rev = 0;
				const replicas: Ticket[] = Array.from({ length: n }, () => ({ ...base(), _rev: `${++rev}-created` }));
				const known = Array.from({ length: n }, (_, i) => new Set([i]));
				const counters = Array.from({ length: n }, () => 0);
				const createdIds = new Set<string>(['K7M-created']);

				const editOffline = (late: boolean) => {
					edits.forEach((deviceEdits, d) => {
						for (const edit of deviceEdits.filter((e) => e.late === late)) {
							const id = `dev${d}-${counters[d]++}`;
							createdIds.add(id);
							const entry = toEntry(edit.draft, id, at(edit.minute), USERS[d], replicas[d]);
							replicas[d] = { ...appendEntries(replicas[d], [entry]), _rev: `${++rev}-dev${d}` };
						}
					});
				};
				const sync = (group: readonly number[]) => {
					const merged = mergeTickets(group.map((i) => replicas[i]));
					const knowledge = new Set(group.flatMap((i) => [...known[i]]));
					for (const i of group) {
						replicas[i] = { ...merged, _rev: `${++rev}-merged` };
						known[i] = knowledge;
					}
				};

				editOffline(false);
				const offline = [...replicas];
				partial.forEach(sync);
				editOffline(true);
				finalPairs.forEach(([i, j], k) => sync(flips[k] ? [j, i] : [i, j]));
				expect(known.every((k) => k.size === n)).toBe(true);

				// (a) every replica holds the same ticket
				for (const replica of replicas) expect(content(replica)).toEqual(content(replicas[0]));
				const final = replicas[0];

				// (b) each entry created anywhere is there exactly once
				const ids = final.history.map((e) => e.id);
				expect([...ids].sort()).toEqual([...createdIds].sort());

				// (c) the top-level fields are the fold of the history, which is kept in time order
				expect(derived(final)).toEqual({ ...foldHistory(final.history) });
				expect(final.history).toEqual([...final.history].sort(byTime));
				expect(Ticket.safeParse(final).success).toBe(true);

				// (d) merge is commutative, associative and idempotent
				const [a, b] = offline;
				const c = offline[n - 1];
				expect(content(mergeTickets([a, b]))).toEqual(content(mergeTickets([b, a])));
				expect(content(mergeTickets([mergeTickets([a, b]), c]))).toEqual(content(mergeTickets([a, mergeTickets([b, c])])));
				expect(content(mergeTickets([a, a]))).toEqual(content(withFoldedFields(a)));
				expect(content(mergeTickets([final, final]))).toEqual(content(final));

				// (e) the last change by (time, id) wins, field by field
				expect(derived(final)).toEqual(lastWriterWins(final.history));
			}),
			{ numRuns: 1000 }
		);
	}, 120_000);
});

describe('mergeTickets examples', () => {
	const ana = (id: string, minute: number, to: Status, from: Status = 'new'): HistoryEntry => ({
		id,
		at: at(minute),
		by: 'tech.ana',
		kind: 'status',
		from,
		to
	});

	it('takes the later of two concurrent status changes on both replicas', () => {
		const a = appendEntries(base(), [ana('dev0-0001', 5, 'in-progress')]);
		const b = appendEntries(base(), [ana('dev1-0001', 3, 'scheduled')]);
		expect(mergeTickets([a, b]).status).toBe('in-progress');
		expect(mergeTickets([b, a]).status).toBe('in-progress');
	});

	it('breaks a tie between changes made at the same instant by entry id', () => {
		const a = appendEntries(base(), [ana('dev0-0001', 5, 'in-progress')]);
		const b = appendEntries(base(), [ana('dev1-0001', 5, 'scheduled')]);
		expect(mergeTickets([a, b]).status).toBe('scheduled');
		expect(mergeTickets([b, a]).status).toBe('scheduled');
	});

	it('keeps the notes written on every device and stores a shared entry once', () => {
		const shared: HistoryEntry = { id: 'dev0-0001', at: at(1), by: 'tech.ana', kind: 'note', text: 'On my way.' };
		const a = appendEntries(base(), [shared, { ...shared, id: 'dev0-0002', at: at(2), text: 'Cable replaced.' }]);
		const b = appendEntries(base(), [shared, { ...shared, id: 'dev1-0001', at: at(2), by: 'tech.ben', text: 'Tested it.' }]);
		const merged = mergeTickets([a, b]);
		expect(merged.history.map((e) => e.id)).toEqual(['K7M-created', 'dev0-0001', 'dev0-0002', 'dev1-0001']);
	});

	it('keeps the owner when one device escalates while another reassigns the room', () => {
		const owned = appendEntries(base(), [
			{ id: 'dev0-0001', at: at(1), by: 'coord.dee', kind: 'set', changes: { assignee: 'tech.ana' } }
		]);
		const a = appendEntries(owned, [
			{ id: 'dev0-0002', at: at(4), by: 'tech.ana', kind: 'escalate', level: 2, to: 'spec.cruz', reason: 'Needs a new lamp.' }
		]);
		const b = appendEntries(owned, [{ id: 'dev1-0001', at: at(3), by: 'tech.ben', kind: 'set', changes: { room: 'library' } }]);
		const merged = mergeTickets([a, b]);
		expect(merged).toMatchObject({ assignee: 'tech.ana', level: 2, escalatedTo: 'spec.cruz', room: 'library' });
	});

	it('records when a ticket was closed from the closing entry that wins', () => {
		const a = appendEntries(base(), [ana('dev0-0001', 6, 'closed')]);
		const b = appendEntries(base(), [ana('dev1-0001', 2, 'resolved')]);
		expect(mergeTickets([b, a])).toMatchObject({ status: 'closed', closedAt: at(6) });
		const reopened = appendEntries(a, [ana('dev0-0002', 9, 'in-progress', 'closed')]);
		expect(mergeTickets([reopened, b])).toMatchObject({ status: 'in-progress', closedAt: null });
	});

	it('picks the same copy of an entry whose contents were tampered with, whichever order it sees them in', () => {
		const honest = appendEntries(base(), [
			{ id: 'dev0-0001', at: at(2), by: 'tech.ana', kind: 'set', changes: { priority: 3 } }
		]);
		const forged = appendEntries(base(), [
			{ id: 'dev0-0001', at: at(2), by: 'tech.ana', kind: 'set', changes: { priority: 1 } }
		]);
		const one = mergeTickets([honest, forged]);
		const other = mergeTickets([forged, honest]);
		expect(one.history).toHaveLength(2);
		expect(content(one)).toEqual(content(other));
	});

	it('drops Couch revision metadata and keeps the fields fixed at filing', () => {
		const a: Ticket = { ...appendEntries(base(), [ana('dev0-0001', 5, 'in-progress')]), _rev: '3-aaa', _conflicts: ['2-bbb'] };
		const b: Ticket = { ...base(), _rev: '2-bbb' };
		const merged = mergeTickets([a, b]);
		expect(merged._rev).toBeUndefined();
		expect(merged._conflicts).toBeUndefined();
		expect(merged).toMatchObject({ number: 'K7M-4QX', title: base().title, requester: 'pat.lee', status: 'in-progress' });
	});

	it('refuses to merge nothing', () => {
		expect(() => mergeTickets([])).toThrow();
	});
});

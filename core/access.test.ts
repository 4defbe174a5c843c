import { describe, expect, it } from 'vitest';
import { canRead, canWrite, inDeviceScope, type Actor, type Refusal, type RefusalCode, type WriteContext } from './access';
import type { Building, Category, HistoryEntry, KbArticle, Ticket, UserProfile } from './schemas';
import { appendEntries, newTicket } from './ticket';

const NOW = '2024-09-03T08:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

const pat: Actor = { username: 'pat.lee', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const sam: Actor = { username: 'sam.ortiz', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const kim: Actor = { username: 'stu.kim', role: 'requester', buildings: ['lincoln-es'], kind: 'student' };
const dana: Actor = { username: 'dana.fox', role: 'requester', buildings: ['washington-ms'], kind: 'staff' };
const ana: Actor = { username: 'tech.ana', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };
const ben: Actor = { username: 'tech.ben', role: 'building-tech', buildings: ['washington-ms'], kind: 'staff' };
// A specialist listed in a building still sees only what is routed to them.
const cruz: Actor = { username: 'spec.cruz', role: 'specialist', buildings: ['lincoln-es'], kind: 'staff' };
const dee: Actor = { username: 'coord.dee', role: 'coordinator', buildings: [], kind: 'staff' };
const eve: Actor = { username: 'admin.eve', role: 'admin', buildings: [], kind: 'staff' };
const EVERYONE = [pat, sam, kim, dana, ana, ben, cruz, dee, eve];
/** Judged a day after the fixtures' entries, with every fixture person active. */
const CTX: WriteContext = { now: new Date(Date.parse(NOW) + 86_400_000), person: (u) => EVERYONE.find((a) => a.username === u) && { role: EVERYONE.find((a) => a.username === u)!.role, active: true } };

const building: Building = {
	_id: 'building:lincoln-es',
	type: 'building',
	code: 'lincoln-es',
	name: 'Lincoln Elementary',
	kind: 'school',
	technician: 'tech.ana'
};
const category: Category = { _id: 'category:printer', type: 'category', code: 'printer', name: 'Printer', description: '', active: true };
const article: KbArticle = {
	_id: 'kb:clear-a-jam',
	type: 'kb',
	kind: 'article',
	title: 'Clearing a paper jam',
	body: 'Open tray 2.',
	tags: [],
	updatedAt: NOW,
	author: 'coord.dee'
};

let seq = 0;
const id = (prefix: string): string => `${prefix}-${String(++seq).padStart(4, '0')}`;

function ticket(filer: Actor, over: { requester?: Actor; building?: string; assignee?: string } = {}): Ticket {
	const requester = over.requester ?? filer;
	return newTicket(
		{
			number: 'K7M-4QX',
			requester: requester.username,
			requesterName: requester.username,
			createdBy: filer.username,
			source: requester === filer ? 'web' : 'on-behalf',
			title: 'Printer jams on every page',
			description: 'The office printer jams.',
			building: over.building ?? 'lincoln-es',
			assignee: over.assignee
		},
		NOW,
		id('created')
	);
}

/** Appends one entry by `actor`, dated after everything before it. */
function add(t: Ticket, actor: Actor, entry: DistributiveOmit<HistoryEntry, 'id' | 'at' | 'by'>): Ticket {
	return appendEntries(t, [{ ...entry, id: id(actor.username), at: later(t.history.length), by: actor.username } as HistoryEntry]);
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function status(t: Ticket, actor: Actor, to: Ticket['status']): Ticket {
	return add(t, actor, { kind: 'status', from: t.status, to });
}

function profile(actor: Actor): UserProfile {
	return {
		_id: `user:${actor.username}`,
		type: 'user',
		username: actor.username,
		name: actor.username,
		role: actor.role,
		kind: actor.kind,
		buildings: actor.buildings,
		active: true
	};
}

function expectRefused(result: Refusal | null, code: RefusalCode): void {
	expect(result?.code).toBe(code);
	// A reason is a sentence the person can read: a capital letter, words, a full stop.
	expect(result?.reason).toMatch(/^[A-Z][^]{10,}\.$/);
}

describe('reading tickets', () => {
	const patsOwn = ticket(pat);
	const forSam = ticket(pat, { requester: sam });
	const kimsOwn = ticket(kim);
	const elsewhere = ticket(dana, { building: 'washington-ms' });

	it('shows a requester their own tickets and the ones they filed for a co-worker', () => {
		expect(canRead(pat, patsOwn)).toBe(true);
		expect(canRead(pat, forSam)).toBe(true);
		expect(canRead(sam, forSam)).toBe(true);
		expect(canRead(kim, kimsOwn)).toBe(true);
	});

	it("never shows a requester anyone else's ticket, even in their own building", () => {
		expect(canRead(sam, patsOwn)).toBe(false);
		expect(canRead(kim, patsOwn)).toBe(false);
		expect(canRead(pat, kimsOwn)).toBe(false);
		expect(canRead(pat, elsewhere)).toBe(false);
		expect(canRead(pat, ticket(sam, { assignee: 'pat.lee' }))).toBe(false);
	});

	it("shows a building technician their buildings' tickets and those routed to them", () => {
		expect(canRead(ana, patsOwn)).toBe(true);
		expect(canRead(ana, elsewhere)).toBe(false);
		expect(canRead(ben, patsOwn)).toBe(false);
		expect(canRead(ben, ticket(pat, { assignee: 'tech.ben' }))).toBe(true);
		const escalated = add(patsOwn, ana, { kind: 'escalate', level: 2, to: 'tech.ben', reason: 'Knows this model.' });
		expect(canRead(ben, escalated)).toBe(true);
	});

	it('shows a specialist only what is assigned or escalated to them', () => {
		expect(canRead(cruz, patsOwn)).toBe(false);
		expect(canRead(cruz, ticket(pat, { assignee: 'spec.cruz' }))).toBe(true);
		const escalated = add(patsOwn, ana, { kind: 'escalate', level: 2, to: 'spec.cruz', reason: 'Needs a specialist.' });
		expect(canRead(cruz, escalated)).toBe(true);
	});

	it('shows coordinators and administrators every ticket', () => {
		for (const actor of [dee, eve]) for (const t of [patsOwn, forSam, kimsOwn, elsewhere]) expect(canRead(actor, t)).toBe(true);
	});
});

describe('reading profiles and reference documents', () => {
	it('never shows a student to another requester, even in the same building', () => {
		expect(canRead(pat, profile(kim))).toBe(false);
		expect(canRead({ ...sam, kind: 'student' }, profile(kim))).toBe(false);
		expect(canRead(kim, profile(kim))).toBe(true);
	});

	it('shows a staff requester to co-workers in a shared building only', () => {
		expect(canRead(sam, profile(pat))).toBe(true);
		expect(canRead(dana, profile(pat))).toBe(false);
		expect(canRead(kim, profile(pat))).toBe(false);
	});

	it('shows students to staff in their building, and to coordinators', () => {
		expect(canRead(ana, profile(kim))).toBe(true);
		expect(canRead(ben, profile(kim))).toBe(false);
		expect(canRead(dee, profile(kim))).toBe(true);
	});

	it('shows technology staff profiles to everyone', () => {
		for (const actor of [pat, kim, dana, ben]) expect(canRead(actor, profile(ana))).toBe(true);
	});

	it('shows buildings, categories and articles to everyone', () => {
		for (const actor of [kim, pat, ana, cruz]) {
			expect(canRead(actor, building)).toBe(true);
			expect(canRead(actor, category)).toBe(true);
			expect(canRead(actor, article)).toBe(true);
		}
	});
});

describe('requesters writing tickets', () => {
	const resolved = status(status(ticket(pat, { assignee: 'tech.ana' }), ana, 'in-progress'), ana, 'resolved');

	it('lets a requester file a ticket for themselves, or on behalf of a co-worker', () => {
		expect(canWrite(pat, null, ticket(pat), CTX)).toBeNull();
		expect(canWrite(pat, null, ticket(pat, { requester: sam }), CTX)).toBeNull();
	});

	it('refuses a ticket for someone else that is not marked as filed on their behalf', () => {
		expectRefused(canWrite(pat, null, { ...ticket(pat, { requester: sam }), source: 'web' }, CTX), 'not-allowed');
	});

	it('refuses a ticket filed under another name', () => {
		expectRefused(canWrite(pat, null, ticket(sam), CTX), 'wrong-author');
	});

	it('refuses a new ticket that a requester files already assigned or prioritised', () => {
		expectRefused(canWrite(pat, null, ticket(pat, { assignee: 'tech.ana' }), CTX), 'not-allowed');
		const t = ticket(pat);
		const created = t.history[0];
		if (created.kind !== 'created') throw new Error('fixture starts with a created entry');
		const urgent = { ...t, priority: 1 as const, history: [{ ...created, fields: { ...created.fields, priority: 1 as const } }] };
		expectRefused(canWrite(pat, null, urgent, CTX), 'not-allowed');
	});

	it('accepts a ticket filed and noted offline before its first sync, but checks the later entries as updates', () => {
		expect(canWrite(pat, null, add(ticket(pat), pat, { kind: 'note', text: 'Also the toner.' }), CTX)).toBeNull();
		expectRefused(canWrite(pat, null, add(ticket(pat), pat, { kind: 'set', changes: { priority: 1 } }), CTX), 'not-allowed');
	});

	it('refuses a new ticket with two created entries', () => {
		const t = ticket(pat);
		const twice = { ...t, history: [...t.history, { ...t.history[0], id: 'second-created' }] };
		expectRefused(canWrite(pat, null, twice, CTX), 'history-rewritten');
	});

	it('lets a requester add notes and grant remote access to their own ticket', () => {
		const t = ticket(pat);
		expect(canWrite(pat, t, add(t, pat, { kind: 'note', text: 'It is jamming again.' }), CTX)).toBeNull();
		expect(canWrite(pat, t, add(t, pat, { kind: 'remote-permission', granted: true }), CTX)).toBeNull();
	});

	it('refuses priority, category, assignment, room and escalation changes from a requester', () => {
		const t = ticket(pat);
		for (const changes of [{ priority: 1 as const }, { category: 'printer' }, { assignee: 'tech.ana' }, { room: '12' }])
			expectRefused(canWrite(pat, t, add(t, pat, { kind: 'set', changes }), CTX), 'not-allowed');
		const escalated = add(t, pat, { kind: 'escalate', level: 2, to: 'spec.cruz', reason: 'It is urgent.' });
		expectRefused(canWrite(pat, t, escalated, CTX), 'not-allowed');
	});

	it('lets a requester reopen or confirm a resolved ticket, but not resolve or reopen from closed', () => {
		expect(canWrite(pat, resolved, status(resolved, pat, 'in-progress'), CTX)).toBeNull();
		expect(canWrite(pat, resolved, status(resolved, pat, 'closed'), CTX)).toBeNull();
		const open = ticket(pat);
		expectRefused(canWrite(pat, open, status(open, pat, 'resolved'), CTX), 'bad-transition');
		const closed = status(resolved, ana, 'closed');
		expectRefused(canWrite(pat, closed, status(closed, pat, 'in-progress'), CTX), 'bad-transition');
	});

	it('refuses an edited or removed history entry', () => {
		const noted = add(ticket(pat), pat, { kind: 'note', text: 'It is jamming again.' });
		const [created, note] = noted.history;
		if (note.kind !== 'note') throw new Error('fixture has a note');
		expectRefused(canWrite(pat, noted, { ...noted, history: [created, { ...note, text: 'Never mind.' }] }, CTX), 'history-rewritten');
		expectRefused(canWrite(pat, noted, { ...noted, history: [created] }, CTX), 'history-rewritten');
	});

	it('refuses top-level field edits that bypass the history', () => {
		const t = ticket(pat);
		expectRefused(canWrite(pat, t, { ...t, priority: 1 }, CTX), 'fields-out-of-sync');
		expectRefused(canWrite(pat, resolved, { ...resolved, status: 'in-progress' }, CTX), 'fields-out-of-sync');
		expectRefused(canWrite(ana, t, { ...t, assignee: 'tech.ana' }, CTX), 'fields-out-of-sync');
	});

	it('refuses changes to the fields fixed at filing', () => {
		const t = ticket(pat);
		expectRefused(canWrite(pat, t, { ...t, title: 'Something else' }, CTX), 'fixed-field');
		expectRefused(canWrite(pat, t, { ...t, requester: 'sam.ortiz' }, CTX), 'fixed-field');
		expectRefused(canWrite(ana, t, { ...t, contactPhone: '555-0100' }, CTX), 'fixed-field');
	});

	it("refuses an entry written under someone else's name", () => {
		const t = ticket(pat);
		const forged = appendEntries(t, [{ id: id('forged'), at: later(1), by: 'tech.ana', kind: 'note', text: 'Fixed.' }]);
		expectRefused(canWrite(pat, t, forged, CTX), 'wrong-author');
	});

	it("refuses a requester's update to a ticket that is not theirs", () => {
		const t = ticket(sam);
		expectRefused(canWrite(pat, t, add(t, pat, { kind: 'note', text: 'Me too.' }), CTX), 'not-in-scope');
	});

	it('lets only an administrator delete a ticket', () => {
		const t = ticket(pat);
		for (const actor of [pat, ana, dee]) expectRefused(canWrite(actor, t, null, CTX), 'not-allowed');
		expect(canWrite(eve, t, null, CTX)).toBeNull();
	});
});

describe('staff writing tickets', () => {
	const t = ticket(pat);

	it('lets a building technician set priority, category and assignment, and escalate', () => {
		expect(canWrite(ana, t, add(t, ana, { kind: 'set', changes: { priority: 2, category: 'printer', assignee: 'tech.ana' } }), CTX)).toBeNull();
		expect(canWrite(ana, t, add(t, ana, { kind: 'escalate', level: 2, to: 'spec.cruz', reason: 'Fuser unit.' }), CTX)).toBeNull();
	});

	it('refuses a technician an update outside their buildings and queue', () => {
		expectRefused(canWrite(ben, t, add(t, ben, { kind: 'note', text: 'Looking.' }), CTX), 'not-in-scope');
		expectRefused(canWrite(cruz, t, add(t, cruz, { kind: 'note', text: 'Looking.' }), CTX), 'not-in-scope');
	});

	it('checks each status change against the workflow and the current status', () => {
		expect(canWrite(ana, t, status(t, ana, 'in-progress'), CTX)).toBeNull();
		expectRefused(canWrite(ana, t, status(t, ana, 'waiting-vendor'), CTX), 'bad-transition');
		const stale = add(t, ana, { kind: 'status', from: 'assigned', to: 'in-progress' });
		expectRefused(canWrite(ana, t, stale, CTX), 'bad-transition');
		const twoSteps = add(status(status(t, ana, 'in-progress'), ana, 'resolved'), ana, { kind: 'note', text: 'Replaced the fuser.' });
		expect(canWrite(ana, t, twoSteps, CTX)).toBeNull();
	});

	it('refuses a second created entry', () => {
		const created = t.history[0];
		const again = appendEntries(t, [{ ...created, id: id('created'), at: later(1), by: 'tech.ana' }]);
		expectRefused(canWrite(ana, t, again, CTX), 'history-rewritten');
	});

	it('refuses a change of document type', () => {
		expectRefused(canWrite(eve, building, { ...category, _id: 'category:lincoln-es' }, CTX), 'fixed-field');
	});
});

describe('writing buildings, categories, articles and profiles', () => {
	it('lets only administrators change buildings and categories', () => {
		for (const doc of [building, category]) {
			expect(canWrite(eve, doc, { ...doc, name: 'Renamed' }, CTX)).toBeNull();
			expect(canWrite(eve, null, doc, CTX)).toBeNull();
			for (const actor of [pat, ana, cruz, dee]) expectRefused(canWrite(actor, doc, { ...doc, name: 'Renamed' }, CTX), 'not-allowed');
		}
	});

	it('lets coordinators and administrators edit the knowledge base, and no one else', () => {
		for (const actor of [dee, eve]) expect(canWrite(actor, article, { ...article, body: 'Open tray 3.', author: actor.username }, CTX)).toBeNull();
		for (const actor of [pat, kim, ana, cruz]) expectRefused(canWrite(actor, null, article, CTX), 'not-allowed');
	});

	it('lets people change their own phone and email, and nothing else about themselves', () => {
		const own = profile(pat);
		expect(canWrite(pat, own, { ...own, phone: '555-0100', email: 'pat@district.example' }, CTX)).toBeNull();
		expectRefused(canWrite(pat, own, { ...own, role: 'admin' }, CTX), 'not-allowed');
		expectRefused(canWrite(pat, own, { ...own, buildings: ['washington-ms'] }, CTX), 'not-allowed');
	});

	it("refuses changes to other people's profiles except by an administrator", () => {
		const other = profile(sam);
		expectRefused(canWrite(pat, other, { ...other, phone: '555-0100' }, CTX), 'not-allowed');
		expectRefused(canWrite(dee, other, { ...other, phone: '555-0100' }, CTX), 'not-allowed');
		expectRefused(canWrite(pat, null, profile(pat), CTX), 'not-allowed');
		expect(canWrite(eve, other, { ...other, role: 'building-tech' }, CTX)).toBeNull();
	});
});

describe('device scope', () => {
	const closedAt = (t: Ticket, days: number): { t: Ticket; now: Date } => {
		const closed = status(t, ana, 'closed');
		if (!closed.closedAt) throw new Error('fixture is closed');
		return { t: closed, now: new Date(Date.parse(closed.closedAt) + days * 86_400_000) };
	};

	it('keeps tickets closed within the window and drops those closed longer ago', () => {
		const { t, now } = closedAt(ticket(pat), 30);
		expect(inDeviceScope(pat, t, now, 30)).toBe(true);
		expect(inDeviceScope(pat, t, new Date(now.getTime() + 1), 30)).toBe(false);
		expect(inDeviceScope(dee, t, new Date(now.getTime() + 86_400_000), 30)).toBe(false);
	});

	it('keeps open tickets however old they are', () => {
		expect(inDeviceScope(pat, ticket(pat), new Date('2030-01-01T00:00:00Z'), 30)).toBe(true);
	});

	it('never puts an unreadable document on a device', () => {
		expect(inDeviceScope(sam, ticket(pat), new Date(NOW), 30)).toBe(false);
		expect(inDeviceScope(pat, profile(kim), new Date(NOW), 30)).toBe(false);
	});

	it('keeps reference documents on every device', () => {
		expect(inDeviceScope(kim, article, new Date('2030-01-01T00:00:00Z'), 1)).toBe(true);
	});
});

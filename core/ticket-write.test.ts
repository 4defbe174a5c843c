import { describe, expect, it } from 'vitest';
import { type Actor, canWrite, canWriteRevision, type WriteContext } from './access';
import { deletionScope, hearsOfDeletion } from './deletion';
import type { HistoryEntry, KbArticle, Ticket, UserProfile } from './schemas';
import { mayFileForOthers } from './ticket-write';
import { appendEntries, newTicket } from './ticket';

const FILED = '2026-11-20T10:00:00.000Z';
const NOW = new Date('2026-11-20T16:00:00.000Z');
const at = (minutes: number) => new Date(Date.parse(FILED) + minutes * 60_000).toISOString();

const lena: Actor = { username: 'lgarcia', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const alex: Actor = { username: 'alex.kim', role: 'requester', buildings: ['lakeside-hs'], kind: 'student' };
const sam: Actor = { username: 'spatel', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };
const ben: Actor = { username: 'bnguyen', role: 'building-tech', buildings: ['washington-ms'], kind: 'staff' };
const marisol: Actor = { username: 'mrivera', role: 'coordinator', buildings: [], kind: 'staff' };
const dana: Actor = { username: 'admin', role: 'admin', buildings: [], kind: 'staff' };
const people: Record<string, Pick<UserProfile, 'role' | 'active'>> = {
	lgarcia: { role: 'requester', active: true },
	spatel: { role: 'building-tech', active: true },
	bnguyen: { role: 'building-tech', active: true },
	mrivera: { role: 'coordinator', active: true },
	gone: { role: 'specialist', active: false }
};
const ctx: WriteContext = { now: NOW, person: (u) => people[u] };

const filed = (by: Actor = lena, over: Partial<Parameters<typeof newTicket>[0]> = {}): Ticket =>
	newTicket(
		{ number: 'K7M-4QX', requester: by.username, requesterName: 'Lena Garcia', createdBy: by.username, source: 'web', title: 'Projector', description: 'No picture', building: 'lincoln-es', ...over },
		FILED,
		'dev-created'
	);

type NewEntry = HistoryEntry extends infer E ? (E extends unknown ? Omit<E, 'id' | 'by' | 'at'> : never) : never;
let n = 0;
const add = (t: Ticket, by: Actor, when: string, ...entries: NewEntry[]): Ticket =>
	appendEntries(t, entries.map((e) => ({ ...e, id: `dev-${++n}`, by: by.username, at: when }) as HistoryEntry));

const assigned = add(filed(), sam, at(1), { kind: 'set', changes: { assignee: 'spatel' } }, { kind: 'status', from: 'new', to: 'assigned' });

describe('entry times', () => {
	it('refuses an entry dated more than a few minutes after the judge’s clock', () => {
		const future = add(assigned, sam, '2099-01-01T00:00:00.000Z', { kind: 'note', text: 'Done.' });
		expect(canWrite(sam, assigned, future, ctx)?.code).toBe('bad-time');
		const slightlyFast = add(assigned, sam, new Date(NOW.getTime() + 60_000).toISOString(), { kind: 'note', text: 'Swapped the cable.' });
		expect(canWrite(sam, assigned, slightlyFast, ctx)).toBeNull();
	});

	it('refuses an entry dated before the ticket was filed, and accepts offline work that arrives hours late', () => {
		const early = add(assigned, lena, '2000-01-01T00:00:00.000Z', { kind: 'note', text: 'It started in 2000.' });
		expect(canWrite(lena, assigned, early, ctx)?.code).toBe('bad-time');
		const late = add(assigned, sam, at(5), { kind: 'note', text: 'Checked the lamp in the basement room.' });
		expect(canWrite(sam, assigned, late, ctx)).toBeNull();
	});

	it('refuses a new ticket filed long ago, or whose filing time is not its created entry’s', () => {
		const old = { ...filed(), createdAt: '2019-01-01T00:00:00.000Z' };
		expect(canWrite(lena, null, old, ctx)?.code).toBe('bad-time');
		const t = filed();
		const backdated = { ...t, createdAt: '2019-01-01T00:00:00.000Z', history: [{ ...t.history[0], at: '2019-01-01T00:00:00.000Z' }] };
		expect(canWrite(lena, null, backdated, ctx)?.code).toBe('bad-time');
		expect(canWrite(lena, null, filed(), ctx)).toBeNull();
	});
});

describe('rules the forms apply, held by the shared write check', () => {
	it('needs a note to resolve, close, wait or schedule', () => {
		const working = add(assigned, sam, at(2), { kind: 'status', from: 'assigned', to: 'in-progress' });
		const bare = add(working, sam, at(3), { kind: 'status', from: 'in-progress', to: 'resolved' });
		expect(canWrite(sam, working, bare, ctx)?.code).toBe('needs-note');
		const explained = add(working, sam, at(3), { kind: 'status', from: 'in-progress', to: 'waiting-vendor' }, { kind: 'note', text: 'Lamp ordered from the vendor.' });
		expect(canWrite(sam, working, explained, ctx)).toBeNull();
	});

	it('lets an escalation only raise the level, and only to active staff', () => {
		const up = add(assigned, sam, at(2), { kind: 'escalate', level: 2, to: 'mrivera', reason: 'Needs a new lamp.' });
		expect(canWrite(sam, assigned, up, ctx)).toBeNull();
		const same = add(up, sam, at(3), { kind: 'escalate', level: 2, to: null, reason: 'Again.' });
		expect(canWrite(sam, up, same, ctx)?.code).toBe('bad-transition');
		const toRequester = add(assigned, sam, at(2), { kind: 'escalate', level: 2, to: 'lgarcia', reason: 'Her problem.' });
		expect(canWrite(sam, assigned, toRequester, ctx)?.code).toBe('not-staff');
	});

	it('assigns only to active staff who exist', () => {
		for (const who of ['lgarcia', 'gone', 'nobody']) {
			const next = add(assigned, sam, at(2), { kind: 'set', changes: { assignee: who } });
			expect(canWrite(sam, assigned, next, ctx)?.code, who).toBe('not-staff');
		}
		expect(canWrite(sam, null, filed(sam, { assignee: 'gone', requester: 'lgarcia', source: 'phone' }), ctx)?.code).toBe('not-staff');
	});

	it('leaves transcripts to the phone line', () => {
		const next = add(assigned, sam, at(2), { kind: 'transcript', text: 'Hi, this is Lena.' });
		expect(canWrite(sam, assigned, next, ctx)?.code).toBe('not-allowed');
	});

	it('files a student’s ticket for the student only', () => {
		const forTeacher = filed(alex, { requester: 'lgarcia', source: 'on-behalf', building: 'lakeside-hs' });
		expect(canWrite(alex, null, forTeacher, ctx)?.reason).toMatch(/Students file tickets for themselves/);
		expect(canWrite(alex, null, filed(alex, { building: 'lakeside-hs', source: 'on-behalf' }), ctx)?.code).toBe('not-allowed');
		expect(canWrite(alex, null, filed(alex, { building: 'lakeside-hs' }), ctx)).toBeNull();
		expect([mayFileForOthers({ kind: 'student' }), mayFileForOthers({ kind: 'staff' })]).toEqual([false, true]);
	});

	it('files a ticket as new or assigned at level 1', () => {
		const t = filed(sam, { requester: 'lgarcia', source: 'phone' });
		const created = t.history[0] as Extract<HistoryEntry, { kind: 'created' }>;
		const resolved = { ...t, status: 'resolved' as const, history: [{ ...created, fields: { ...created.fields, status: 'resolved' as const } }] };
		expect(canWrite(sam, null, resolved, ctx)?.code).toBe('bad-transition');
	});

	it('saves a help article under the name of whoever saves it', () => {
		const article: KbArticle = { _id: 'kb:wifi', type: 'kb', kind: 'faq', title: 'Wi-Fi', body: 'Join Lakeside-Staff.', tags: [], updatedAt: NOW.toISOString(), author: 'admin' };
		expect(canWrite(marisol, null, article, ctx)?.code).toBe('wrong-author');
		expect(canWrite(marisol, null, { ...article, author: 'mrivera' }, ctx)).toBeNull();
	});
});

describe('a branch from an older revision', () => {
	const profile = (role: UserProfile['role'], phone?: string): UserProfile => ({
		_id: 'user:pshah', _rev: role === 'specialist' ? '1-a' : '2-b', type: 'user', username: 'pshah', name: 'Priya Shah', role, kind: 'staff', buildings: [], active: true, ...(phone ? { phone } : {})
	});

	it('cannot give a demoted person their old role back', () => {
		const priya: Actor = { username: 'pshah', role: 'requester', buildings: [], kind: 'staff' };
		const branch = { ...profile('specialist', '555-0199'), _rev: '2-ffff' };
		expect(canWrite(priya, profile('specialist'), branch, ctx)).toBeNull();
		expect(canWriteRevision(priya, profile('specialist'), profile('requester'), branch, ctx)?.code).toBe('not-allowed');
	});

	it('cannot replace recorded entries by reusing their ids', () => {
		const resolved = add(assigned, sam, at(3), { kind: 'status', from: 'assigned', to: 'resolved' }, { kind: 'note', text: 'Replaced the lamp.' });
		const taken = resolved.history.filter((e) => !assigned.history.some((a) => a.id === e.id)).map((e) => e.id);
		const forged = appendEntries(assigned, taken.map((id) => ({ id, at: at(4), by: 'lgarcia', kind: 'note', text: 'Nothing happened.' }) as HistoryEntry));
		expect(canWrite(lena, assigned, forged, ctx)).toBeNull();
		expect(canWriteRevision(lena, assigned, resolved, forged, ctx)?.code).toBe('history-rewritten');
	});

	it('cannot bring back a ticket to a technician who was moved off it', () => {
		const moved = add(assigned, marisol, at(3), { kind: 'set', changes: { building: 'washington-ms', assignee: 'bnguyen' } });
		const back = add(assigned, sam, at(4), { kind: 'set', changes: { building: 'lincoln-es', assignee: 'spatel' } });
		expect(canWrite(sam, assigned, back, ctx)).toBeNull();
		expect(canWriteRevision(sam, assigned, moved, back, ctx)?.code).toBe('not-in-scope');
		const note = add(assigned, ben, at(4), { kind: 'note', text: 'On my way.' });
		expect(canWriteRevision(ben, moved, moved, add(moved, ben, at(4), { kind: 'note', text: 'On my way.' }), ctx)).toBeNull();
		expect(canWrite(ben, assigned, note, ctx)?.code).toBe('not-in-scope');
	});

	it('cannot reopen a closed ticket, or lower its level, through a branch from before', () => {
		const resolved = add(assigned, sam, at(3), { kind: 'status', from: 'assigned', to: 'resolved' }, { kind: 'note', text: 'Replaced the lamp.' });
		const closed = add(resolved, lena, at(4), { kind: 'status', from: 'resolved', to: 'closed' });
		const reopened = add(resolved, lena, at(5), { kind: 'status', from: 'resolved', to: 'in-progress' });
		expect(canWrite(lena, resolved, reopened, ctx)).toBeNull();
		expect(canWriteRevision(lena, resolved, closed, reopened, ctx)?.code).toBe('bad-transition');
		const level3 = add(assigned, marisol, at(3), { kind: 'escalate', level: 3, to: 'mrivera', reason: 'Vendor firmware.' });
		const level2 = add(assigned, sam, at(4), { kind: 'escalate', level: 2, to: 'mrivera', reason: 'Needs a lamp.' });
		expect(canWriteRevision(sam, assigned, level3, level2, ctx)?.code).toBe('bad-transition');
	});

	it('joins concurrent work of people who still have the ticket', () => {
		const coordNote = add(assigned, marisol, at(3), { kind: 'note', text: 'Called the vendor.' });
		const techWork = add(assigned, sam, at(2), { kind: 'status', from: 'assigned', to: 'in-progress' }, { kind: 'note', text: 'Reseated the cable.' });
		expect(canWriteRevision(sam, assigned, coordNote, techWork, ctx)).toBeNull();
		const otherStarted = add(assigned, marisol, at(3), { kind: 'status', from: 'assigned', to: 'in-progress' });
		expect(canWriteRevision(sam, assigned, otherStarted, techWork, ctx)).toBeNull();
	});
});

describe('who hears of a deletion', () => {
	const t = add(assigned, marisol, at(3), { kind: 'set', changes: { building: 'washington-ms', assignee: 'bnguyen' } });
	const scope = deletionScope(t);

	it('keeps who and where, never the content', () => {
		expect(JSON.stringify(scope)).not.toMatch(/Projector|No picture/);
		expect(scope).toMatchObject({ type: 'ticket', requester: 'lgarcia', buildings: expect.arrayContaining(['lincoln-es', 'washington-ms']) });
	});

	it('tells everyone who could have held it, and no one else', () => {
		for (const actor of [lena, sam, ben, marisol, dana]) expect(hearsOfDeletion(actor, scope, NOW, 30, []), actor.username).toBe(true);
		expect(hearsOfDeletion(alex, scope, NOW, 30, [])).toBe(false);
		const other: Actor = { username: 'other', role: 'building-tech', buildings: ['lakeside-hs'], kind: 'staff' };
		expect(hearsOfDeletion(other, scope, NOW, 30, [])).toBe(false);
		expect(hearsOfDeletion(other, scope, NOW, 30, ['lincoln-es'])).toBe(true);
	});

	it('tells nobody of a ticket closed long before, which no device still holds', () => {
		const closedLongAgo = { ...scope, closedAt: '2026-01-01T00:00:00.000Z' };
		expect(hearsOfDeletion(lena, closedLongAgo, NOW, 30, [])).toBe(false);
	});
});

describe('tickets from the phone', () => {
	const phone = (over: Partial<Parameters<typeof newTicket>[0]> = {}) => filed(sam, { source: 'phone', requester: 'lgarcia', ...over });
	const filedNow = (t: Ticket): Ticket => ({ ...t, createdAt: FILED });

	it('refuses a voicemail ticket from any device, even an administrator’s: the phone line files them', () => {
		for (const actor of [sam, marisol, dana]) {
			const t = filed(actor, { source: 'voicemail', requester: 'lgarcia' });
			expect(canWrite(actor, null, t, ctx)).toEqual({ code: 'not-allowed', reason: 'Voicemail tickets come from the phone line.' });
		}
		expect(canWrite(sam, null, phone(), ctx)).toBeNull();
	});

	it('accepts a call resolved on the line with what fixed it and the call’s minutes, as the form saves it', () => {
		const t = appendEntries(filedNow(phone()), [
			{ id: 'dev-created-s', at: FILED, by: 'spatel', kind: 'status', from: 'new', to: 'resolved' },
			{ id: 'dev-created-z', at: FILED, by: 'spatel', kind: 'note', text: 'Reset the password.', interaction: { type: 'phone-call', minutes: 6 } }
		]);
		expect(canWrite(sam, null, t, ctx)).toBeNull();
	});

	it('refuses a call filed already resolved without the call recorded, or with a one-word fix', () => {
		const noCall = appendEntries(filedNow(phone()), [
			{ id: 'dev-created-s', at: FILED, by: 'spatel', kind: 'status', from: 'new', to: 'resolved' },
			{ id: 'dev-created-z', at: FILED, by: 'spatel', kind: 'note', text: 'Reset the password.' }
		]);
		expect(canWrite(sam, null, noCall, ctx)).toEqual({
			code: 'needs-note',
			reason: 'A call resolved while the caller was on the line records the call: say what fixed it and how many minutes the call took.'
		});
		const oneWord = appendEntries(filedNow(phone()), [
			{ id: 'dev-created-s', at: FILED, by: 'spatel', kind: 'status', from: 'new', to: 'resolved' },
			{ id: 'dev-created-z', at: FILED, by: 'spatel', kind: 'note', text: ' fixed ', interaction: { type: 'phone-call', minutes: 3 } }
		]);
		expect(canWrite(sam, null, oneWord, ctx)).toEqual({
			code: 'needs-note',
			reason: 'Say what fixed it in at least 2 words, so the next person with this problem can use it.'
		});
	});
});

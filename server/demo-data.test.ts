import { describe, expect, it } from 'vitest';
import { type Actor, canWrite } from '../core/access';
import {
	type Building,
	type Category,
	ROLES,
	ReplicatedDoc,
	SOURCES,
	STATUSES,
	type Ticket,
	type UserProfile
} from '../core/schemas';
import { findSecrets } from '../core/secrets';
import { compareEntries, foldHistory, withFoldedFields } from '../core/ticket';
import { deviceCode, ticketNumber } from '../core/ticket-number';
import { canTransition } from '../core/workflow';
import { Temporal } from 'temporal-polyfill';
import { CalendarDoc } from '../core/sla/calendar';
import { SlaPolicyDoc, SlaSettingsDoc } from '../core/sla/policy';
import { dialTarget, toE164 } from '../core/telephony/dial-targets';
import { PhoneLineDoc } from '../core/telephony/docs';
import { DEMO_PASSWORD, buildDemoDistrict } from './demo-data';

const NOW = new Date('2025-03-12T15:30:00.000Z');
const DAY = 86_400_000;

function split(now: Date, seed: number) {
	const district = buildDemoDistrict(now, seed);
	const of = <T extends ReplicatedDoc>(type: T['type']) => district.docs.filter((d): d is T => d.type === type);
	const users = of<UserProfile>('user');
	return {
		district,
		buildings: of<Building>('building'),
		categories: of<Category>('category'),
		users,
		tickets: of<Ticket>('ticket'),
		profile: new Map(users.map((u) => [u.username, u]))
	};
}

describe.each([
	['2025-03-12T15:30:00.000Z', 42],
	['2024-10-06T03:10:00.000Z', 7]
])('the demo district built at %s with seed %i', (at, seed) => {
	const now = new Date(at);
	const { district, buildings, categories, users, tickets, profile } = split(now, seed);
	const actor = (username: string): Actor => {
		const p = profile.get(username);
		if (!p) throw new Error(`no profile for ${username}`);
		return { username: p.username, role: p.role, buildings: p.buildings, kind: p.kind };
	};

	it('has documents that all parse as replicated documents, unchanged', () => {
		for (const doc of district.docs) expect(ReplicatedDoc.parse(doc)).toEqual(doc);
		expect(new Set(district.docs.map((d) => d._id)).size).toBe(district.docs.length);
	});

	it('has fifteen schools and one district office', () => {
		expect(buildings).toHaveLength(16);
		expect(buildings.filter((b) => b.kind === 'school')).toHaveLength(15);
		expect(buildings.filter((b) => b.kind === 'office')).toHaveLength(1);
	});

	it('gives every school a building technician whose profile covers it', () => {
		for (const school of buildings.filter((b) => b.kind === 'school')) {
			const tech = profile.get(school.technician ?? '');
			expect(tech?.role, school.code).toBe('building-tech');
			expect(tech?.buildings).toContain(school.code);
		}
		const techs = users.filter((u) => u.role === 'building-tech');
		expect(techs.some((t) => t.buildings.length === 2)).toBe(true);
	});

	it('has the categories of procedure 004, with descriptions', () => {
		expect(categories.map((c) => c.code).sort()).toEqual(
			['acquisition', 'break-fix', 'inventory', 'process-related', 'scheduled-maintenance', 'security-access', 'training'].sort()
		);
		for (const c of categories) expect(c.description.length).toBeGreaterThan(40);
	});

	it('has people of every role, about 120 of them, with contact details on fictional numbers and domains', () => {
		expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
		expect(users.length).toBeGreaterThanOrEqual(110);
		expect(users.length).toBeLessThanOrEqual(135);
		expect(users.filter((u) => u.role === 'specialist')).toHaveLength(3);
		expect(users.filter((u) => u.role === 'coordinator')).toHaveLength(2);
		expect(users.filter((u) => u.role === 'admin')).toHaveLength(1);
		expect(users.filter((u) => u.kind === 'student').length).toBeGreaterThan(0);
		for (const u of users) expect(u.email).toMatch(/\.example$/);
		for (const u of users.filter((u) => ['building-tech', 'specialist', 'coordinator'].includes(u.role))) expect(u.extension).toMatch(/^\d{4}$/);
		for (const u of users.filter((u) => u.role !== 'requester' || u.kind === 'staff')) expect(u.phone).toMatch(/^(303|720|719|970)-555-01\d\d$/);
	});

	it('gives people and buildings unique valid numbers in 555-0100..0199, so the phone line can match callers', () => {
		const numbers = [...users.flatMap((u) => (u.phone ? [u.phone] : [])), ...buildings.flatMap((b) => (b.phone ? [b.phone] : []))];
		expect(numbers.length).toBeGreaterThan(130);
		const e164 = numbers.map((n) => toE164(n));
		for (const [i, n] of e164.entries()) expect(n, numbers[i]).toMatch(/^\+1(303|720|719|970)55501\d\d$/);
		expect(new Set(e164).size).toBe(numbers.length);
		const extensions = users.flatMap((u) => (u.extension ? [u.extension] : []));
		expect(new Set(extensions).size).toBe(extensions.length);
	});

	it('has the phone line ringing both coordinators for the help desk, and them and the network specialist on call, each on a mobile', () => {
		const line = district.docs.find((d): d is PhoneLineDoc => d.type === 'phone-line');
		expect(line && PhoneLineDoc.parse(line)).toEqual(line);
		expect(line?.helpdesk).toEqual(['mrivera', 'tokafor']);
		expect(line?.onCall).toEqual(['mrivera', 'tokafor', 'jchen']);
		for (const name of line?.onCall ?? []) expect(dialTarget(profile.get(name)?.phone)?.kind, name).toBe('number');
		expect(profile.get('jchen')?.role).toBe('specialist');
		expect(buildings.map((b) => b.code)).toContain(line?.defaultBuilding);
		expect(line && canWrite(actor('admin'), null, line, { now, person: (u) => profile.get(u) })).toBeNull();
	});

	it('has an account with the demo password for every person, and README notes on one account per role', () => {
		expect(district.accounts.map((a) => a.username).sort()).toEqual(users.map((u) => u.username).sort());
		for (const a of district.accounts) {
			expect(a.password).toBe(DEMO_PASSWORD);
			expect(a.role).toBe(profile.get(a.username)?.role);
		}
		const noted = district.accounts.filter((a) => a.note !== '');
		expect(new Set(noted.map((a) => a.role))).toEqual(new Set(ROLES));
		expect(noted.map((a) => profile.get(a.username)?.kind).filter((k) => k === 'student')).toHaveLength(1);
		expect(noted.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'mrivera']));
	});

	it('has 300 ± 50 tickets covering every status, source and priority, including uncategorized new ones', () => {
		expect(tickets.length).toBeGreaterThanOrEqual(250);
		expect(tickets.length).toBeLessThanOrEqual(350);
		expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(STATUSES));
		expect(new Set(tickets.map((t) => t.source))).toEqual(new Set(SOURCES));
		expect(new Set(tickets.map((t) => t.priority))).toEqual(new Set([1, 2, 3, 4, null]));
		expect(tickets.some((t) => t.status === 'new' && t.category === null && t.priority === null)).toBe(true);
		const codes = new Set(categories.map((c) => c.code));
		for (const t of tickets) if (t.category !== null) expect(codes.has(t.category)).toBe(true);
	});

	it('numbers tickets in filing order from the server’s own device code', () => {
		tickets.forEach((t, i) => expect(t.number).toBe(ticketNumber(deviceCode(0), i)));
		for (let i = 1; i < tickets.length; i++) expect(tickets[i].createdAt >= tickets[i - 1].createdAt).toBe(true);
	});

	it('spreads tickets over about the last 90 days and keeps every entry before now', () => {
		for (const t of tickets) {
			expect(Date.parse(t.createdAt)).toBeGreaterThan(now.getTime() - 95 * DAY);
			for (const e of t.history) expect(Date.parse(e.at)).toBeLessThan(now.getTime());
		}
	});

	it('keeps every ticket’s top-level fields equal to the fold of its history', () => {
		for (const t of tickets) {
			const folded = foldHistory(t.history);
			for (const [key, value] of Object.entries(folded)) expect(t[key as keyof Ticket], `${t.number} ${key}`).toEqual(value);
		}
	});

	it('starts every history with its created entry, in time order, with unique entry ids', () => {
		const ids = new Set<string>();
		for (const t of tickets) {
			expect(t.history[0].kind).toBe('created');
			expect(t.history.filter((e) => e.kind === 'created')).toHaveLength(1);
			expect([...t.history].sort(compareEntries)).toEqual(t.history);
			for (const e of t.history) {
				expect(ids.has(e.id), e.id).toBe(false);
				ids.add(e.id);
			}
		}
	});

	it('moves every ticket only along the workflow, from the status it is in', () => {
		for (const t of tickets) {
			let status = foldHistory(t.history.slice(0, 1)).status;
			for (const e of t.history) {
				if (e.kind !== 'status') continue;
				expect(e.from, `${t.number} ${e.id}`).toBe(status);
				expect(canTransition(e.from, e.to), `${t.number} ${e.from}->${e.to}`).toBe(true);
				status = e.to;
			}
		}
	});

	it('could have written every entry through the access rules, under its author’s name', () => {
		// Entries one person made at one moment were one save, judged at that moment against the directory.
		const person = (u: string) => profile.get(u);
		for (const t of tickets) {
			let before: Ticket | null = null;
			t.history.forEach((entry, k) => {
				const following = t.history[k + 1];
				if (following && following.by === entry.by && following.at === entry.at) return;
				const after = withFoldedFields({ ...t, history: t.history.slice(0, k + 1) });
				const ctx = { now: new Date(entry.at), person };
				// "system" is the server's own auto-assignment to the building technician (core/assignment).
				if (entry.by !== 'system') expect(canWrite(actor(entry.by), before, after, ctx), `${t.number} ${entry.id}`).toBeNull();
				before = after;
			});
		}
	});

	it('has tickets filed by the requester, by staff for calls, by the phone line for voicemail, or by a co-worker of the same building', () => {
		for (const t of tickets) {
			const creator = profile.get(t.createdBy);
			if (t.source === 'voicemail') expect(t.createdBy).toBe('system');
			else if (t.source === 'phone') expect(creator?.role).not.toBe('requester');
			else if (t.source === 'on-behalf') {
				expect(t.createdBy).not.toBe(t.requester);
				expect(creator?.buildings).toContain(t.building);
			} else expect(t.createdBy).toBe(t.requester);
		}
		for (const t of tickets.filter((t) => t.source === 'voicemail')) expect(t.history.some((e) => e.kind === 'transcript')).toBe(true);
	});

	it('escalates to a specialist at level 2 with a reason, and the owner keeps the ticket', () => {
		const escalated = tickets.filter((t) => t.history.some((e) => e.kind === 'escalate'));
		expect(escalated.length).toBeGreaterThan(5);
		for (const t of escalated) {
			const at = t.history.findIndex((e) => e.kind === 'escalate');
			const escalation = t.history[at];
			expect(escalation.kind === 'escalate' && escalation.reason.length).toBeGreaterThan(20);
			expect(t.level).toBe(2);
			expect(profile.get(t.escalatedTo ?? '')?.role).toBe('specialist');
			expect(t.assignee).not.toBe(t.escalatedTo);
			expect(foldHistory(t.history.slice(0, at)).assignee).toBe(t.assignee);
		}
	});

	it('records desk visits with their time, and remote work only after permission', () => {
		const notes = tickets.flatMap((t) => t.history.filter((e) => e.kind === 'note'));
		expect(notes.some((n) => n.kind === 'note' && n.interaction?.type === 'desk-visit' && n.interaction.minutes > 0)).toBe(true);
		for (const t of tickets) {
			t.history.forEach((e, i) => {
				if (e.kind !== 'note' || e.interaction?.type !== 'remote') return;
				expect(t.history.slice(0, i).some((p) => p.kind === 'remote-permission' && p.granted), t.number).toBe(true);
			});
		}
	});

	it('has closed tickets from the last 30 days and from longer ago', () => {
		const ages = tickets.filter((t) => t.closedAt).map((t) => (now.getTime() - Date.parse(t.closedAt ?? '')) / DAY);
		expect(ages.some((a) => a <= 30)).toBe(true);
		expect(ages.some((a) => a > 30)).toBe(true);
	});

	it('never puts a password or other secret in a ticket’s text', () => {
		for (const t of tickets) {
			const texts = [t.title, t.description, ...t.history.map((e) => ('text' in e ? e.text : 'reason' in e ? e.reason : ''))];
			for (const text of texts) expect(findSecrets(text), text).toEqual([]);
		}
	});

	it('has help articles and FAQs, signed by a coordinator, with no secret in them', () => {
		const kb = district.docs.filter((d) => d.type === 'kb');
		expect(new Set(kb.map((a) => a.kind))).toEqual(new Set(['article', 'faq']));
		for (const article of kb) {
			expect(profile.get(article.author)?.role).toBe('coordinator');
			expect(findSecrets(`${article.title}\n${article.body}`), article._id).toEqual([]);
		}
	});
});

describe('building the demo district', () => {
	it('gives the same district for the same seed and time', () => {
		expect(buildDemoDistrict(NOW, 42)).toEqual(buildDemoDistrict(NOW, 42));
		expect(buildDemoDistrict(NOW)).toEqual(buildDemoDistrict(NOW, 42));
	});

	it('gives different tickets for another seed but the same people and logins', () => {
		const a = buildDemoDistrict(NOW, 1);
		const b = buildDemoDistrict(NOW, 2);
		expect(a.accounts).toEqual(b.accounts);
		const tickets = (d: typeof a) => d.docs.filter((x) => x.type === 'ticket');
		expect(tickets(a)).not.toEqual(tickets(b));
	});
});

describe('the demo district on its calendar (America/Denver, weekdays 07:00 to 15:30)', () => {
	// Built on Dec 15, 2026: the last 90 days cross the end of DST (Nov 1) and Thanksgiving (closed Nov 26 and 27).
	const now = new Date('2026-12-15T18:00:00Z');
	const district = buildDemoDistrict(now);
	const denver = (iso: string) => Temporal.Instant.from(iso).toZonedDateTimeISO('America/Denver');

	it('has the district calendar with the District Closed days of the file as closures', () => {
		const calendar = CalendarDoc.parse(district.docs.find((d) => d._id === 'calendar:district'));
		expect(calendar.timeZone).toBe('America/Denver');
		expect(calendar.hours.mon).toEqual([{ start: '07:00', end: '15:30' }]);
		expect(calendar.hours.sat).toEqual([]);
		expect(calendar.closures.map((c) => `${c.start}/${c.end}`)).toEqual([
			'2026-09-07/2026-09-08', '2026-11-26/2026-11-28', '2026-12-23T12:00:00-07:00/2026-12-23T17:00:00-07:00', '2026-12-24/2027-01-02',
			'2027-01-18/2027-01-19', '2027-02-15/2027-02-16', '2027-05-31/2027-06-01', '2027-06-11/2027-06-12', '2027-06-18/2027-06-19',
			'2027-07-02/2027-07-03', '2027-07-05/2027-07-06', '2027-07-09/2027-07-10', '2027-07-16/2027-07-17', '2027-07-23/2027-07-24', '2027-07-30/2027-07-31'
		]);
		expect(new Set(calendar.closures.map((c) => c.source))).toEqual(new Set(['ical']));
	});

	it('installs the four procedures as policies, with TS-PE-004 active', () => {
		const policies = district.docs.filter((d) => d.type === 'sla-policy').map((d) => SlaPolicyDoc.parse(d).id);
		expect(policies.sort()).toEqual(['milford-000', 'park-city-003', 'ts-pe-004', 'wilson-001']);
		expect(SlaSettingsDoc.parse(district.docs.find((d) => d._id === 'sla-settings:district')).activePolicy).toBe('ts-pe-004');
	});

	it('files tickets in office hours, Denver time, on both sides of the DST change, never on a closed day', () => {
		// Tickets filed "a few hours ago" keep their time of day, evenings included: people file from home too.
		const filed = district.docs.filter((d): d is Ticket => d.type === 'ticket').map((t) => denver(t.createdAt));
		const minutes = (z: Temporal.ZonedDateTime) => z.hour * 60 + z.minute;
		const inHours = filed.filter((z) => z.dayOfWeek <= 5 && minutes(z) >= 7 * 60 && minutes(z) < 15 * 60 + 30);
		expect(inHours.length / filed.length).toBeGreaterThan(0.9);
		for (const z of filed) expect(['2026-11-26', '2026-11-27'], z.toString()).not.toContain(z.toPlainDate().toString());
		expect(inHours.some((z) => z.offset === '-06:00')).toBe(true);
		expect(inHours.some((z) => z.offset === '-07:00')).toBe(true);
	});
});

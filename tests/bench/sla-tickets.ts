/**
 * Tickets for the SLA benchmark: deterministic, with the histories real tickets have (assignment by the system,
 * notes by the requester and by staff, a category set later, pauses, resolution, a reopen, closing), every time on a
 * whole minute and none after the benchmark's `now`.
 */
import { seededRandom } from '../../core/random';
import type { HistoryEntry, Priority, Status, Ticket, TicketFields } from '../../core/schemas';
import type { BusinessCalendar, Closure } from '../../core/sla/calendar';
import { foldHistory } from '../../core/ticket';
import { deviceCode, ticketNumber } from '../../core/ticket-number';

const MIN = 60_000;

/** The benchmark's `now`: Wednesday 13 January 2027, 10:17 in Denver. */
export const BENCH_NOW = Date.parse('2027-01-13T10:17:00-07:00');
/** Tickets are filed from Thursday 29 October 2026 (before the fall DST change) until `now`. */
export const BENCH_FROM = Date.parse('2026-10-29T00:00:00-06:00');

const weekday = [{ start: '07:00', end: '15:30' }];
const allDay = (id: string, start: string, end: string): Closure => ({ id, summary: id, allDay: true, start, end, source: 'manual' });
const partDay = (id: string, start: string, end: string): Closure => ({ id, summary: id, allDay: false, start, end, source: 'manual' });

/** The demo calendar's hours (America/Denver, Monday to Friday 07:00-15:30) with a school year's closures. */
export const BENCH_CALENDAR: BusinessCalendar = {
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: [
		allDay('veterans-day', '2026-11-11', '2026-11-12'),
		allDay('thanksgiving', '2026-11-25', '2026-11-28'),
		partDay('in-service-late-start', '2026-12-02T07:00:00-07:00', '2026-12-02T10:00:00-07:00'),
		partDay('early-release', '2026-12-18T12:00:00-07:00', '2026-12-18T15:30:00-07:00'),
		allDay('winter-break', '2026-12-21', '2027-01-04'),
		allDay('mlk-day', '2027-01-18', '2027-01-19')
	]
};

export const BENCH_STAFF: ReadonlySet<string> = new Set(['coord', 'system', ...Array.from({ length: 20 }, (_, i) => `tech-${i + 1}`)]);

const CATEGORIES = ['break-fix', 'break-fix', 'break-fix', 'security-access', 'acquisition', 'inventory', 'training', 'network'];
const PAUSES: Status[] = ['waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled'];

/** The i-th benchmark ticket. */
export function slaBenchTicket(i: number): Ticket {
	const random = seededRandom(i * 7919 + 17);
	const chance = (p: number) => random() < p;
	const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const requester = `req-${between(1, 800)}`;
	const tech = `tech-${between(1, 20)}`;
	const span = (BENCH_NOW - BENCH_FROM) / MIN;
	// Most tickets are filed during the school day (07:00-16:00 at -07:00 is 14:00-23:00 UTC).
	let filedAt = BENCH_FROM + between(0, span - 1) * MIN;
	for (let tries = 0; tries < 6 && chance(0.8) && !(new Date(filedAt).getUTCHours() >= 14 && new Date(filedAt).getUTCHours() < 23); tries++) {
		filedAt = BENCH_FROM + between(0, span - 1) * MIN;
	}
	const priority: Priority | null = chance(0.1) ? null : (between(1, 4) as Priority);
	const category = chance(0.25) ? null : pick(CATEGORIES);
	const fields: TicketFields = { status: 'new', priority, category, building: 'north', room: '114', assignee: null, level: 1, escalatedTo: null, dueDate: null };
	const number = ticketNumber(deviceCode(100 + Math.floor(i / 10_000)), i % 10_000);
	const history: HistoryEntry[] = [{ id: `${number}-0`, at: new Date(filedAt).toISOString(), by: requester, kind: 'created', fields }];
	let t = filedAt;
	let status = 'new' as Status;
	/** Appends an entry `gap` minutes after the last one, unless that is after `now`. */
	const add = (gap: number, entry: (at: string, id: string) => HistoryEntry): boolean => {
		if (t + gap * MIN > BENCH_NOW) return false;
		t += gap * MIN;
		history.push(entry(new Date(t).toISOString(), `${number}-${history.length}`));
		return true;
	};
	const move = (gap: number, to: Status, by: string) => add(gap, (at, id) => ({ id, at, by, kind: 'status', from: status, to })) && ((status = to), true);
	const noteBy = (gap: number, by: string) => add(gap, (at, id) => ({ id, at, by, kind: 'note', text: 'Checked the cable and the input.' }));

	if (chance(0.3)) noteBy(between(1, 30), requester);
	if (chance(0.7)) move(between(0, 2), 'assigned', 'system');
	if (category === null && chance(0.75)) add(between(5, 1440), (at, id) => ({ id, at, by: 'coord', kind: 'set', changes: { category: pick(CATEGORIES) } }));
	if (chance(0.85)) noteBy(between(10, 2880), tech);
	if (chance(0.7)) move(between(0, 60), 'in-progress', tech);
	for (let pause = 0; pause < 2 && chance(pause === 0 ? 0.45 : 0.3); pause++) {
		if (!move(between(30, 1440), pick(PAUSES), tech)) break;
		if (chance(0.5)) noteBy(between(10, 600), requester);
		move(between(60, 4320), 'in-progress', tech);
	}
	if (chance(0.1)) add(between(5, 600), (at, id) => ({ id, at, by: 'coord', kind: 'set', changes: { priority: between(1, 4) as Priority } }));
	if (chance(0.65) && move(between(60, 4320), 'resolved', tech)) {
		if (chance(0.12) && move(between(60, 2880), 'in-progress', requester)) {
			noteBy(between(1, 30), requester);
			if (chance(0.7)) move(between(60, 2880), 'resolved', tech);
		}
		if (status === 'resolved' && chance(0.4)) move(between(2880, 7200), 'closed', 'system');
	}
	const createdAt = new Date(filedAt).toISOString();
	const ticket: Ticket = {
		_id: `ticket:${number}`,
		type: 'ticket',
		number,
		createdAt,
		createdBy: requester,
		requester,
		requesterName: 'Bench Requester',
		contactPhone: '',
		contactEmail: '',
		source: 'web',
		title: 'Projector in room 114 will not turn on',
		description: 'The lamp light blinks orange and nothing shows on the screen.',
		...fields,
		closedAt: null,
		history
	};
	return { ...ticket, ...foldHistory(history) };
}

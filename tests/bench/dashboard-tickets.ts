/**
 * Open tickets for the dashboard benchmark: deterministic, every one still open at `now`, with the histories open
 * tickets have (assignment by the system, a category set later, a technician's first note, work started, a pause),
 * spread over 15 buildings and 20 technicians, filed over the last 8 weeks with most of them recent. No time is after
 * `now`, so on the demo calendar they fall on track, at risk and breached in realistic shares.
 */
import { seededRandom } from '../../core/random';
import type { HistoryEntry, Priority, Status, Ticket, TicketFields } from '../../core/schemas';
import { foldHistory } from '../../core/ticket';
import { deviceCode, ticketNumber } from '../../core/ticket-number';

const MIN = 60_000;
const DAY = 1440 * MIN;

/** The benchmark district: building codes and technicians (tech-1 … tech-20). */
export const DASHBOARD_BUILDINGS = Array.from({ length: 15 }, (_, i) => `school-${i + 1}`);
export const DASHBOARD_TECHS = Array.from({ length: 20 }, (_, i) => `tech-${i + 1}`);

const TITLES = [
	'Projector in room 114 will not turn on',
	'Document camera shows a black image',
	'Classroom printer jams on every second page',
	'Chromebook cart does not charge overnight',
	'Interactive display does not respond to touch',
	'Wireless drops in the library after lunch',
	'Teacher laptop will not wake from sleep',
	'Phone in the front office has no dial tone'
];
const CATEGORIES = ['break-fix', 'break-fix', 'break-fix', 'security-access', 'acquisition', 'inventory', 'training', 'network'];
const PAUSES: Status[] = ['waiting-requester', 'waiting-vendor', 'waiting-district', 'scheduled'];

/** The i-th open benchmark ticket at `now` (epoch ms, a whole minute). */
export function openBenchTicket(i: number, now: number): Ticket {
	const random = seededRandom(i * 6271 + 29);
	const chance = (p: number) => random() < p;
	const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const requester = `req-${between(1, 800)}`;
	const b = between(0, DASHBOARD_BUILDINGS.length - 1);
	// Most open tickets are days old; a tail goes back eight weeks.
	const maxAge = chance(0.45) ? 3 * DAY : chance(0.6) ? 14 * DAY : 56 * DAY;
	let filedAt = now - between(1, maxAge / MIN) * MIN;
	// Most tickets are filed during the school day (07:00-16:00 at -07:00 is 14:00-23:00 UTC).
	for (let tries = 0; tries < 6 && chance(0.8) && !(new Date(filedAt).getUTCHours() >= 14 && new Date(filedAt).getUTCHours() < 23); tries++) {
		filedAt = now - between(1, maxAge / MIN) * MIN;
	}
	const priority: Priority | null = chance(0.1) ? null : (pick([1, 2, 2, 3, 3, 3, 4, 4]) as Priority);
	const category = chance(0.3) ? null : pick(CATEGORIES);
	const fields: TicketFields = { status: 'new', priority, category, building: DASHBOARD_BUILDINGS[b], room: '114', assignee: null, level: 1, escalatedTo: null, dueDate: null };
	const number = ticketNumber(deviceCode(300 + Math.floor(i / 10_000)), i % 10_000);
	const history: HistoryEntry[] = [{ id: `${number}-0`, at: new Date(filedAt).toISOString(), by: requester, kind: 'created', fields }];
	let t = filedAt;
	let status = 'new' as Status;
	/** Appends an entry `gap` minutes after the last one, unless that is after `now`. */
	const add = (gap: number, entry: (at: string, id: string) => HistoryEntry): boolean => {
		if (t + gap * MIN > now) return false;
		t += gap * MIN;
		history.push(entry(new Date(t).toISOString(), `${number}-${history.length}`));
		return true;
	};
	const move = (gap: number, to: Status, by: string) => add(gap, (at, id) => ({ id, at, by, kind: 'status', from: status, to })) && ((status = to), true);
	// Each building has a technician; a few tickets go to another one.
	const tech = chance(0.85) ? DASHBOARD_TECHS[b % DASHBOARD_TECHS.length] : pick(DASHBOARD_TECHS);

	if (chance(0.9)) add(between(0, 2), (at, id) => ({ id, at, by: 'system', kind: 'set', changes: { assignee: tech } })) && move(0, 'assigned', 'system');
	if (category === null && chance(0.7)) add(between(5, 600), (at, id) => ({ id, at, by: 'coord', kind: 'set', changes: { category: pick(CATEGORIES) } }));
	if (status === 'assigned' && chance(0.75)) {
		add(between(10, 2880), (at, id) => ({ id, at, by: tech, kind: 'note', text: 'Checked the cable and the input.' }));
		if (chance(0.7) && move(between(0, 60), 'in-progress', tech) && chance(0.25)) move(between(30, 1440), pick(PAUSES), tech);
	}
	return {
		_id: `ticket:${number}`,
		type: 'ticket',
		number,
		createdAt: new Date(filedAt).toISOString(),
		createdBy: requester,
		requester,
		requesterName: 'Bench Requester',
		contactPhone: '',
		contactEmail: '',
		source: 'web',
		title: pick(TITLES),
		description: 'The lamp light blinks orange and nothing shows on the screen.',
		history,
		...foldHistory(history)
	};
}

/**
 * The bench tickets: deterministic, valid per core's Ticket schema, ~1 KB of JSON each, filed by the coordinator and
 * already assigned, so the server has nothing to settle and every store holds the same revisions.
 */
import { seededRandom } from '../../core/random';
import { Ticket, type Ticket as TicketDoc } from '../../core/schemas';
import { findSecrets } from '../../core/secrets';
import { newTicket } from '../../core/ticket';
import { deviceCode, ticketNumber } from '../../core/ticket-number';

const TITLES = [
	'Projector in room 114 will not turn on',
	'Document camera shows a black image',
	'Classroom printer jams on every second page',
	'Chromebook cart does not charge overnight',
	'Interactive display does not respond to touch',
	'Wireless drops in the library after lunch',
	'Teacher laptop will not wake from sleep',
	'Phone in the front office has no dial tone',
	'Speaker system in the gym crackles',
	'Attendance app freezes on the seating chart'
];
const SENTENCES = [
	'The lamp light blinks orange and nothing shows on the screen.',
	'It started on Monday morning after the long weekend.',
	'We already tried turning it off and on again at the wall switch.',
	'The students in second period could not see the lesson slides.',
	'There is a faint burning smell near the back of the unit.',
	'The cable looks fine but the input selector keeps cycling.',
	'A substitute teacher is covering the room on Thursday and Friday.',
	'The same thing happened last spring and a technician replaced a part.',
	'Please come before the first bell if possible, the room is busy all day.',
	'The error message on the panel says the device needs service.',
	'Other rooms on this hallway seem to work normally.',
	'The custodian says the outlet was moved during the summer painting.',
	'We can use the spare cart from the media center for now.',
	'The remote control has new batteries and still does nothing.',
	'The issue gets worse when more than twenty devices are connected.',
	'Grades are due on Friday, so this is starting to affect instruction.'
];
const ROOMS = ['114', '201', '07B', 'Library', 'Gym', 'Office', '318', 'Portable 3'];
const CATEGORIES = ['av', 'printing', 'devices', 'network', 'phones', 'software'];
const TARGET_JSON_BYTES = 1024;
// The gateway takes filings dated in the last 30 days and not in the future: a week of filings ending a day ago.
const FILED_FROM = Math.floor((Date.now() - 8 * 86_400_000) / 3_600_000) * 3_600_000;

/** The i-th bench ticket: valid per core's Ticket schema, ~1 KB of JSON, filed by the coordinator. */
export function benchTicket(i: number, deviceIndex = 100 + Math.floor(i / 10_000), seq = i % 10_000, building = i % 2 === 0 ? 'north' : 'south'): TicketDoc {
	const random = seededRandom(i * 7919 + deviceIndex);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const number = ticketNumber(deviceCode(deviceIndex), seq);
	const requester = building === 'north' ? 'ann' : 'cat';
	const createdAt = new Date(FILED_FROM + (i % 10_000) * 61_000).toISOString();
	const input = {
		number,
		requester,
		requesterName: requester === 'ann' ? 'Ann Teacher' : 'Cat Student',
		createdBy: 'coord',
		source: 'phone' as const,
		title: pick(TITLES),
		description: '',
		building,
		room: pick(ROOMS),
		category: pick(CATEGORIES),
		priority: 3 as const,
		contactPhone: `555-01${String(i % 100).padStart(2, '0')}`,
		contactEmail: `${requester}@district.example`,
		// Assigned on filing, so the server has nothing to settle and both servers hold the same revisions.
		assignee: building === 'north' ? 'tech-n' : 'tech-s'
	};
	const size = (description: string) => JSON.stringify(newTicket({ ...input, description }, createdAt, `${number}-created`)).length + 60; // + _rev
	let description = '';
	while (size(description) < TARGET_JSON_BYTES - 40) description += (description ? ' ' : '') + pick(SENTENCES);
	while (size(description) > TARGET_JSON_BYTES + 40) description = description.slice(0, description.lastIndexOf(' '));
	return newTicket({ ...input, description }, createdAt, `${number}-created`);
}

/** Bench tickets 0…count-1 (even: north, odd: south), each checked against the schema and the secret detector. */
export function benchTickets(count: number): TicketDoc[] {
	const docs = Array.from({ length: count }, (_, i) => benchTicket(i));
	for (const [i, doc] of docs.entries()) {
		const parsed = Ticket.safeParse(doc);
		if (!parsed.success) throw new Error(`bench ticket ${i} is not a valid Ticket: ${parsed.error.message}`);
		if (findSecrets(doc.description).length || findSecrets(doc.title).length) throw new Error(`bench ticket ${i} trips the secret detector`);
	}
	return docs;
}

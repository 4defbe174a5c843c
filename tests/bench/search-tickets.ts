/**
 * Tickets for the search benchmark: the sync bench's tickets (tickets.ts) given varied requesters, phone numbers in
 * several spellings and 0 to 3 notes, deterministic, with the queries a coordinator would type about them.
 */
import { seededRandom } from '../../core/random';
import type { Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { benchTicket } from './tickets';

const FIRST = 'Ann Ben Carla Dev Elena Farid Grace Hiro Imani Jorge Kira Liam Maya Noor Omar Priya Quinn Rosa Sam Tariq Uma Victor Wen Yusuf Zoe'.split(' ');
const LAST = 'Abbott Baptiste Chen Delgado Eriksen Fofana Garcia Haddad Ibarra Jensen Kowalski Lindqvist Mbeki Nakamura Okafor Petrov Quispe Rahman Silva Tanaka'.split(' ');
const NOTES = [
	'Replaced the lamp module and reset the filter timer.',
	'Called the vendor, a warranty ticket is open for the mainboard.',
	'Swapped the HDMI cable; the flicker stopped after a firmware update.',
	'Reimaged the laptop and restored the profile from the backup.',
	'Access point on the ceiling was unplugged by the painters.',
	'Teacher confirmed it works this morning, waiting one more day before closing.',
	'Ordered a replacement toner cartridge, arriving Tuesday.',
	'Moved the device to the spare cart while the part ships.'
];

/** The phone as a person wrote it, in one of the spellings the search must forgive. */
function spelled(area: number, exchange: number, line: number, style: number): string {
	const l = String(line).padStart(4, '0');
	return [`(${area}) ${exchange}-${l}`, `${area} ${exchange} ${l}`, `+1${area}${exchange}${l}`, `${area}.${exchange}.${l}`][style % 4] as string;
}

/** Search bench ticket i: a name from 500, a phone, and up to three notes. */
export function searchTicket(i: number): Ticket {
	const random = seededRandom(i * 104_729 + 17);
	const base = benchTicket(i);
	const first = FIRST[Math.floor(random() * FIRST.length)] as string;
	const last = LAST[Math.floor(random() * LAST.length)] as string;
	const phone = spelled(303 + (i % 3) * 417, 200 + Math.floor(random() * 799), Math.floor(random() * 10_000), i);
	const ticket: Ticket = { ...base, requesterName: `${first} ${last}`, requester: `${first}.${last}`.toLowerCase(), contactPhone: phone };
	const notes = Math.floor(random() * 4);
	const entries = Array.from({ length: notes }, (_, n) => ({
		id: `${base.number}-note-${n}`,
		at: new Date(Date.parse(base.createdAt) + (n + 1) * 3_600_000).toISOString(),
		by: 'tech-n',
		kind: 'note' as const,
		text: NOTES[Math.floor(random() * NOTES.length)] as string
	}));
	return notes ? appendEntries(ticket, entries) : ticket;
}

/** Search bench tickets 0…count-1. */
export function searchTickets(count: number): Ticket[] {
	return Array.from({ length: count }, (_, i) => searchTicket(i));
}

/** What a coordinator types: numbers (with and without the dash), words, names, phones in other spellings, a miss. */
export function benchQueries(tickets: readonly Ticket[]): string[] {
	const pick = (i: number) => tickets[(i * 7_919) % tickets.length] as Ticket;
	const queries: string[] = [];
	for (let i = 0; i < 10; i++) {
		const t = pick(i);
		queries.push(t.number, t.number.replace('-', '').toLowerCase());
		const digits = t.contactPhone.replace(/\D/g, '').slice(-10);
		queries.push(`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, `+1${digits}`);
		queries.push(t.requesterName, t.requesterName.split(' ')[1] as string);
	}
	queries.push('projector', 'toner', 'warranty mainboard', 'printer jams', 'wireless library', 'firmware', 'painters', 'lamp', 'chromebook cart', 'zebra');
	return queries;
}

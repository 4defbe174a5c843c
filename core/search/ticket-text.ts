import type { Ticket } from '../schemas';
import { normalizeTicketNumber } from '../ticket-number';
import { isOpen } from '../workflow';

/** The text of one ticket as the search index reads it, one field per kind of match. */
export interface TicketSearchText {
	id: string;
	/** The number without its dash, lower-cased ("k7m4qx"), so "K7M-4QX", "k7m 4qx" and "K7M4QX" all find it. */
	number: string;
	title: string;
	description: string;
	/** Notes, escalation reasons and voicemail transcripts, one per line. */
	notes: string;
	/** The requester's name and username. */
	people: string;
	/** The contact phone as digit keys (see phoneKeys). */
	phones: string;
	/** Whether the ticket is still being worked (not indexed: it ranks open tickets first). */
	open: boolean;
}

/** The digits of a phone number, without a North American leading 1 ("+1 (303) 555-0142" → "3035550142"); null under 7 digits. */
export function phoneDigits(text: string): string | null {
	const digits = text.replace(/\D/g, '');
	const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
	return national.length >= 7 && national.length <= 15 ? national : null;
}

/** The keys a phone number is found by: all its digits and, for a 10-digit number, the 7 without the area code. */
export function phoneKeys(text: string): string[] {
	const digits = phoneDigits(text);
	if (!digits) return [];
	return digits.length === 10 ? [digits, digits.slice(3)] : [digits];
}

/** A ticket number as the index keeps it: no dash, lower case. */
export function numberKey(number: string): string {
	return number.replace(/-/g, '').toLowerCase();
}

/** What the search index reads of a ticket. */
export function ticketSearchText(ticket: Ticket): TicketSearchText {
	const notes: string[] = [];
	for (const entry of ticket.history) {
		if (entry.kind === 'note' || entry.kind === 'transcript') notes.push(entry.text);
		else if (entry.kind === 'escalate') notes.push(entry.reason);
	}
	return {
		id: ticket._id,
		number: numberKey(ticket.number),
		title: ticket.title,
		description: ticket.description,
		notes: notes.join('\n'),
		people: `${ticket.requesterName} ${ticket.requester}`,
		phones: phoneKeys(ticket.contactPhone).join(' '),
		open: isOpen(ticket.status)
	};
}

/** A search as typed, read into what it can mean: a ticket number, a phone number, and words. */
export interface ParsedQuery {
	/** The ticket number the whole search spells, dash-less and lower-cased as numberKey gives it. */
	number: string | null;
	/** The phone digits the whole search spells (7 digits or more, with any punctuation). */
	phone: string | null;
	/** The words, lower-cased, for the full-text fields. */
	words: string[];
}

const PHONE_LIKE = /^[\d\s().+-]+$/;

/** Reads a search: "K7M-4QX" is a number, "(303) 555-0142" a phone, anything else words. */
export function parseQuery(text: string): ParsedQuery {
	const trimmed = text.trim();
	const number = normalizeTicketNumber(trimmed);
	const phone = PHONE_LIKE.test(trimmed) ? phoneDigits(trimmed) : null;
	const words = trimmed.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
	return { number: number ? numberKey(number) : null, phone, words };
}

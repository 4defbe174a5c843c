import { z } from 'zod';
import { isoTime } from '../schema-parts';
import { Status, type Ticket, TicketNumber } from '../schemas';
import { excerpt, mentions } from './highlight';
import type { SearchHit } from './ticket-index';

/** A matched word longer than this is cut to it in a result (an indexed "word" can be a pasted string of any length). */
export const MAX_TERM_LENGTH = 200;
/** A result names at most this many matched words. */
export const MAX_TERMS = 50;

/** One search result as the results page shows it, made the same way on the device and on the server. */
export const SearchResult = z
	.object({
		number: TicketNumber,
		title: z.string(),
		status: Status,
		requesterName: z.string(),
		contactPhone: z.string(),
		createdAt: isoTime,
		closedAt: isoTime.nullable(),
		/** The matched words as the index holds them (lower case, numbers without dashes, phones as digits). */
		terms: z.array(z.string().max(MAX_TERM_LENGTH)).max(MAX_TERMS),
		/** Which kinds of text matched (number, phones, people, title, description, notes). */
		fields: z.array(z.string().max(20)).max(10),
		/** A few words around the first match in the notes or description, when the match was there. */
		excerpt: z.string()
	})
	.strict();
export type SearchResult = z.infer<typeof SearchResult>;

/** The text a ticket's notes, escalation reasons and transcripts hold, newest first (the one a caller mentions). */
function noteTexts(ticket: Ticket): string[] {
	const texts: string[] = [];
	for (const entry of ticket.history) {
		if (entry.kind === 'note' || entry.kind === 'transcript') texts.push(entry.text);
		else if (entry.kind === 'escalate') texts.push(entry.reason);
	}
	return texts.reverse();
}

/** The result row for a ticket a search found: its facts, what matched, and a few words around a match in its text. */
export function searchResult(ticket: Ticket, hit: Pick<SearchHit, 'terms' | 'fields'>): SearchResult {
	const inText = hit.fields.includes('notes') || hit.fields.includes('description');
	const source = inText ? [...noteTexts(ticket), ticket.description].find((text) => mentions(text, hit.terms)) : undefined;
	return {
		number: ticket.number,
		title: ticket.title,
		status: ticket.status,
		requesterName: ticket.requesterName,
		contactPhone: ticket.contactPhone,
		createdAt: ticket.createdAt,
		closedAt: ticket.closedAt,
		terms: [...new Set(hit.terms.slice(0, MAX_TERMS).map((term) => term.slice(0, MAX_TERM_LENGTH)))],
		fields: hit.fields,
		excerpt: source ? excerpt(source, hit.terms) : ''
	};
}

/** A result and where it came from: this device, or the server's full history. */
export type PlacedResult = SearchResult & { onDevice: boolean };

/** The device's results first, in their order, then the server's for tickets the device does not hold. */
export function mergeResults(local: readonly SearchResult[], remote: readonly SearchResult[]): PlacedResult[] {
	const seen = new Set(local.map((r) => r.number));
	return [...local.map((r) => ({ ...r, onDevice: true })), ...remote.filter((r) => !seen.has(r.number)).map((r) => ({ ...r, onDevice: false }))];
}

/** The search API's query: the words typed, and how many results at most. */
export const SearchQuery = z
	.object({
		q: z.string().trim().min(1, 'type what to search for').max(200, 'a search is at most 200 characters'),
		limit: z.coerce.number().int().min(1).max(50).default(20)
	})
	.strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

/** The search API's answer. */
export const SearchReply = z.object({ results: z.array(SearchResult) }).strict();
export type SearchReply = z.infer<typeof SearchReply>;

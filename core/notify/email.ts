import { servicesAre } from '../outage/active';
import type { OutageDoc } from '../outage/outage';
import type { HistoryEntry, Ticket } from '../schemas';
import { whenWords } from '../sla/clock-words';
import type { SlaTargetName } from '../sla/policy';
import { PRIORITY_LABELS } from '../ticket-changes';
import { type ClockEvent, isOutageEvent, type NotifyEvent, type OutageEvent, type TicketEvent } from './event';

/** What an email needs besides the event: the app's address, the district's zone, and building names for people. */
export interface EmailContext {
	/** The app's public address, such as https://help.district.org (a trailing slash is fine). */
	baseUrl: string;
	timeZone: string;
	/** A building's name from its code; the code itself when unknown. */
	buildingName?: (code: string) => string;
}

/** A plain-text email: a subject and a body, no HTML. */
export interface Email {
	subject: string;
	text: string;
}

const TARGET_WORDS: Record<SlaTargetName, string> = { categorization: 'categorization', firstResponse: 'first response', resolution: 'resolution' };
const MAX_QUOTE = 1500;
const MAX_SUBJECT = 150;

// A subject is one header line: line breaks and other control characters in a title must never start another header.
function oneLine(text: string): string {
	const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
	return flat.length > MAX_SUBJECT ? `${flat.slice(0, MAX_SUBJECT - 1)}…` : flat;
}

const quote = (text: string): string => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text);
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const appUrl = (ctx: EmailContext, path: string): string => `${ctx.baseUrl.replace(/\/+$/, '')}${path}`;
const when = (t: number, now: number, ctx: EmailContext): string => whenWords(t, now, ctx.timeZone);

/** The email for an event: `about` is the ticket (ticket and clock events) or the outage (outage events) it concerns. */
export function emailFor(event: NotifyEvent, about: Ticket | OutageDoc, ctx: EmailContext): Email {
	if (isOutageEvent(event)) {
		if (about.type !== 'outage') throw new Error(`an outage event needs its outage, not ${about._id}`);
		return outageEmail(event, about, ctx);
	}
	if (about.type !== 'ticket' || about.number !== event.ticket) throw new Error(`event ${event.key} needs ticket ${event.ticket}, not ${about._id}`);
	const email = 'target' in event ? clockEmail(event, about, ctx) : ticketEmail(event, about);
	const building = ctx.buildingName?.(about.building) ?? about.building;
	const priority = about.priority === null ? 'not set' : PRIORITY_LABELS[about.priority];
	return {
		subject: oneLine(`[${about.number}] ${email.subject}: ${about.title}`),
		text: `${email.text}\n\nTicket ${about.number}: ${about.title}\nBuilding: ${building} · Priority: ${priority}\n\n${appUrl(ctx, `/tickets/${about.number}`)}\n`
	};
}

function entry<K extends HistoryEntry['kind']>(ticket: Ticket, id: string, kind: K): Extract<HistoryEntry, { kind: K }> | undefined {
	return ticket.history.find((e): e is Extract<HistoryEntry, { kind: K }> => e.id === id && e.kind === kind);
}

function ticketEmail(event: TicketEvent, ticket: Ticket): Email {
	switch (event.kind) {
		case 'assigned':
			return { subject: 'Assigned to you', text: `${event.by} assigned ticket ${ticket.number} to you.` };
		case 'escalated': {
			const escalation = entry(ticket, event.entryId, 'escalate');
			const reason = escalation ? `\n\nReason:\n${quote(escalation.reason)}` : '';
			return { subject: `Escalated to you${escalation ? ` (level ${escalation.level})` : ''}`, text: `${event.by} escalated ticket ${ticket.number} to you.${reason}` };
		}
		case 'note': {
			const note = entry(ticket, event.entryId, 'note');
			return {
				subject: 'New note on your ticket',
				text: `${event.by} wrote on your ticket:\n\n${quote(note?.text ?? '')}\n\nTo answer, open the ticket below (replies to this email are not read).`
			};
		}
		case 'emergency':
			return {
				subject: 'Emergency voicemail',
				text: `${ticket.requesterName} left a message on the emergency line and nobody on call answered. Call back: ${ticket.contactPhone || 'no number'}.\n\n${quote(ticket.description)}`
			};
	}
}

function clockEmail(event: ClockEvent, ticket: Ticket, ctx: EmailContext): Email {
	const target = TARGET_WORDS[event.target];
	const due = event.due === null ? '' : `${event.kind === 'breached' ? 'was due' : 'is due'} ${when(event.due, event.at, ctx)}`;
	const why = event.as === 'owner' ? 'You own this ticket.' : ticket.assignee ? `${ticket.assignee} owns this ticket.` : 'Nobody owns this ticket yet.';
	if (event.kind === 'at-risk') return { subject: `At risk: ${target} ${due}`.trim(), text: `The ${target} target for ticket ${ticket.number} is at risk${due ? `: it ${due}` : ''}. ${why}` };
	return { subject: `Overdue: ${target} ${due}`.trim(), text: `The ${target} target for ticket ${ticket.number} is overdue${due ? `: it ${due}` : ''}. ${why}` };
}

function outageEmail(event: OutageEvent, outage: OutageDoc, ctx: EmailContext): Email {
	const services = servicesAre(outage.services);
	const where = outage.buildings.length === 0 ? 'across the district' : `at ${outage.buildings.map((b) => ctx.buildingName?.(b) ?? b).join(', ')}`;
	const since = when(Date.parse(outage.declaredAt), event.at, ctx);
	const link = `\n\n${appUrl(ctx, '/')}\n`;
	switch (event.kind) {
		case 'outage-posted':
			return {
				subject: oneLine(`Outage: ${services} down ${where}`),
				text: `${capitalize(services)} down ${where} since ${since}. We are on it; no need to file a ticket.\n\n${quote(outage.description)}${link}`
			};
		case 'outage-progress': {
			const note = outage.progress.find((n) => Date.parse(n.at) === event.at && n.by === event.by);
			return { subject: oneLine(`Outage update: ${services} down ${where}`), text: `${event.by}, ${when(event.at, event.at, ctx)}:\n\n${quote(note?.text ?? '')}${link}` };
		}
		case 'outage-restored':
			return {
				subject: oneLine(`Service restored: ${services} working again ${where}`),
				text: `${capitalize(services)} working again ${where} (restored ${when(event.at, event.at, ctx)}). If something is still wrong, file a ticket.${link}`
			};
	}
}

import { whenWords } from '../sla/clock-words';
import type { Ticket } from '../schemas';
import { isOpen } from '../workflow';
import { affectsBuilding, isOngoing, type OutageDoc } from './outage';

/** The ongoing outages that hit a building (those naming it, and district-wide ones), oldest first. */
export function activeOutagesFor<T extends Pick<OutageDoc, '_id' | 'buildings' | 'restoredAt' | 'declaredAt'>>(outages: readonly T[], building: string): T[] {
	return outages
		.filter((o) => isOngoing(o) && affectsBuilding(o, building))
		.sort((a, b) => Date.parse(a.declaredAt) - Date.parse(b.declaredAt) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/** The services as the subject of a sentence, with its verb: "the network is", "email, phones and the network are". */
export function servicesAre(services: readonly string[]): string {
	if (services.length <= 1) return `${services.join('')} is`;
	return `${services.slice(0, -1).join(', ')} and ${services.at(-1)} are`;
}

/**
 * The line a requester sees before filing: "The network is down at Lincoln Elementary since 9:10 AM; we are on it."
 * `buildingName` is the building the requester is filing for; a district-wide outage says "across the district".
 * Times are read in the district's zone at `now` ("since yesterday 3:00 PM", "since Thu 9:15 AM").
 */
export function outageWords(outage: Pick<OutageDoc, 'services' | 'buildings' | 'declaredAt'>, buildingName: string, now: number, timeZone: string): string {
	const subject = servicesAre(outage.services);
	const where = outage.buildings.length === 0 ? 'across the district' : `at ${buildingName}`;
	const since = whenWords(Date.parse(outage.declaredAt), now, timeZone).replace(/^today /, '');
	return `${subject.charAt(0).toUpperCase()}${subject.slice(1)} down ${where} since ${since}; we are on it.`;
}

/** The tickets an outage may still be linked to: open, in a building it hits, not linked yet; newest first. */
export function linkCandidates<T extends Pick<Ticket, 'status' | 'building' | 'number' | 'createdAt'>>(outage: Pick<OutageDoc, 'buildings' | 'tickets'>, tickets: readonly T[]): T[] {
	return tickets
		.filter((t) => isOpen(t.status) && affectsBuilding(outage, t.building) && !outage.tickets.includes(t.number))
		.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

import { isStaff, type Actor } from '../roles';
import { outageWords } from './active';
import { affectsBuilding, isOngoing, type OutageDoc, type OutageNote } from './outage';

/**
 * The ongoing outages a person's banner shows, oldest first: every one for technology staff; for a requester, those
 * that touch one of their buildings (district-wide ones always do).
 */
export function bannerOutages<T extends Pick<OutageDoc, '_id' | 'buildings' | 'restoredAt' | 'declaredAt'>>(actor: Pick<Actor, 'role' | 'buildings'>, outages: readonly T[]): T[] {
	return outages
		.filter((o) => isOngoing(o) && (isStaff(actor) || actor.buildings.some((b) => affectsBuilding(o, b))))
		.sort((a, b) => Date.parse(a.declaredAt) - Date.parse(b.declaredAt) || (a._id < b._id ? -1 : 1));
}

/** A list in words: "North", "North and South", "North, South and West". */
export function andList(items: readonly string[]): string {
	return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Which buildings of an outage to name to a person: a requester hears only their own (a district-wide outage names none);
 * staff hear all of them. Codes come back in the outage's order.
 */
export function buildingsToName(actor: Pick<Actor, 'role' | 'buildings'>, outage: Pick<OutageDoc, 'buildings'>): string[] {
	if (isStaff(actor)) return [...outage.buildings];
	const mine = outage.buildings.filter((b) => actor.buildings.includes(b));
	return mine.length ? mine : [...outage.buildings];
}

/** The latest progress note, or null before the first. */
export function latestNote(outage: Pick<OutageDoc, 'progress'>): OutageNote | null {
	return [...outage.progress].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0] ?? null;
}

/**
 * The banner's sentence for a person: "The network is down at Lincoln Elementary since 9:10 AM; we are on it.", naming
 * the buildings `buildingsToName` picks (by their names), or "across the district".
 */
export function bannerWords(
	actor: Pick<Actor, 'role' | 'buildings'>,
	outage: Pick<OutageDoc, 'services' | 'buildings' | 'declaredAt'>,
	buildingName: (code: string) => string,
	now: number,
	timeZone: string
): string {
	return outageWords(outage, andList(buildingsToName(actor, outage).map(buildingName)), now, timeZone);
}

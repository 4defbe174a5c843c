import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { Username, code } from '../schemas';
import type { DashboardTicket } from './ticket-view';

/** The default period: the last 4 weeks, today included. */
export const DEFAULT_PERIOD_DAYS = 28;
/** The longest period a link may ask for (a longer one is cut to end at its `to`): the weekly chart stays small. */
export const MAX_PERIOD_DAYS = 731;

/** "none" names the unassigned (technician) or the uncategorized (category), as in the ticket list's filters. */
export const NONE = 'none';

/**
 * The dashboard's filters as they are in the address. `from` and `to` are local dates in the district's zone, both
 * included; building, technician and category are null for "any".
 */
export const DashboardFilters = z
	.object({
		from: z.iso.date(),
		to: z.iso.date(),
		building: code.nullable(),
		technician: z.union([Username, z.literal(NONE)]).nullable(),
		category: z.union([code, z.literal(NONE)]).nullable()
	})
	.strict();
export type DashboardFilters = z.infer<typeof DashboardFilters>;

/** The query parameters as a link may carry them: a value that does not parse is dropped (its default applies). */
const FilterParams = z.object({
	from: z.iso.date().optional().catch(undefined),
	to: z.iso.date().optional().catch(undefined),
	building: DashboardFilters.shape.building.unwrap().optional().catch(undefined),
	technician: DashboardFilters.shape.technician.unwrap().optional().catch(undefined),
	category: DashboardFilters.shape.category.unwrap().optional().catch(undefined)
});

const KEYS = ['from', 'to', 'building', 'technician', 'category'] as const;

function daysBefore(date: string, days: number): string {
	return Temporal.PlainDate.from(date).subtract({ days }).toString();
}

/**
 * The filters in a dashboard address, with defaults for what is missing or malformed: the last 4 weeks up to `today`
 * (an ISO date in the district's zone), any building, technician and category. A period given backwards is turned
 * round; one longer than MAX_PERIOD_DAYS is cut to end at its `to`.
 */
export function parseDashboardFilters(params: URLSearchParams, today: string): DashboardFilters {
	const raw = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]));
	const given = FilterParams.parse(raw);
	let to = given.to ?? today;
	let from = given.from ?? daysBefore(to, DEFAULT_PERIOD_DAYS - 1);
	if (from > to) [from, to] = [to, from];
	const earliest = daysBefore(to, MAX_PERIOD_DAYS - 1);
	if (from < earliest) from = earliest;
	return { from, to, building: given.building ?? null, technician: given.technician ?? null, category: given.category ?? null };
}

/**
 * The query string for filters (no leading "?"): what parseDashboardFilters reads back. The default period is left
 * out, so a bookmark of the default view keeps meaning "the last 4 weeks".
 */
export function dashboardQuery(filters: DashboardFilters, today: string): string {
	const params = new URLSearchParams();
	const isDefaultPeriod = filters.to === today && filters.from === daysBefore(today, DEFAULT_PERIOD_DAYS - 1);
	if (!isDefaultPeriod) {
		params.set('from', filters.from);
		params.set('to', filters.to);
	}
	for (const key of ['building', 'technician', 'category'] as const) {
		const value = filters[key];
		if (value !== null) params.set(key, value);
	}
	return params.toString();
}

/** The period as epoch ms [from, to): from the local midnight of `from` to the local midnight after `to`. */
export function periodBounds(filters: Pick<DashboardFilters, 'from' | 'to'>, timeZone: string): { from: number; to: number } {
	const from = Temporal.PlainDate.from(filters.from).toZonedDateTime({ timeZone }).epochMilliseconds;
	const to = Temporal.PlainDate.from(filters.to).add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
	return { from, to };
}

/** Whether a ticket is in the filters' building, technician and category (the period applies per figure). */
export function matchesDashboardFilters(ticket: DashboardTicket, filters: DashboardFilters): boolean {
	const { building, technician, category } = filters;
	return (
		(building === null || ticket.building === building) &&
		(technician === null || ticket.assignee === (technician === NONE ? null : technician)) &&
		(category === null || ticket.category === (category === NONE ? null : category))
	);
}

/**
 * Whether a ticket counts in the uncategorized queue's figure under the filters: the building filter only, since a
 * technician or category filter would empty the queue (it is uncategorized and mostly unassigned) or say nothing of it.
 */
export function matchesUncategorizedFilters(ticket: Pick<DashboardTicket, 'building'>, filters: Pick<DashboardFilters, 'building'>): boolean {
	return filters.building === null || ticket.building === filters.building;
}

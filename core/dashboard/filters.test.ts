import { describe, expect, it } from 'vitest';
import { ticket } from './dashboard.fixtures';
import { type DashboardFilters, dashboardQuery, matchesDashboardFilters, matchesUncategorizedFilters, parseDashboardFilters, periodBounds } from './filters';

const today = '2026-11-30';
const any = { building: null, technician: null, category: null };
const parse = (query: string) => parseDashboardFilters(new URLSearchParams(query), today);

describe('parseDashboardFilters', () => {
	const cases: [string, string, DashboardFilters][] = [
		['nothing: the last 4 weeks, today included', '', { from: '2026-11-03', to: '2026-11-30', ...any }],
		['a whole period', 'from=2026-09-01&to=2026-09-30', { from: '2026-09-01', to: '2026-09-30', ...any }],
		['only from: up to today', 'from=2026-10-01', { from: '2026-10-01', to: '2026-11-30', ...any }],
		['only to: the 4 weeks ending then', 'to=2026-03-01', { from: '2026-02-02', to: '2026-03-01', ...any }],
		['backwards: turned round', 'from=2026-09-30&to=2026-09-01', { from: '2026-09-01', to: '2026-09-30', ...any }],
		['a date that does not exist: the default', 'from=2026-02-30&to=2026-03-05', { from: '2026-02-06', to: '2026-03-05', ...any }],
		['a period of centuries: cut to 731 days ending at to (730 days before: two years of 365)', 'from=0001-01-01&to=2026-11-30', { from: '2024-11-30', to: '2026-11-30', ...any }],
		['building, technician and category', 'building=lincoln-es&technician=spatel&category=network', { from: '2026-11-03', to: '2026-11-30', building: 'lincoln-es', technician: 'spatel', category: 'network' }],
		['none: the unassigned and the uncategorized', 'technician=none&category=none', { from: '2026-11-03', to: '2026-11-30', ...any, technician: 'none', category: 'none' }],
		['malformed values are dropped', 'building=Lincoln%20ES&technician=%3Dcmd&category=a%2Fb&from=yesterday', { from: '2026-11-03', to: '2026-11-30', ...any }],
		['an empty value is "any"', 'building=&category=', { from: '2026-11-03', to: '2026-11-30', ...any }],
		['the first of repeated values', 'building=north&building=south', { from: '2026-11-03', to: '2026-11-30', ...any, building: 'north' }],
		['unknown parameters are ignored', 'utm=x&status=open', { from: '2026-11-03', to: '2026-11-30', ...any }]
	];
	it.each(cases)('%s', (_name, query, expected) => {
		expect(parse(query)).toEqual(expected);
	});
});

describe('dashboardQuery', () => {
	const cases: [string, DashboardFilters, string][] = [
		['the default view is an empty query', { from: '2026-11-03', to: '2026-11-30', ...any }, ''],
		['another period is written whole', { from: '2026-11-04', to: '2026-11-30', ...any }, 'from=2026-11-04&to=2026-11-30'],
		['every filter', { from: '2026-09-01', to: '2026-09-30', building: 'north', technician: 'none', category: 'network' }, 'from=2026-09-01&to=2026-09-30&building=north&technician=none&category=network']
	];
	it.each(cases)('%s', (_name, filters, query) => {
		expect(dashboardQuery(filters, today)).toBe(query);
		expect(parse(query)).toEqual(filters);
	});

	it('round-trips every parsed address', () => {
		for (const [, query] of [['', ''], ['', 'from=2026-09-30&to=2026-09-01&building=north'], ['', 'to=2026-03-01&technician=spatel&category=none'], ['', 'from=0001-01-01']]) {
			const filters = parse(query);
			expect(parse(dashboardQuery(filters, today))).toEqual(filters);
		}
	});
});

describe('periodBounds', () => {
	it('runs from local midnight of from to the local midnight after to, across the end of DST', () => {
		const bounds = periodBounds({ from: '2026-10-31', to: '2026-11-01' }, 'America/Denver');
		expect([new Date(bounds.from).toISOString(), new Date(bounds.to).toISOString()]).toEqual(['2026-10-31T06:00:00.000Z', '2026-11-02T07:00:00.000Z']);
	});
});

describe('matchesDashboardFilters', () => {
	const period = { from: '2026-11-03', to: '2026-11-30' };
	const cases: [string, Partial<DashboardFilters>, Parameters<typeof ticket>[0], boolean][] = [
		['no filter matches all', {}, {}, true],
		['same building', { building: 'north' }, { building: 'north' }, true],
		['other building', { building: 'south' }, { building: 'north' }, false],
		['technician none matches the unassigned', { technician: 'none' }, { assignee: null }, true],
		['technician none refuses the assigned', { technician: 'none' }, { assignee: 'spatel' }, false],
		['a technician', { technician: 'spatel' }, { assignee: 'spatel' }, true],
		['category none matches the uncategorized', { category: 'none' }, { category: null }, true],
		['a category refuses the uncategorized', { category: 'network' }, { category: null }, false]
	];
	it.each(cases)('%s', (_name, filters, fields, expected) => {
		expect(matchesDashboardFilters(ticket(fields), { ...period, ...any, ...filters })).toBe(expected);
	});
});

describe('matchesUncategorizedFilters', () => {
	const period = { from: '2026-11-03', to: '2026-11-30' };
	const cases: [string, Partial<DashboardFilters>, Parameters<typeof ticket>[0], boolean][] = [
		['no filter: every building', {}, { building: 'north', category: null }, true],
		['same building', { building: 'north' }, { building: 'north', category: null }, true],
		['other building', { building: 'south' }, { building: 'north', category: null }, false],
		['a technician filter does not narrow the queue', { technician: 'spatel' }, { assignee: null, category: null }, true],
		['technician none does not narrow it either', { technician: 'none' }, { assignee: 'spatel', category: null }, true],
		['a category filter does not empty it', { category: 'network' }, { category: null }, true],
		['building and category: the building decides', { building: 'south', category: 'network' }, { building: 'north', category: null }, false]
	];
	it.each(cases)('%s', (_name, filters, fields, expected) => {
		expect(matchesUncategorizedFilters(ticket(fields), { ...period, ...any, ...filters })).toBe(expected);
	});
});

import { describe, expect, it } from 'vitest';
import { isoInZone, SlaPreviewQuery, SlaTicketQuery, wholeMinutes } from './api-schemas';

describe('isoInZone', () => {
	it("writes an instant with the zone's winter offset", () => {
		// 17:30 UTC on 7 December is 10:30 in Denver (MST, UTC-7).
		expect(isoInZone(Date.UTC(2026, 11, 7, 17, 30), 'America/Denver')).toBe('2026-12-07T10:30:00-07:00');
	});

	it("writes an instant with the zone's summer offset", () => {
		// 15:00 UTC on 1 July is 09:00 in Denver (MDT, UTC-6); Phoenix keeps UTC-7 all year.
		expect(isoInZone(Date.UTC(2026, 6, 1, 15, 0), 'America/Denver')).toBe('2026-07-01T09:00:00-06:00');
		expect(isoInZone(Date.UTC(2026, 6, 1, 15, 0), 'America/Phoenix')).toBe('2026-07-01T08:00:00-07:00');
	});
});

describe('SlaPreviewQuery', () => {
	it('reads a priority, a time with an offset, a category and a policy', () => {
		expect(SlaPreviewQuery.parse({ priority: '1', openedAt: '2026-12-04T14:00:00-07:00', category: 'break-fix', policy: 'wilson-001' })).toEqual({
			priority: 1,
			openedAt: '2026-12-04T14:00:00-07:00',
			category: 'break-fix',
			policy: 'wilson-001'
		});
	});

	it.each([
		[{ priority: '5', openedAt: '2026-12-04T14:00:00-07:00' }, 'priority is 1 (emergency), 2, 3 or 4'],
		[{ priority: '1', openedAt: '2026-12-04T14:00:00' }, 'openedAt is an ISO time with its offset'],
		[{ priority: '1', openedAt: 'Friday 2pm' }, 'openedAt is an ISO time with its offset'],
		[{ openedAt: '2026-12-04T14:00:00-07:00' }, 'priority is 1 (emergency), 2, 3 or 4'],
		[{ priority: '1', openedAt: '9999-12-31T23:59:59Z' }, 'openedAt is a time between the years 2000 and 2099'],
		[{ priority: '1', openedAt: '2026-12-04T14:00:00Z', category: 'Break Fix' }, 'a code is lower-case letters'],
		[{ priority: '1', openedAt: '2026-12-04T14:00:00Z', policy: 'TS PE' }, 'a policy id is lower-case letters']
	])('refuses %o with a reason a person can act on', (query, reason) => {
		const result = SlaPreviewQuery.safeParse(query);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.message).join('; ')).toContain(reason);
	});
});

describe('SlaTicketQuery', () => {
	it('takes no time, or a time with an offset', () => {
		expect(SlaTicketQuery.parse({})).toEqual({});
		expect(SlaTicketQuery.parse({ now: '2026-12-08T09:00:00-07:00' })).toEqual({ now: '2026-12-08T09:00:00-07:00' });
		expect(SlaTicketQuery.safeParse({ now: 'yesterday' }).success).toBe(false);
		expect(SlaTicketQuery.safeParse({ now: '1970-01-01T00:00:00Z' }).error?.issues[0].message).toBe('now is a time between the years 2000 and 2099');
	});
});

describe('wholeMinutes', () => {
	it('rounds down to whole minutes', () => {
		expect(wholeMinutes(59_999)).toBe(0);
		expect(wholeMinutes(60_000)).toBe(1);
		expect(wholeMinutes(135 * 60_000 + 59_000)).toBe(135);
	});
});

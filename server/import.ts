import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { READABLE_ALPHABET } from '../core/schemas';
import { BuildingInput, saveUser, UserInput } from './api/admin';
import type { Auth } from './auth';
import { type Db, getOrNull } from './store';

export interface CsvRecord {
	/** The line the record starts on (the header is line 1), for reports a person can follow. */
	line: number;
	cells: string[];
}

/** Splits CSV text into records: quoted cells may hold commas, doubled quotes and line breaks; CRLF and a BOM are accepted. */
export function parseCsv(text: string): { records: CsvRecord[] } | { error: string } {
	const records: CsvRecord[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let start = 1;
	let quoteLine = 1;
	const endRecord = () => {
		cells.push(cell);
		// A blank line is not a record.
		if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
		cells = [];
		cell = '';
	};
	for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
		const ch = text[i];
		const lineBreak = ch === '\n' || (ch === '\r' && text[i + 1] !== '\n');
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else if (lineBreak) {
				line++;
				cell += '\n';
			} else if (ch !== '\r') cell += ch;
		} else if (ch === '"' && cell === '') {
			quoted = true;
			quoteLine = line;
		} else if (ch === ',') {
			cells.push(cell);
			cell = '';
		} else if (lineBreak) {
			endRecord();
			start = ++line;
		} else if (ch !== '\r') cell += ch;
	}
	if (quoted) return { error: `line ${quoteLine}: a quoted cell is never closed (a " is missing)` };
	if (cell !== '' || cells.length > 0) endRecord();
	return { records };
}

export const COLUMNS = ['username', 'name', 'role', 'kind', 'buildings', 'email', 'phone', 'extension', 'employee_id', 'password', 'building_name', 'building_kind'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['username', 'name', 'role'];

export interface Refusal {
	line: number;
	reason: string;
}

/** A row that passed the schemas: the person, and the buildings to create if they do not exist yet. */
export interface RosterRow {
	line: number;
	user: UserInput;
	buildings: z.infer<typeof BuildingInput>[];
}

export interface Roster {
	rows: RosterRow[];
	refused: Refusal[];
}

/** Plain wording for zod's generic messages; the schemas' own messages are kept. */
const plainError: z.core.$ZodErrorMap = (issue) => {
	if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
	if (issue.code === 'too_small' && issue.origin === 'string') return `has at least ${issue.minimum} characters`;
	if (issue.code === 'too_big' && issue.origin === 'string') return `has at most ${issue.maximum} characters`;
	if (issue.code === 'too_big' && issue.origin === 'array') return `lists at most ${issue.maximum}`;
	if (issue.code === 'invalid_value') return `is one of ${issue.values.join(', ')}`;
	if (issue.code === 'invalid_format' && issue.format === 'email') return 'is not an email address';
	return undefined;
};

/** Names a schema field by the CSV column it came from. */
const COLUMN_OF: Record<string, Column> = { employeeId: 'employee_id' };

/** Turns zod issues into "column: reason" phrases, naming the CSV column and, for a list, the wrong item. */
function reasonsFor(issues: readonly z.core.$ZodIssue[], columnOf: Record<string, Column>, input: Record<string, unknown>): string[] {
	return issues.map((issue) => {
		const [field, index] = issue.path;
		const column = columnOf[String(field)] ?? String(field);
		const value = typeof index === 'number' ? (input[String(field)] as unknown[])[index] : undefined;
		return `${column}${value === undefined ? '' : ` (${JSON.stringify(value)})`}: ${issue.message}`;
	});
}

/** Drops empty cells, so that optional fields stay absent rather than empty. */
function present<T extends Record<string, unknown>>(fields: T): Partial<T> {
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Reads a roster: checks the header, then parses every row with the API's schemas; refusals carry the row's line. */
export function readRoster(text: string): Roster | { error: string } {
	const csv = parseCsv(text);
	if ('error' in csv) return csv;
	const [header, ...records] = csv.records;
	if (!header) return { error: 'The file is empty: it needs a header row such as username,name,role,buildings.' };
	const names = header.cells.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
	const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
	if (unknown.length) return { error: `The header has columns this import does not know: ${unknown.join(', ')}. The columns are ${COLUMNS.join(', ')}.` };
	const repeated = names.filter((n, i) => names.indexOf(n) !== i);
	if (repeated.length) return { error: `The header names a column twice: ${[...new Set(repeated)].join(', ')}.` };
	const missing = REQUIRED.filter((c) => !names.includes(c));
	if (missing.length) return { error: `The header has no ${missing.join(', ')} column; every row needs ${REQUIRED.join(', ')}.` };

	const roster: Roster = { rows: [], refused: [] };
	const seen = new Map<string, number>();
	for (const { line, cells } of records) {
		if (cells.length > names.length) {
			roster.refused.push({ line, reason: `the row has ${cells.length} cells but the header has ${names.length}; quote cells that hold commas` });
			continue;
		}
		if (cells.every((c) => c.trim() === '')) continue;
		const cell = (column: Column): string | undefined => {
			const value = cells[names.indexOf(column)]?.trim();
			return value ? value : undefined;
		};
		const codes = [...new Set((cell('buildings') ?? '').split(';').map((c) => c.trim()).filter(Boolean))];
		const person = present({
			username: cell('username'),
			name: cell('name'),
			role: cell('role')?.toLowerCase(),
			kind: cell('kind')?.toLowerCase(),
			buildings: codes,
			email: cell('email'),
			phone: cell('phone'),
			extension: cell('extension'),
			employeeId: cell('employee_id'),
			password: cell('password')
		});
		const reasons: string[] = [];
		const user = UserInput.safeParse(person, { error: plainError });
		if (!user.success) reasons.push(...reasonsFor(user.error.issues, COLUMN_OF, person));
		// building_name and building_kind describe the first building listed, should it be new.
		const described = present({ name: cell('building_name'), kind: cell('building_kind')?.toLowerCase() });
		if (!codes.length && (described.name || described.kind)) reasons.push('building_name: describes a new building, but the row lists no buildings');
		const buildings = codes.map((code, i) => BuildingInput.safeParse({ code, name: code, kind: 'school', technician: null, ...(i === 0 ? described : {}) }, { error: plainError }));
		for (const building of buildings) {
			// A wrong code is reported once, by the person's buildings.
			const own = building.error?.issues.filter((issue) => issue.path[0] !== 'code') ?? [];
			reasons.push(...reasonsFor(own, { name: 'building_name', kind: 'building_kind' }, {}));
		}
		const first = user.success ? seen.get(user.data.username) : undefined;
		if (first !== undefined) reasons.push(`username: ${person.username} is already on line ${first}`);
		if (!user.success || reasons.length) {
			roster.refused.push({ line, reason: reasons.join('; ') });
			continue;
		}
		seen.set(user.data.username, line);
		roster.rows.push({ line, user: user.data, buildings: buildings.flatMap((b) => (b.success ? [b.data] : [])) });
	}
	return roster;
}

export const ImportReport = z.object({
	/** Rows read, not counting the header and blank lines. */
	rows: z.number().int(),
	/** People who did not exist before. */
	imported: z.number().int(),
	/** People who existed and were replaced by their row. */
	updated: z.number().int(),
	refused: z.array(z.object({ line: z.number().int(), reason: z.string() })),
	buildingsCreated: z.array(z.string()),
	/** Passwords made for new people whose row had none, to hand out. */
	passwords: z.array(z.object({ username: z.string(), password: z.string() }))
});
export type ImportReport = z.infer<typeof ImportReport>;

export interface ImportDeps {
	db: Db;
	auth: Auth;
	newPassword: () => string;
	onProgress?: (done: number, total: number) => void;
}

/** A password that can be read aloud and typed on a Chromebook: 12 unambiguous characters. */
export function randomPassword(): string {
	const chars = Array.from({ length: 12 }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Imports a roster's good rows: creates missing buildings, then saves each person; a row the store refuses is reported, not fatal. */
export async function importRoster({ db, auth, newPassword, onProgress }: ImportDeps, roster: Roster): Promise<ImportReport> {
	const total = roster.rows.length + roster.refused.length;
	const report: ImportReport = { rows: total, imported: 0, updated: 0, refused: [...roster.refused], buildingsCreated: [], passwords: [] };
	let done = roster.refused.length;
	onProgress?.(done, total);
	for (const { line, user, buildings } of roster.rows) {
		try {
			for (const building of buildings) {
				if (await getOrNull(db, `building:${building.code}`)) continue;
				await db.put({ _id: `building:${building.code}`, type: 'building', ...building });
				report.buildingsCreated.push(building.code);
			}
			const before = await getOrNull<{ active: boolean }>(db, `user:${user.username}`);
			// A new person needs a password to sign in; an existing one keeps theirs unless the row sets one.
			const generated = user.password || before ? undefined : newPassword();
			// A roster lists who works here, not who was switched off: an account an admin deactivated stays so.
			await saveUser(db, auth, { ...user, ...(generated ? { password: generated } : {}), ...(before ? { active: before.active } : {}) });
			if (generated) report.passwords.push({ username: user.username, password: generated });
			if (before) report.updated++;
			else report.imported++;
		} catch (error) {
			report.refused.push({ line, reason: `the store did not save it (${error instanceof Error ? error.message : String(error)})` });
		}
		onProgress?.(++done, total);
	}
	report.refused.sort((a, b) => a.line - b.line);
	return report;
}

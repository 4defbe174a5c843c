import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from './auth';
import { importRoster, parseCsv, randomPassword, readRoster, type Roster } from './import';
import { openStore, type Store } from './store';

const HEADER = 'username,name,role,buildings,extension';

function roster(text: string): Roster {
	const result = readRoster(text);
	if ('error' in result) throw new Error(result.error);
	return result;
}

describe('parseCsv', () => {
	it('reads quoted cells holding commas, doubled quotes and line breaks', () => {
		expect(parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",z\n')).toEqual({
			records: [
				{ line: 1, cells: ['a', 'b'] },
				{ line: 2, cells: ['x, y', 'say "hi"'] },
				{ line: 3, cells: ['two\nlines', 'z'] }
			]
		});
	});

	it('accepts CRLF line ends, a byte-order mark and a last line without a line end', () => {
		expect(parseCsv('\ufeffa,b\r\n"1\r\n2",3\r\n4,5')).toEqual({
			records: [
				{ line: 1, cells: ['a', 'b'] },
				{ line: 2, cells: ['1\n2', '3'] },
				{ line: 4, cells: ['4', '5'] }
			]
		});
	});

	it('skips blank lines but keeps counting them, so line numbers match an editor', () => {
		expect(parseCsv('a\n\n\r\nb\n')).toEqual({
			records: [
				{ line: 1, cells: ['a'] },
				{ line: 4, cells: ['b'] }
			]
		});
	});

	it('keeps empty cells, including a trailing one', () => {
		expect(parseCsv('a,,""\n,')).toEqual({
			records: [
				{ line: 1, cells: ['a', '', ''] },
				{ line: 2, cells: ['', ''] }
			]
		});
	});

	it('reports a quote that is never closed with the line it opens on', () => {
		expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ error: 'line 2: a quoted cell is never closed (a " is missing)' });
	});
});

describe('readRoster', () => {
	it('reads columns in any order and any case, and splits buildings on semicolons', () => {
		const { rows, refused } = roster('Extension,ROLE,Buildings,Name,Username,Employee ID\n1234,requester,north; south,Jane Doe,jdoe,E-7\n');
		expect(refused).toEqual([]);
		expect(rows).toHaveLength(1);
		expect(rows[0].user).toMatchObject({ username: 'jdoe', name: 'Jane Doe', role: 'requester', buildings: ['north', 'south'], extension: '1234', employeeId: 'E-7' });
		expect(rows[0].user).not.toHaveProperty('email');
	});

	it('refuses a bad row with its line number and a plain reason, and keeps the good rows', () => {
		const { rows, refused } = roster(`${HEADER}\nann,Ann,requester,north,12\n"bob","Bob\nBuilder",requester,north,12\ncat,Cat,requester,north,1\ndan,Dan,requester,north,345\n`);
		expect(refused).toEqual([{ line: 5, reason: 'extension: an extension is 2 to 6 digits' }]);
		expect(rows.map((r) => [r.line, r.user.username])).toEqual([
			[2, 'ann'],
			[3, 'bob'],
			[6, 'dan']
		]);
	});

	it('names every wrong field of a row, by its column', () => {
		const { refused } = roster('username,name,role,buildings,email,employee_id\nEve,,boss,North,nope,' + 'x'.repeat(41) + '\n');
		expect(refused).toHaveLength(1);
		const reasons = refused[0].reason.split('; ');
		expect(reasons).toEqual([
			'username: a username is lower-case letters, digits, dots, dashes or underscores',
			'name: is required',
			'role: is one of requester, building-tech, specialist, coordinator, admin',
			'buildings ("North"): a code is lower-case letters, digits and dashes',
			'email: is not an email address',
			'employee_id: has at most 40 characters'
		]);
	});

	it('refuses the usernames the phone line writes under (system, unknown-caller)', () => {
		const { rows, refused } = roster(`${HEADER}\nsystem,System,requester,north,\nunknown-caller,Caller,requester,north,\nsystems,Sys Admin,requester,north,\n`);
		const reason = 'username: this username is kept for the phone line (system, unknown-caller): choose another';
		expect(refused).toEqual([
			{ line: 2, reason },
			{ line: 3, reason }
		]);
		expect(rows.map((r) => r.user.username)).toEqual(['systems']);
	});

	it('refuses a second row for the same person, pointing at the first', () => {
		const { rows, refused } = roster(`${HEADER}\nann,Ann,requester,north,\nann,Ann Again,requester,south,\n`);
		expect(rows).toHaveLength(1);
		expect(refused).toEqual([{ line: 3, reason: 'username: ann is already on line 2' }]);
	});

	it('refuses a row with more cells than the header, since an unquoted comma would shift every field', () => {
		const { refused } = roster(`${HEADER}\nann,Doe, Ann,requester,north,12\n`);
		expect(refused).toEqual([{ line: 2, reason: 'the row has 6 cells but the header has 5; quote cells that hold commas' }]);
	});

	it('describes a new building by building_name and building_kind, defaulting to its code and a school', () => {
		const { rows } = roster('username,name,role,buildings,building_name,building_kind\nann,Ann,requester,dist-office;north,District Office,Office\nbob,Bob,requester,south,,\n');
		expect(rows[0].buildings).toEqual([
			{ code: 'dist-office', name: 'District Office', kind: 'office', technician: null },
			{ code: 'north', name: 'north', kind: 'school', technician: null }
		]);
		expect(rows[1].buildings).toEqual([{ code: 'south', name: 'south', kind: 'school', technician: null }]);
	});

	it('refuses a building kind that is neither school nor office', () => {
		const { refused } = roster('username,name,role,buildings,building_kind\nann,Ann,requester,north,campus\n');
		expect(refused).toEqual([{ line: 2, reason: 'building_kind: is one of school, office' }]);
	});

	it('refuses the whole file when a column is unknown, so a misspelt column loses nothing silently', () => {
		expect(readRoster('username,name,role,extention\n')).toEqual({ error: expect.stringContaining('does not know: extention') });
	});

	it('refuses the whole file when a required column is missing or the file is empty', () => {
		expect(readRoster('username,name\nann,Ann\n')).toEqual({ error: expect.stringContaining('no role column') });
		expect(readRoster('')).toEqual({ error: expect.stringContaining('empty') });
	});
});

describe('randomPassword', () => {
	it('makes passwords long enough for the account schema, from the readable alphabet', () => {
		const passwords = Array.from({ length: 50 }, randomPassword);
		for (const p of passwords) expect(p).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
		expect(new Set(passwords).size).toBe(50);
	});
});

describe('importRoster', () => {
	let dir: string;
	let store: Store;
	let auth: Auth;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'import-unit-'));
		store = await openStore({ DATA_DIR: dir });
		auth = new Auth(store.private, store.main);
	});
	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('creates missing buildings, counts new and updated people, and makes passwords only for new people without one', async () => {
		await store.main.put({ _id: 'building:north', type: 'building', code: 'north', name: 'North Elementary', kind: 'school', technician: null });
		await store.main.put({ _id: 'user:old', type: 'user', username: 'old', name: 'Old Timer', role: 'requester', kind: 'staff', buildings: [], active: false });
		await auth.setPassword('old', 'old-password-1');
		let n = 0;
		const progress: string[] = [];
		const report = await importRoster(
			{ db: store.main, auth, newPassword: () => `generated-${++n}`, onProgress: (done, total) => progress.push(`${done}/${total}`) },
			roster(`username,name,role,buildings,password,building_name\nnew,New Hire,requester,annex;north,,Annex\nold,Old Timer,requester,north,,\nset,Set Password,requester,,chosen-pass,\nbad,Bad,requester,,short,\n`)
		);
		expect(report).toEqual({
			rows: 4,
			imported: 2,
			updated: 1,
			refused: [{ line: 5, reason: 'password: a password has at least 8 characters' }],
			buildingsCreated: ['annex'],
			passwords: [{ username: 'new', password: 'generated-1' }]
		});
		expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
		// An existing building is left as it is.
		expect(await store.main.get('building:north')).toMatchObject({ name: 'North Elementary' });
		expect(await store.main.get('building:annex')).toMatchObject({ name: 'Annex', kind: 'school', technician: null });
		expect(await auth.checkPassword('new', 'generated-1')).toBe('new');
		expect(await auth.checkPassword('old', 'old-password-1')).toBe('old');
		expect(await auth.checkPassword('set', 'chosen-pass')).toBe('set');
		// A roster does not switch back on an account an administrator switched off.
		expect(await store.main.get('user:old')).toMatchObject({ active: false, buildings: ['north'] });
	});
});

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { readConfig } from '../../server/config';
import type { ImportReport } from '../../server/import';
import { api, provision } from '../support/district';
import { ADMIN_PASSWORD, type RunningServer, startServer } from '../support/server';

const ROOT = resolve(import.meta.dirname, '../..');

/** Signs in through /api/login and reads /api/me with the session cookie it sets. */
async function signInAndAskWhoAmI(server: RunningServer, username: string, password: string) {
	const login = await fetch(`${server.url}/api/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
	expect(login.status).toBe(200);
	const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
	expect(cookie).toMatch(/^hd_session=/);
	const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
	expect(me.status).toBe(200);
	return ((await me.json()) as { user: Record<string, unknown> }).user;
}

describe('roster import over HTTP', () => {
	let server: RunningServer;
	const csv = (body: string) => ({ method: 'POST', body, headers: { 'content-type': 'text/csv' } });

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => {
		await server?.dispose();
	});

	it('imports the good rows, reports the bad ones by line, and the imported people can sign in', async () => {
		const roster = [
			'username,name,role,buildings,extension,email,password,building_name',
			't.jones,"Jones, Taylor",requester,east,4411,tjones@district.org,jones-pass-1,East Middle School',
			'r.lee,Robin Lee,building-tech,east;north,4412,,,',
			'bad-ext,Bad Extension,requester,east,1,,,',
			'Upper,Upper Case,requester,,,,,'
		].join('\r\n');
		const { status, body } = await api(server, '/api/admin/import', csv(roster));
		expect(status).toBe(200);
		const report = body as unknown as ImportReport;
		expect(report).toMatchObject({ rows: 4, imported: 2, updated: 0, buildingsCreated: ['east'] });
		expect(report.refused).toEqual([
			{ line: 4, reason: 'extension: an extension is 2 to 6 digits' },
			{ line: 5, reason: 'username: a username is lower-case letters, digits, dots, dashes or underscores' }
		]);
		expect(report.passwords.map((p) => p.username)).toEqual(['r.lee']);

		const jones = await signInAndAskWhoAmI(server, 't.jones', 'jones-pass-1');
		expect(jones).toMatchObject({ name: 'Jones, Taylor', extension: '4411', buildings: ['east'], email: 'tjones@district.org' });
		const lee = await signInAndAskWhoAmI(server, 'r.lee', report.passwords[0].password);
		expect(lee).toMatchObject({ role: 'building-tech', extension: '4412', buildings: ['east', 'north'] });
		const east = await api(server, '/api/admin/buildings');
		expect(east.body.buildings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'east', name: 'East Middle School', kind: 'school' })]));
	});

	it('updates people already there without changing their password', async () => {
		const { body } = await api(server, '/api/admin/import', csv('username,name,role,buildings,extension\nann,Ann Teacher,requester,north,5150\n'));
		expect(body).toMatchObject({ imported: 0, updated: 1, refused: [], passwords: [] });
		const ann = await api(server, '/api/me', { as: 'ann' });
		expect(ann.status).toBe(200);
		expect(ann.body.user).toMatchObject({ extension: '5150' });
	});

	it('lets only administrators import, only CSV, and refuses a header it does not know as a whole', async () => {
		const byRequester = await api(server, '/api/admin/import', { ...csv('username,name,role\nzed,Zed,requester\n'), as: 'ann' });
		expect(byRequester.status).toBe(403);
		expect(byRequester.body.error).toBe('forbidden');
		const asJson = await api(server, '/api/admin/import', { method: 'POST', body: JSON.stringify({ username: 'zed' }) });
		expect(asJson.status).toBe(415);
		expect(asJson.body.reason).toMatch(/text\/csv/);
		const misspelt = await api(server, '/api/admin/import', csv('username,name,role,extention\nzed,Zed,requester,44\n'));
		expect(misspelt.status).toBe(400);
		expect(misspelt.body.reason).toMatch(/extention/);
		expect((await api(server, '/api/admin/users/zed')).status).toBe(404);
	});

	it('serves an OpenAPI 3.1 document that lists every /api route the app has', async () => {
		const response = await fetch(`${server.url}/api/openapi.json`);
		expect(response.status).toBe(200);
		const doc = JSON.parse(await response.text()) as { openapi: string; info: { description: string }; paths: Record<string, Record<string, unknown>> };
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.info.description).toContain('/db/helpdesk');
		const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
		expect(documented.sort()).toEqual(
			[
				'GET /api/health',
				'GET /api/openapi.json',
				'POST /api/login',
				'POST /api/logout',
				'GET /api/me',
				'POST /api/devices',
				'GET /api/admin/buildings',
				'PUT /api/admin/buildings/{code}',
				'GET /api/admin/users',
				'GET /api/admin/users/{username}',
				'PUT /api/admin/users/{username}',
				'POST /api/admin/import',
				'POST /api/admin/compact',
				'GET /api/sla/preview',
				'GET /api/sla/tickets/{number}',
				'GET /api/tickets/search',
				'GET /api/tickets/{number}',
				'GET /api/phone/status',
				'POST /api/admin/calendar/ics',
				'PUT /api/admin/calendar/closures',
				'POST /api/admin/phone/simulate',
				'PUT /api/admin/phone/simulate/recordings/{recordingSid}',
				'GET /api/admin/phone/simulate/calls/{callSid}'
			].sort()
		);
		// The app's own routing table: a route added without documentation fails here. Building the app touches none of its dependencies.
		const app = createApp({ config: readConfig({}), store: {} as never, auth: {} as never, feed: {} as never, serverUuid: 'routes' });
		const routed = app.routes
			.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
			.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
		expect([...new Set(routed)].sort()).toEqual(documented.sort());
	});
});

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((done, fail) => {
		const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/import-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.once('error', fail);
		child.once('exit', (code) => done({ code, stdout, stderr }));
	});
}

describe('roster import from the command line', () => {
	let dir: string;
	let env: Record<string, string>;
	let server: RunningServer | undefined;

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
		env = { DATA_DIR: join(dir, 'data'), DEMO: '0', ADMIN_PASSWORD };
	});
	afterAll(async () => {
		await server?.dispose();
		rmSync(dir, { recursive: true, force: true });
	});

	it('imports into a stopped server’s store, exits 2 with a report of refused rows, and writes new passwords beside the file', async () => {
		const file = join(dir, 'staff.csv');
		const rows = Array.from({ length: 20 }, (_, i) => `staff${i},Staff ${i},requester,west,${100 + i}`);
		rows[6] = 'staff6,Staff 6,requester,west,7';
		writeFileSync(file, `\ufeffusername,name,role,buildings,extension\n${rows.join('\n')}\n`);
		writeFileSync(join(dir, 'staff-passwords.csv'), 'handed out already\n');

		const { code, stdout, stderr } = await runCli([file], env);
		expect(code).toBe(2);
		expect(stdout).toContain('The store was empty; it now holds one administrator (admin).');
		expect(stdout).toContain('Imported 19, updated 0, refused 1 of 20 rows.');
		expect(stdout).toContain('  line 8: extension: an extension is 2 to 6 digits');
		// Not a terminal: one progress line per tenth, ending full.
		const bars = stderr.trim().split('\n');
		expect(bars.length).toBeLessThanOrEqual(11);
		expect(bars.every((b) => /^\[[#-]{10}\] \d+\/20$/.test(b))).toBe(true);
		expect(bars.at(-1)).toBe('[##########] 20/20');

		const written = join(dir, 'staff-passwords-2.csv');
		expect(stdout).toContain(written);
		expect(readFileSync(join(dir, 'staff-passwords.csv'), 'utf8')).toBe('handed out already\n');
		expect(statSync(written).mode & 0o777).toBe(0o600);
		const passwords = readFileSync(written, 'utf8').trim().split('\n');
		expect(passwords[0]).toBe('username,password');
		expect(passwords).toHaveLength(20);

		server = await startServer(env);
		const staff0 = await api(server, '/api/admin/users/staff0');
		expect(staff0.body.user).toMatchObject({ extension: '100', buildings: ['west'] });
		expect((await api(server, '/api/admin/users/staff6')).status).toBe(404);
		const [username, password] = passwords[1].split(',');
		expect(await signInAndAskWhoAmI(server, username, password)).toMatchObject({ username });
	});

	it('says to stop the server or use STORE_URL when the server holds the store', async () => {
		expect(server).toBeDefined();
		const { code, stderr } = await runCli([join(dir, 'staff.csv')], env);
		expect(code).toBe(1);
		expect(stderr).toMatch(/in use by another process/);
		expect(stderr).toMatch(/Stop the server/);
		expect(stderr).toMatch(/STORE_URL/);
	});

	it('says plainly when the file does not exist', async () => {
		const { code, stderr } = await runCli([join(dir, 'nope.csv')], env);
		expect(code).toBe(1);
		expect(stderr.trim()).toBe(`There is no file at ${join(dir, 'nope.csv')}.`);
	});
});

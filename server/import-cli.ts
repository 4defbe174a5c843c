/**
 * Imports a staff roster into the store: npm run import -- staff.csv
 * Exit code 0 when every row was imported, 2 when some were refused, 1 when nothing could be done.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Auth } from './auth';
import { readConfig } from './config';
import { type ImportReport, importRoster, randomPassword, readRoster } from './import';
import { seedIfEmpty } from './seed';
import { openStore, type Store } from './store';

const BAR_WIDTH = 10;

/** Draws progress on stderr: in place on a terminal, one line per tenth otherwise (logs, CI). */
function progress(stream: NodeJS.WriteStream) {
	let shownTenth = -1;
	return (done: number, total: number) => {
		const filled = total ? Math.floor((done / total) * BAR_WIDTH) : BAR_WIDTH;
		const text = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
		if (stream.isTTY) {
			stream.write(`\r${text}${done === total ? '\n' : ''}`);
			return;
		}
		const tenth = total ? Math.floor((done / total) * 10) : 10;
		if (tenth > shownTenth) stream.write(`${text}\n`);
		shownTenth = tenth;
	};
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes generated passwords beside the roster, readable by the owner only, never over an earlier file. */
async function writePasswords(rosterPath: string, passwords: ImportReport['passwords']): Promise<string> {
	const stem = join(dirname(rosterPath), basename(rosterPath, extname(rosterPath)));
	const text = ['username,password', ...passwords.map((p) => `${csvCell(p.username)},${csvCell(p.password)}`)].join('\n') + '\n';
	for (let n = 1; ; n++) {
		const path = `${stem}-passwords${n === 1 ? '' : `-${n}`}.csv`;
		try {
			await writeFile(path, text, { flag: 'wx', mode: 0o600 });
			return path;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
}

const isLocked = (error: unknown) => error instanceof Error && (error.name === 'OpenError' || /\bLOCK\b/.test(error.message));

async function main(args: string[]): Promise<number> {
	const [file] = args;
	if (!file) {
		console.error('Usage: npm run import -- staff.csv');
		return 1;
	}
	const path = resolve(file);
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		console.error(code === 'ENOENT' ? `There is no file at ${path}.` : `Cannot read ${path}: ${(error as Error).message}`);
		return 1;
	}
	const roster = readRoster(text);
	if ('error' in roster) {
		console.error(`${file}: ${roster.error}`);
		return 1;
	}

	const config = readConfig(process.env);
	let store: Store;
	try {
		store = await openStore(config);
	} catch (error) {
		if (!isLocked(error)) throw error;
		console.error(
			`The store in ${resolve(config.DATA_DIR)} is in use by another process, most likely the running server: the embedded store allows one process at a time.\n` +
				'Stop the server and run the import again, or set STORE_URL to a CouchDB server both can share, or POST the file to /api/admin/import while the server runs.'
		);
		return 1;
	}
	try {
		const auth = new Auth(store.private, store.main);
		// The same first-start seeding as the server, so an import into a new store still leaves an administrator.
		const seeded = await seedIfEmpty(store, auth, { demo: config.DEMO === '1', adminPassword: config.ADMIN_PASSWORD });
		if (!seeded.startsWith('existing data')) console.log(`The store was empty; it now holds ${seeded}.`);
		const report = await importRoster({ db: store.main, auth, newPassword: randomPassword, onProgress: progress(process.stderr) }, roster);

		console.log(`Imported ${report.imported}, updated ${report.updated}, refused ${report.refused.length} of ${report.rows} rows.`);
		if (report.buildingsCreated.length) console.log(`New buildings: ${report.buildingsCreated.join(', ')}.`);
		for (const { line, reason } of report.refused) console.log(`  line ${line}: ${reason}`);
		if (report.passwords.length) {
			try {
				const written = await writePasswords(path, report.passwords);
				const people = report.passwords.length === 1 ? '1 new person' : `${report.passwords.length} new people`;
				console.log(`Passwords for ${people} whose row had none are in ${written} (readable only by you). Hand them out, then delete the file.`);
			} catch (error) {
				// The accounts exist already: losing their passwords would lock those people out.
				console.log(`Could not write the passwords file (${(error as Error).message}); the new passwords are:`);
				for (const p of report.passwords) console.log(`  ${p.username},${p.password}`);
			}
		}
		return report.refused.length ? 2 : 0;
	} finally {
		await store.close();
	}
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
}
process.exit();

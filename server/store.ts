import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PouchDB from 'pouchdb';
import type { Config } from './config';

export type Db = PouchDB.Database<Record<string, unknown>>;

/** The replicated database and the private one (credentials, sessions, checkpoints), on LevelDB or CouchDB. */
export interface Store {
	main: Db;
	private: Db;
	close(): Promise<void>;
}

/** Opens the store named by the configuration: embedded LevelDB in DATA_DIR, or the CouchDB at STORE_URL. */
export async function openStore(config: Pick<Config, 'DATA_DIR' | 'STORE_URL'>): Promise<Store> {
	let main: Db;
	let priv: Db;
	if (config.STORE_URL) {
		const base = config.STORE_URL.replace(/\/+$/, '');
		main = new PouchDB(`${base}/helpdesk`, { skip_setup: false });
		priv = new PouchDB(`${base}/helpdesk_private`, { skip_setup: false });
	} else {
		const dir = resolve(config.DATA_DIR);
		mkdirSync(dir, { recursive: true });
		main = new PouchDB(join(dir, 'helpdesk'));
		priv = new PouchDB(join(dir, 'private'));
	}
	await Promise.all([main.info(), priv.info()]);
	return {
		main,
		private: priv,
		close: async () => {
			await Promise.all([main.close(), priv.close()]);
		}
	};
}

/** Fetches a document, or null when it does not exist. */
export async function getOrNull<T extends object>(db: Db, id: string, options: PouchDB.Core.GetOptions = {}): Promise<T | null> {
	try {
		return (await db.get(id, options)) as unknown as T;
	} catch (error) {
		if ((error as { status?: number }).status === 404) return null;
		throw error;
	}
}

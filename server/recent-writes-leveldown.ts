import { createRequire } from 'node:module';
import { trimOldest } from './gateway/bounded-map';

/** The LevelDB binding PouchDB's LevelDB adapter loads itself (it ships without types). */
const leveldown = createRequire(import.meta.url)('leveldown') as ((location: string) => unknown) & {
	destroy(location: string, callback: (error?: Error | null) => void): void;
};

/**
 * Prefixes (PouchDB's sublevels) whose values are kept once written: a document's metadata (its revision tree, read by
 * the shared changes feed for every change and by every write of the document) and `_local` documents (checkpoints,
 * read before each rewrite).
 */
const KEPT_PREFIXES = ['\xffdocument-store\xff', '\xfflocal-store\xff'];

/** How many written values are kept: a few hundred bytes each, enough for the feed to read back a large push. */
const CAPACITY = 5_000;

type Callback = (error?: Error | null, value?: unknown) => void;
type Op = { type: 'put' | 'del'; key: unknown; value?: unknown };
interface Down {
	_get(key: unknown, options: { asBuffer?: boolean }, callback: Callback): void;
	_batch(ops: Op[], options: object, callback: Callback): void;
	_put(key: unknown, value: unknown, options: object, callback: Callback): void;
	_del(key: unknown, options: object, callback: Callback): void;
	_clear(options: object, callback: Callback): void;
	_chainedBatch(): { _write(options: object, callback: Callback): void };
}

/** LevelDB stores UTF-8: two strings with different lone surrogates would be one key there; those are never kept. */
const SURROGATE = /[\uD800-\uDFFF]/;

const kept = (key: unknown): key is string => typeof key === 'string' && KEPT_PREFIXES.some((prefix) => key.startsWith(prefix)) && !SURROGATE.test(key);

/**
 * PouchDB's LevelDB backend (the `db` option of its LevelDB adapter), answering reads of values this process wrote
 * from memory instead of a round trip to LevelDB's thread pool: PouchDB's changes feed reads the metadata of every
 * document just written, one at a time. A value is kept only once LevelDB has stored it (its write called back), and
 * only while no other write of it is under way, so a read answered here answers what LevelDB holds. Writes it cannot
 * follow one by one (chained batches, range clears) empty the memory. Only one process can open a LevelDB directory,
 * so no write reaches it unseen.
 */
export function recentWritesLeveldown(location: string) {
	const down = leveldown(location) as Down;
	const values = new Map<string, string>();
	const writing = new Set<{ overlapped: boolean }>();
	let untracked = 0;
	const [get, batch, clear, chainedBatch] = [down._get.bind(down), down._batch.bind(down), down._clear.bind(down), down._chainedBatch.bind(down)];

	/** Runs a write of `ops`; keeps its values once stored, unless another write ran at the same time. */
	const tracked = (ops: Op[], write: (done: Callback) => void, callback: Callback) => {
		const touched = ops.filter((op) => kept(op.key));
		for (const op of touched) values.delete(op.key as string);
		const record = { overlapped: writing.size > 0 || untracked > 0 };
		for (const other of writing) other.overlapped = true;
		writing.add(record);
		write((error) => {
			writing.delete(record);
			if (!error && !record.overlapped && untracked === 0) {
				for (const op of touched) {
					if (op.type === 'put' && typeof op.value === 'string' && !SURROGATE.test(op.value)) values.set(op.key as string, op.value);
					else values.delete(op.key as string);
				}
				trimOldest(values, CAPACITY);
			}
			callback(error);
		});
	};

	down._get = (key, options, callback) => {
		const value = kept(key) ? values.get(key) : undefined;
		if (value === undefined) return get(key, options, callback);
		// Answered on a later turn of the event loop, as LevelDB's own reads are: the feed reading back a batch of 500
		// must not hold up the requests that arrive meanwhile.
		setImmediate(callback, null, options.asBuffer === false ? value : Buffer.from(value));
	};
	down._batch = (ops, options, callback) => tracked(ops, (done) => batch(ops, options, done), callback);
	down._put = (key, value, options, callback) => tracked([{ type: 'put', key, value }], (done) => batch([{ type: 'put', key, value }], options, done), callback);
	down._del = (key, options, callback) => tracked([{ type: 'del', key }], (done) => batch([{ type: 'del', key }], options, done), callback);
	/** A write this cannot follow key by key: nothing is kept until it is done, nor from writes running beside it. */
	const untrackedWrite = () => {
		values.clear();
		untracked++;
		for (const other of writing) other.overlapped = true;
	};
	down._clear = (options, callback) => {
		untrackedWrite();
		clear(options, (error) => {
			untracked--;
			values.clear();
			callback(error);
		});
	};
	down._chainedBatch = () => {
		untrackedWrite();
		const chained = chainedBatch();
		const write = chained._write.bind(chained);
		chained._write = (options, callback) =>
			write(options, (error) => {
				untracked--;
				values.clear();
				callback(error);
			});
		return chained;
	};
	return down;
}

/** Removes a LevelDB directory (PouchDB's destroy calls this on its backend). */
recentWritesLeveldown.destroy = (location: string, callback: (error?: Error | null) => void) => leveldown.destroy(location, callback);

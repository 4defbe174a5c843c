import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { servedAs } from '../../core/attachments';
import type { UserProfile } from '../../core/schemas';
import type { Auth } from '../auth';
import { bodySizeLimit } from '../body-size';
import { buildingsChanged } from '../rescope';
import type { Db } from '../store';
import { answeredFromMemory, ClientLeft, readAfterCatchingUp, readChangesQuery, scopedChanges } from './changes';
import { CurrentRevisions } from './current-revisions';
import { Checkpoints } from './checkpoints';
import type { SharedFeed } from './feed';
import { checkCount, MAX_REVS_PER_REQUEST } from './limits';
import { Admission, LeftWhileWaiting } from './admission';
import { longpollResponse } from './longpoll';
import { queryShareKey } from './longpoll-share';
import { asSeenBy, bulkGetJson, mayRead, revsDiff, scopedAllDocs, scopedBulkGet } from './reads';
import { scopeKey, type Viewer } from './scope';
import type { ScopeIndex } from './scope-index';
import { scopedBulkDocs } from './writes';

export const DB_NAME = 'helpdesk';
const LOCAL_MAX_BYTES = 64 * 1024;

export interface GatewayDeps {
	db: Db;
	privateDb: Db;
	feed: SharedFeed;
	auth: Auth;
	serverUuid: string;
	closedWindowDays: number;
	/** The server's clock (see config CLOCK_OFFSET_MS). */
	now: () => Date;
	/** Every document's scope facts, for reads older than the feed's memory (absent: those read the store). */
	index?: ScopeIndex;
}

type Env = { Variables: { viewer: Viewer } };
type Ctx = Context<Env>;

async function readJson(c: { req: { json(): Promise<unknown> } }): Promise<Record<string, unknown>> {
	try {
		const body = await c.req.json();
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
	} catch {
		throw new HTTPException(400, { message: 'The request body is not valid JSON.' });
	}
	throw new HTTPException(400, { message: 'The request body must be a JSON object.' });
}

/** Whether the store can serialise `body` (JSON.parse accepts nesting deeper than JSON.stringify's stack allows). */
function storable(body: unknown): boolean {
	try {
		JSON.stringify(body);
		return true;
	} catch {
		return false;
	}
}

/** The CouchDB-protocol sync gateway, mounted at /db. */
export function gatewayApp(deps: GatewayDeps) {
	const { db, privateDb, feed, auth } = deps;
	const scans = new Admission();
	const app = new Hono<Env>({ strict: false });

	const viewerOf = async (profile: UserProfile): Promise<Viewer> => ({
		actor: profile,
		formerBuildings: await auth.formerBuildings(profile.username),
		now: deps.now(),
		closedWindowDays: deps.closedWindowDays
	});
	const onProfileChange = (username: string, before: string[], after: string[]) => buildingsChanged(db, auth, username, before, after);
	const writes = { db, people: (username: string) => auth.profile(username), onProfileChange };

	app.get('/', (c) => c.json({ couchdb: 'Welcome', vendor: { name: 'district-helpdesk' }, version: '3.3.3', uuid: deps.serverUuid }));

	// Made at the first request, so that an app built only to list its routes needs no feed.
	let current: CurrentRevisions | undefined;
	const dbApp = new Hono<Env>({ strict: false });
	dbApp.use('*', async (c, next) => {
		current ??= new CurrentRevisions(feed);
		c.set('viewer', await viewerOf(await auth.identify(c)));
		await next();
	});

	dbApp.get('/', async (c) => {
		const info = await db.info();
		return c.json({ db_name: DB_NAME, update_seq: info.update_seq, doc_count: info.doc_count, instance_start_time: '0' });
	});
	dbApp.put('/', (c) => c.json({ error: 'file_exists', reason: 'The database already exists.' }, 412));

	const checkpoints = new Checkpoints(privateDb);
	// _local documents keep no revision history: a checkpoint rewritten on every change stays one small record.
	const localId = (viewer: Viewer, id: string) => `_local/checkpoint:${viewer.actor.username}:${scopeKey(viewer)}:${id}`;
	dbApp.get('/_local/:id{.+}', async (c) => {
		const body = await checkpoints.get(localId(c.get('viewer'), c.req.param('id')));
		return body ? c.json({ ...body, _id: `_local/${c.req.param('id')}`, _rev: '0-1' }) : c.json({ error: 'not_found', reason: 'missing' }, 404);
	});
	// A checkpoint is a few hundred bytes; a _local document is no place to store files.
	const limitLocal = bodySizeLimit(LOCAL_MAX_BYTES, (c) => {
		c.header('Connection', 'close');
		throw new HTTPException(413, { message: `A _local document (a sync checkpoint) is at most ${LOCAL_MAX_BYTES / 1024} KB.` });
	});
	dbApp.put('/_local/:id{.+}', limitLocal, async (c) => {
		const viewer = c.get('viewer');
		const body = await readJson(c);
		if (!storable(body)) throw new HTTPException(400, { message: 'This checkpoint is nested too deeply to store; a sync checkpoint is a few plain fields.' });
		await checkpoints.put(localId(viewer, c.req.param('id')), body).catch((error: { status?: number }) => {
			if (error.status !== 409) throw error;
			throw new HTTPException(409, { message: 'Another sync of yours wrote this checkpoint at the same moment; the sync tries again.' });
		});
		return c.json({ ok: true, id: `_local/${c.req.param('id')}`, rev: '0-1' }, 201);
	});
	dbApp.delete('/_local/:id{.+}', async (c) => {
		await checkpoints.remove(localId(c.get('viewer'), c.req.param('id')));
		return c.json({ ok: true, id: `_local/${c.req.param('id')}`, rev: '0-0' });
	});

	const changes = async (c: Ctx, body: Record<string, unknown>) => {
		const viewer = c.get('viewer');
		const query = readChangesQuery(c.req.query(), body);
		if (query.since === 'now') query.since = feed.lastSeq;
		// Only answers that read the store's history wait for a slot; those from memory (the feed's, the index) go at once.
		const fromStore = !answeredFromMemory(feed, deps.index, query.since);
		const memory = { current, index: deps.index };
		// One person holds at most one slot, and a request whose client left while it waited leaves the queue.
		const scan = () =>
			scans.run(() => scopedChanges(db, feed, viewer, query, memory, c.req.raw.signal), { owner: viewer.actor.username, signal: c.req.raw.signal }).catch((error: unknown) => {
				if (error instanceof LeftWhileWaiting || error instanceof ClientLeft) throw new HTTPException(503, { message: error.message });
				throw error;
			});
		// Where the first answer comes from, for operators and tests: the feed's memory, the scope index or the store.
		c.header('X-Changes-Source', feed.after(query.since) !== null ? 'memory' : fromStore ? 'store' : 'index');
		const once = () => (fromStore ? scan() : scopedChanges(db, feed, viewer, query, memory));
		// A longpoll that finds nothing waits for the feed anyway; a one-shot read must not end before what the store holds.
		const first = await (query.longpoll ? once() : readAfterCatchingUp(db, feed, once, c.req.raw.signal));
		if (!query.longpoll || first.results.length > 0) return c.json(first);
		const next = (since: string | number) => scopedChanges(db, feed, viewer, { ...query, since }, memory);
		const share = `${viewer.actor.username}|${scopeKey(viewer)}|${queryShareKey(query)}`;
		return longpollResponse({ first, next, feed, timeout: query.timeout, heartbeat: query.heartbeat, signal: c.req.raw.signal, share });
	};
	dbApp.get('/_changes', (c) => changes(c, {}));
	dbApp.post('/_changes', async (c) => changes(c, await readJson(c)));

	dbApp.post('/_revs_diff', async (c) => {
		const body = await readJson(c);
		const asked = Object.entries(body);
		checkCount(asked.length, 'document ids');
		if (!asked.every(([, revs]) => Array.isArray(revs) && revs.every((rev) => typeof rev === 'string')))
			throw new HTTPException(400, { message: '_revs_diff needs an object of document ids to arrays of revisions.' });
		checkCount(asked.reduce((sum, [, revs]) => sum + (revs as string[]).length, 0), 'revisions', MAX_REVS_PER_REQUEST);
		return c.json(await revsDiff(db, asked as [string, string[]][]));
	});

	dbApp.post('/_bulk_get', async (c) => {
		const body = await readJson(c);
		if (!Array.isArray(body.docs)) throw new HTTPException(400, { message: '_bulk_get needs a docs array.' });
		checkCount(body.docs.length, 'documents');
		const requests = body.docs.filter(
			(d): d is { id: string; rev?: string } => !!d && typeof d.id === 'string' && (d.rev === undefined || typeof d.rev === 'string')
		);
		return c.body(bulkGetJson(await scopedBulkGet(db, c.get('viewer'), requests, current), current), 200, { 'content-type': 'application/json' });
	});

	dbApp.post('/_bulk_docs', async (c) => {
		const body = await readJson(c);
		if (!Array.isArray(body.docs)) throw new HTTPException(400, { message: '_bulk_docs needs a docs array.' });
		checkCount(body.docs.length, 'documents');
		const results = await scopedBulkDocs(writes, c.get('viewer'), body.docs, body.new_edits !== false);
		return c.json(results, 201);
	});

	dbApp.post('/_ensure_full_commit', (c) => c.json({ ok: true, instance_start_time: '0' }, 201));

	const allDocs = async (c: Ctx, keys?: unknown) => {
		const q = c.req.query();
		const parse = (v: string | undefined) => (v === undefined ? undefined : JSON.parse(v));
		const count = (name: string, v: string | undefined) => {
			if (v && !/^\d+$/.test(v)) throw new HTTPException(400, { message: `${name} must be a whole number, 0 or more.` });
			return v ? { [name]: Number(v) } : {};
		};
		try {
			const requestedKeys = q.keys ? parse(q.keys) : Array.isArray(keys) ? keys.map(String) : undefined;
			if (requestedKeys !== undefined && !Array.isArray(requestedKeys)) throw new HTTPException(400, { message: 'keys must be a JSON array of document ids.' });
			if (requestedKeys) checkCount(requestedKeys.length, 'keys');
			const query = {
				...(q.startkey || q.start_key ? { startkey: parse(q.startkey ?? q.start_key) } : {}),
				...(q.endkey || q.end_key ? { endkey: parse(q.endkey ?? q.end_key) } : {}),
				...count('limit', q.limit),
				...count('skip', q.skip),
				...(q.descending === 'true' ? { descending: true } : {}),
				...(requestedKeys ? { keys: (requestedKeys as unknown[]).map(String) } : {}),
				includeDocs: q.include_docs === 'true'
			};
			return c.json(await scopedAllDocs(db, c.get('viewer'), query));
		} catch (error) {
			if (error instanceof SyntaxError) throw new HTTPException(400, { message: 'startkey, endkey and keys must be JSON.' });
			throw error;
		}
	};
	dbApp.get('/_all_docs', (c) => allDocs(c));
	dbApp.post('/_all_docs', async (c) => allDocs(c, (await readJson(c)).keys));

	const notFound = { error: 'not_found', reason: 'missing' };
	dbApp.get('/:id/:attachment{.+}', async (c) => {
		const id = c.req.param('id');
		const rev = c.req.query('rev');
		try {
			const doc = (await db.get(id, rev ? { rev } : {})) as Record<string, unknown>;
			const latest = rev ? ((await db.get(id)) as Record<string, unknown>) : doc;
			if (!mayRead(c.get('viewer'), doc) || !mayRead(c.get('viewer'), latest)) return c.json(notFound, 404);
			const name = c.req.param('attachment');
			const meta = (doc._attachments as Record<string, { content_type: string }> | undefined)?.[name];
			if (!meta) return c.json(notFound, 404);
			const data = (await db.getAttachment(id, name, rev ? { rev } : {})) as Buffer;
			// Served so that no file can run as a page of this origin: only stored types, sniffing off, in a sandbox.
			const served = servedAs(meta.content_type);
			const filename = /^[A-Za-z0-9._-]+$/.test(name) ? `; filename="${name}"` : '';
			return new Response(new Uint8Array(data), {
				headers: {
					'content-type': served.type,
					'content-disposition': `${served.inline ? 'inline' : 'attachment'}${filename}`,
					'x-content-type-options': 'nosniff',
					'content-security-policy': 'sandbox'
				}
			});
		} catch {
			return c.json(notFound, 404);
		}
	});

	dbApp.get('/:id', async (c) => {
		const id = c.req.param('id');
		if (id.startsWith('_')) return c.json({ error: 'not_found', reason: `${id} is not supported by this gateway.` }, 404);
		const q = c.req.query();
		if (q.open_revs) {
			let wanted: unknown = 'all';
			try {
				if (q.open_revs !== 'all') wanted = JSON.parse(q.open_revs);
			} catch {
				wanted = null;
			}
			if (wanted !== 'all' && !(Array.isArray(wanted) && wanted.every((rev) => typeof rev === 'string')))
				throw new HTTPException(400, { message: 'open_revs must be "all" or a JSON array of revisions.' });
			if (Array.isArray(wanted)) checkCount(wanted.length, 'revisions');
			const answer = (await scopedBulkGet(db, c.get('viewer'), wanted === 'all' ? [{ id }] : (wanted as string[]).map((rev) => ({ id, rev })))).results.flatMap((r) => r.docs);
			return c.json(answer);
		}
		try {
			const doc = (await db.get(id, {
				...(q.rev ? { rev: q.rev } : {}),
				revs: q.revs === 'true',
				conflicts: q.conflicts === 'true',
				attachments: q.attachments === 'true'
			})) as Record<string, unknown>;
			const latest = q.rev ? ((await db.get(id)) as Record<string, unknown>) : doc;
			return mayRead(c.get('viewer'), doc) && mayRead(c.get('viewer'), latest) ? c.json(asSeenBy(c.get('viewer'), doc)) : c.json(notFound, 404);
		} catch {
			return c.json(notFound, 404);
		}
	});

	const writeOne = async (c: Ctx, doc: Record<string, unknown>) => {
		const [result] = await scopedBulkDocs(writes, c.get('viewer'), [doc], true);
		if ('error' in result) return c.json({ error: result.error, reason: result.reason }, result.error === 'conflict' ? 409 : 403);
		return c.json(result, 201);
	};
	dbApp.put('/:id', async (c) => writeOne(c, { ...(await readJson(c)), _id: c.req.param('id') }));
	dbApp.post('/', async (c) => {
		const body = await readJson(c);
		if (typeof body._id !== 'string') throw new HTTPException(400, { message: 'A new document needs an _id.' });
		return writeOne(c, body);
	});
	dbApp.delete('/:id', async (c) => {
		const rev = c.req.query('rev');
		if (!rev) throw new HTTPException(400, { message: 'Deleting a document needs ?rev=.' });
		return writeOne(c, { _id: c.req.param('id'), _rev: rev, _deleted: true });
	});

	app.route(`/${DB_NAME}`, dbApp);
	app.all('/:other{.*}', (c) => c.json({ error: 'not_found', reason: `Only the ${DB_NAME} database is served here.` }, 404));
	return app;
}

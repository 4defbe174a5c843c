import { seededRandom } from '../../core/random';
import { join } from 'node:path';
import fc from 'fast-check';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HistoryEntry, ReplicatedDoc, STATUSES, type Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { api, makeTicket, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

/** A 1x1 PNG, base64: a file the gateway accepts. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

// Deterministic by default; FUZZ_SEED=<n> explores other runs, and a failure names its seed.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const TOTAL = 3000;
const BATCH = 100;
const ACTORS = ['ann', 'coord'] as const;
const PEOPLE = ['ann', 'bob', 'cat', 'tech-n', 'tech-s', 'spec', 'coord', 'admin', 'system', 'mallory'];
const STACK_TRACE = /\n\s+at |\bat [\w$.<>]+ \(|node_modules|\/work\/|\.(?:ts|js|mjs):\d+/;

type Doc = Record<string, unknown>;
type Row = { ok?: boolean; id?: unknown; rev?: unknown; error?: unknown; reason?: unknown };


// Random JSON and strings from fast-check's generators, drawn once with a fixed seed.
const RANDOM_JSON = fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed: SEED, numRuns: 400 });
const RANDOM_OBJECTS = fc.sample(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }), { seed: SEED + 1, numRuns: 200 });
const RANDOM_STRINGS = fc.sample(fc.string({ unit: 'binary', maxLength: 60 }), { seed: SEED + 2, numRuns: 300 });

class Fuzzer {
	#next = seededRandom(SEED);
	#entries = 0;

	int(n: number): number {
		return Math.floor(this.#next() * n);
	}
	chance(p: number): boolean {
		return this.#next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}
	hex(length: number): string {
		return Array.from({ length }, () => '0123456789abcdef'[this.int(16)]).join('');
	}

	hugeString(): string {
		const size = this.pick([201, 2_001, 20_001, 50_000]);
		return this.chance(0.5) ? 'x'.repeat(size) : (this.pick(RANDOM_STRINGS) || 'é').repeat(Math.ceil(size / 4)).slice(0, size);
	}

	/** A value of a random, usually wrong, type. */
	value(): unknown {
		switch (this.int(12)) {
			case 0:
				return null;
			case 1:
				return this.pick([true, false]);
			case 2:
				return this.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 4]);
			case 3:
				return this.pick(['', ' ', 'x', 'new', 'north', 'ticket:', '\u0000', '0000-00-00']);
			case 4:
				return this.hugeString();
			case 5:
				return [];
			case 6:
				return {};
			case 7:
				return this.pick(RANDOM_STRINGS);
			case 8:
				return this.pick(RANDOM_OBJECTS);
			case 9: {
				let deep: unknown = 'bottom';
				for (let i = 0; i < this.pick([50, 500, 3000]); i++) deep = [deep];
				return deep;
			}
			default:
				return this.pick(RANDOM_JSON);
		}
	}

	entryId(): string {
		return `fz-${++this.#entries}-${this.hex(6)}`;
	}

	/** A history entry: valid for `by` unless the kind or the values make it otherwise. */
	entry(by: string, status: string): Doc {
		const base = { id: this.entryId(), at: new Date().toISOString(), by };
		switch (this.int(6)) {
			case 0:
				return { ...base, kind: 'status', from: status, to: this.pick(STATUSES) };
			case 1:
				return { ...base, kind: 'set', changes: this.pick([{ priority: this.pick([1, 2, 3, 4]) }, { category: 'printers' }, { room: '220' }, { assignee: this.pick(PEOPLE.slice(3, 6)) }, { dueDate: '2027-01-15' }]) };
			case 2:
				return { ...base, kind: 'escalate', level: this.pick([1, 2, 3]), to: this.pick(['spec', null]), reason: 'Needs the network team.' };
			case 3:
				return { ...base, kind: 'remote-permission', granted: this.chance(0.5) };
			default:
				return { ...base, kind: 'note', text: this.pick(['Still broken after a restart.', 'Tried another outlet.', '  padded note  ', 'Café ☕ — ünïcödé ✓']) };
		}
	}

	/** Appends entries and refolds when the history still allows it; otherwise appends them raw. */
	append(doc: Doc, entries: Doc[]): Doc {
		try {
			return appendEntries(doc as unknown as Ticket, entries as unknown as HistoryEntry[]) as unknown as Doc;
		} catch {
			return { ...doc, history: [...(Array.isArray(doc.history) ? doc.history : []), ...entries] };
		}
	}

	/** One mutation of a ticket (or of anything shaped like a document). */
	mutate(doc: Doc, actor: string): Doc {
		const d: Doc = structuredClone(doc);
		const keys = Object.keys(d).filter((k) => k !== '_id' && k !== '_rev');
		const history = Array.isArray(d.history) ? (d.history as Doc[]) : [];
		switch (this.int(17)) {
			case 0: // delete a field
				if (keys.length) delete d[this.pick(keys)];
				return d;
			case 1: // wrong type
				if (keys.length) d[this.pick(keys)] = this.value();
				return d;
			case 2: // huge string
				d[this.pick(['title', 'description', 'room', 'requesterName', 'contactPhone', 'createdBy', 'name', 'body'])] = this.hugeString();
				return d;
			case 3: {
				// extra field, sometimes one that means something to JavaScript or CouchDB
				const name = this.pick(['extra', 'notes', '_foo', '_local_seq', '__proto__', 'constructor', 'toString', 'type2', this.pick(RANDOM_STRINGS)]);
				Object.defineProperty(d, name, { value: this.value(), enumerable: true, configurable: true, writable: true });
				return d;
			}
			case 4: {
				// bad enum values
				const bad = this.pick<[string, unknown]>([
					['status', 'open'],
					['status', 'NEW'],
					['source', 'fax'],
					['priority', this.pick([0, 5, 7, '1', 1.5])],
					['level', 4],
					['building', 'North School'],
					['category', 'Bad Code!'],
					['type', this.pick(['Ticket', 'tickets', 'kb ', 'user', 'building', 'unknown'])],
					['role', 'superuser'],
					['kind', 'teacher']
				]);
				d[bad[0]] = bad[1];
				return d;
			}
			case 5: // an entry under someone else's name
				return this.append(d, [this.entry(this.pick(PEOPLE.filter((p) => p !== actor)), String(d.status))]);
			case 6: // history removed or cut
				d.history = this.pick([[], null, history.slice(1), history.slice(0, -1), history.slice(-1), undefined]);
				if (d.history === undefined) delete d.history;
				return d;
			case 7: // a field changed directly, out of sync with the history
				Object.assign(
					d,
					this.pick([{ status: this.pick(STATUSES) }, { assignee: 'tech-n' }, { priority: 1 }, { closedAt: new Date().toISOString() }, { level: 3, escalatedTo: 'spec' }, { building: 'south' }, { dueDate: '2027-02-01' }])
				);
				return d;
			case 8: {
				// a malformed entry
				const entry = this.entry(actor, String(d.status));
				const broken = this.pick<Doc>([
					{ id: 'x' },
					{ id: 'has space in it' },
					{ id: 'a'.repeat(100) },
					{ at: 'yesterday' },
					{ at: '2026-13-45T25:61:00Z' },
					{ kind: 'comment' },
					{ kind: undefined },
					{ by: '' },
					{ extra: true },
					{ text: '   ' },
					{ text: this.hugeString() },
					{ interaction: { type: 'desk-visit', minutes: -1 } }
				]);
				return this.append(d, [{ ...entry, ...broken }]);
			}
			case 9: // valid entries by the actor
				return this.append(d, Array.from({ length: 1 + this.int(3) }, () => this.entry(actor, String(d.status))));
			case 10: // the id or number out of step
				if (this.chance(0.5)) d._id = `ticket:FZZ-${this.pick(['222', 'ABC', '9Z9', 'ZZZZZ'])}`;
				else d.number = this.pick(['FZZ-223', 'bad', 42, 'KMN-2222222']);
				return d;
			case 11: // a password in a note
				return this.append(d, [{ id: this.entryId(), at: new Date().toISOString(), by: actor, kind: 'note', text: this.pick(['my password is Hunter2!x', 'login: ann / Winter2026!', 'pin: 4821', 'api_key=sk_live_51HxAbCdEfGhIjKl']) }]);
			case 12: // a duplicated or rewritten entry
				if (history.length) d.history = [...history, this.chance(0.5) ? history[0] : { ...history[0], by: actor, at: new Date().toISOString() }];
				return d;
			case 13: {
				// a nested value replaced
				const target = this.pick([history[0], history[0]?.fields, (history[0]?.fields as Doc | undefined) ?? d, d]) as Doc | undefined;
				if (target && typeof target === 'object') {
					const inner = Object.keys(target);
					if (inner.length) target[this.pick(inner)] = this.value();
				}
				return d;
			}
			case 14: // attachments, good and bad
				d._attachments = this.pick([
					{ [`${String(history[0]?.id)}.1.png`]: { content_type: 'image/png', data: TINY_PNG } },
					{ [`${String(history[0]?.id)}.1.png`]: { content_type: 'image/png', data: Buffer.from('<html><script>1</script>').toString('base64') } },
					{ 'page.html': { content_type: 'text/html', data: Buffer.from('<script>1</script>').toString('base64') } },
					{ 'photo.txt': { content_type: 'text/plain', data: Buffer.from('hello').toString('base64') } },
					{ 'a.bin': { content_type: 'application/octet-stream', data: this.value() } },
					{ 'a.txt': { content_type: 'text/plain', stub: true, digest: `md5-${this.hex(8)}` } },
					{ 'a.txt': { data: 'aGk=' } },
					this.value()
				]);
				return d;
			case 15: // times far away
				if (history.length) d.history = history.map((e, i) => (i === history.length - 1 ? { ...e, at: this.pick(['1970-01-01T00:00:00Z', '2100-01-01T00:00:00+14:00', '2026-02-30T10:00:00Z']) } : e));
				else d.createdAt = '1970-01-01T00:00:00Z';
				return d;
			default: // CouchDB metadata with the wrong shape
				Object.assign(
					d,
					this.pick([{ _conflicts: this.value() }, { _deleted: this.pick([false, 'true', 1, null]) }, { _revisions: this.value() }, { _revs_info: [] }, { _attachments: null }, { _id: this.value() }])
				);
				return d;
		}
	}

	/** A fresh document of a type other than ticket, valid before mutation. */
	otherDoc(actor: string, pool: Doc[]): Doc {
		const existing = pool.filter((d) => d.type !== 'ticket');
		if (existing.length && this.chance(0.5)) {
			const d = structuredClone(this.pick(existing));
			if (d.type === 'user' && this.chance(0.5)) d.phone = this.pick(['555-0100', '555-0199', 'x'.repeat(41)]);
			return d;
		}
		const code = `fz-${this.hex(6)}`;
		return this.pick<Doc>([
			{ _id: `kb:${code}`, type: 'kb', kind: this.pick(['article', 'faq']), title: 'Reset the projector', body: 'Hold power for ten seconds.', tags: ['av'], updatedAt: new Date().toISOString(), author: actor },
			{ _id: `building:${code}`, type: 'building', code, name: 'Fuzz Elementary', kind: 'school', technician: null },
			{ _id: `category:${code}`, type: 'category', code, name: 'Fuzz category' },
			{ _id: `user:${code}`, type: 'user', username: code, name: 'Fuzzy', role: this.pick(['requester', 'admin']), buildings: ['north'] }
		]);
	}

	/** One document to send, starting from something valid and mutating it. */
	doc(actor: string, pool: Doc[], newEdits: boolean): unknown {
		const tickets = pool.filter((d) => d.type === 'ticket');
		const roll = this.#next();
		let doc: Doc;
		let existing: Doc | null = null;
		if (roll < 0.35) {
			doc = makeTicket(this.chance(0.9) ? actor : this.pick(PEOPLE), this.chance(0.2) ? { source: 'on-behalf', requester: 'bob' } : {}) as unknown as Doc;
		} else if (roll < 0.62 && tickets.length) {
			existing = this.pick(tickets);
			doc = structuredClone(existing);
			if (this.chance(0.5)) doc = this.append(doc, [this.entry(actor, String(doc.status))]);
		} else if (roll < 0.77) {
			doc = this.otherDoc(actor, pool);
			existing = pool.find((d) => d._id === doc._id) ?? null;
		} else if (roll < 0.9) {
			// random JSON, sometimes dressed as a document
			const value = this.chance(0.3) ? this.pick(RANDOM_JSON) : { ...this.pick(RANDOM_OBJECTS) };
			if (value && typeof value === 'object' && !Array.isArray(value) && this.chance(0.7)) {
				Object.assign(value, { _id: `${this.pick(['ticket:', 'kb:', 'user:', 'building:', '', '_design/', '_local/', 'x:'])}${this.pick(RANDOM_STRINGS)}` });
				if (this.chance(0.5)) Object.assign(value, { type: this.pick(['ticket', 'kb', 'user', 'building', 'category', this.pick(RANDOM_STRINGS)]) });
			}
			return newEdits || !value || typeof value !== 'object' || Array.isArray(value) ? value : { ...value, _rev: `1-${this.hex(32)}` };
		} else if (pool.length) {
			// a deletion, sometimes carrying more than a deletion should
			existing = this.pick(pool);
			doc = { _id: existing._id, _rev: existing._rev, _deleted: true, ...(this.chance(0.3) ? { junk: this.value(), type: 'ticket' } : {}) };
		} else {
			doc = makeTicket(actor) as unknown as Doc;
		}

		const mutations = this.pick([0, 0, 1, 1, 1, 2, 3]);
		for (let i = 0; i < mutations; i++) doc = this.mutate(doc, actor);
		return this.revise(doc, existing, newEdits);
	}

	/** Gives the document a revision the way a client would, or a wrong one. */
	revise(doc: Doc, existing: Doc | null, newEdits: boolean): Doc {
		const current = typeof existing?._rev === 'string' ? existing._rev : null;
		if (newEdits) {
			if (this.chance(0.1)) return { ...doc, _rev: this.pick([`1-${this.hex(32)}`, 'garbage', `${current ?? '1-a'}x`]) };
			if (!current) {
				const { _rev: _r, ...rest } = doc;
				return rest;
			}
			return { ...doc, _rev: current };
		}
		const [generation, hash] = current ? [Number(current.split('-')[0]), current.split('-')[1]] : [0, ''];
		const own = this.hex(32);
		const style = this.int(10);
		if (style < 6) {
			// a child of the stored revision, as the replicator sends it
			return { ...doc, _rev: `${generation + 1}-${own}`, _revisions: { start: generation + 1, ids: hash ? [own, hash] : [own] } };
		}
		if (style < 8) return { ...doc, _rev: `${1 + this.int(5)}-${own}` }; // a random revision without history
		if (style < 9) {
			// a branch from a parent the server never saw
			return { ...doc, _rev: `${generation + 2}-${own}`, _revisions: { start: generation + 2, ids: [own, this.hex(32)] } };
		}
		return {
			...doc,
			...this.pick<Doc>([
				{ _rev: this.value() },
				{ _rev: `0-${own}` },
				{ _rev: `${2 ** 60}-${own}` },
				{ _rev: `1-${own.toUpperCase()}` },
				{ _rev: `2-${own}`, _revisions: { start: 2, ids: [] } },
				{ _rev: `2-${own}`, _revisions: { start: 5, ids: [own, hash || 'abc'] } },
				{ _rev: `1-${own}`, _revisions: this.value() }
			])
		};
	}
}

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
	await provision(server);
});
afterAll(async () => {
	await server?.dispose();
});

async function visibleDocs(as: string): Promise<Doc[]> {
	const answer = await api(server, '/db/helpdesk/_all_docs?include_docs=true', { as });
	expect(answer.status).toBe(200);
	return (answer.body as unknown as { rows: { doc: Doc }[] }).rows.map((r) => r.doc);
}

function describeFailure(doc: unknown, issues: { path: PropertyKey[]; message: string }[]) {
	const id = doc && typeof doc === 'object' ? (doc as Doc)._id : undefined;
	return `${String(id)}: ${issues
		.slice(0, 3)
		.map((i) => `${i.path.join('.')}: ${i.message}`)
		.join('; ')}`;
}

describe('fuzzing _bulk_docs with random and mutated documents', () => {
	const problems: string[] = [];
	const tally = { accepted: 0, forbidden: 0, conflict: 0, responses: new Map<number, number>() };

	it(`answers ${TOTAL} random and mutated documents from a requester and the coordinator without a 500`, async () => {
		const fuzzer = new Fuzzer();
		for (let batch = 0; batch < TOTAL / BATCH; batch++) {
			const actor = ACTORS[batch % 2];
			const newEdits = Math.floor(batch / 2) % 2 === 0;
			const pool = await visibleDocs(actor);
			const docs = Array.from({ length: BATCH }, () => fuzzer.doc(actor, pool, newEdits));
			const answer = await api(server, '/db/helpdesk/_bulk_docs', { as: actor, method: 'POST', body: JSON.stringify(newEdits ? { docs } : { docs, new_edits: false }) });
			tally.responses.set(answer.status, (tally.responses.get(answer.status) ?? 0) + 1);
			const where = `batch ${batch} (${actor}, new_edits ${newEdits}, seed ${SEED})`;
			if (answer.status !== 201 || !Array.isArray(answer.body)) {
				problems.push(`${where}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
				continue;
			}
			const rows = answer.body as unknown as Row[];
			if (rows.length !== docs.length) problems.push(`${where}: ${rows.length} answers for ${docs.length} documents`);
			for (const row of rows) {
				if (row.ok === true && typeof row.id === 'string' && typeof row.rev === 'string') {
					tally.accepted++;
					continue;
				}
				const fine =
					(row.error === 'forbidden' || row.error === 'conflict') &&
					typeof row.reason === 'string' &&
					row.reason.trim().length > 0 &&
					!STACK_TRACE.test(row.reason) &&
					row.ok === undefined;
				if (!fine) problems.push(`${where}: ${JSON.stringify(row).slice(0, 300)}`);
				else tally[row.error as 'forbidden' | 'conflict']++;
			}
		}
		expect(problems.slice(0, 20)).toEqual([]);
		expect([...tally.responses.keys()]).toEqual([201]);
		// The fuzz reached both outcomes: documents were stored and documents were refused.
		expect(tally.accepted).toBeGreaterThan(100);
		expect(tally.forbidden).toBeGreaterThan(1000);
	});

	it('still answers, and every stored document the coordinator reads parses as a replicated document', async () => {
		const health = await api(server, '/api/health');
		expect(health.status).toBe(200);

		const docs = await visibleDocs('coord');
		expect(docs.length).toBeGreaterThan(50);
		const invalid = docs.flatMap((doc) => {
			const parsed = ReplicatedDoc.safeParse(doc);
			return parsed.success ? [] : [describeFailure(doc, parsed.error.issues)];
		});
		expect(invalid).toEqual([]);

		const feed = await api(server, '/db/helpdesk/_changes?include_docs=true', { as: 'coord' });
		expect(feed.status).toBe(200);
		const results = (feed.body as unknown as { results: { id: string; deleted?: boolean; doc?: Doc }[] }).results;
		expect(results.length).toBeGreaterThan(50);
		const bad = results.flatMap((r) => {
			if (r.deleted) {
				// a tombstone carries nothing but its identity
				const extra = Object.keys(r.doc ?? {}).filter((k) => !['_id', '_rev', '_deleted', '_revisions'].includes(k));
				return extra.length ? [`${r.id}: tombstone with ${extra.join(', ')}`] : [];
			}
			const parsed = ReplicatedDoc.safeParse(r.doc);
			return parsed.success ? [] : [describeFailure(r.doc, parsed.error.issues)];
		});
		expect(bad).toEqual([]);

		const ann = await api(server, '/db/helpdesk/_changes?include_docs=true', { as: 'ann' });
		expect(ann.status).toBe(200);
		for (const r of (ann.body as unknown as { results: { deleted?: boolean; doc?: Doc }[] }).results) {
			if (!r.deleted) expect(ReplicatedDoc.safeParse(r.doc).success).toBe(true);
		}
	});

	it('left only valid documents and no unresolved conflicts in the store itself', async () => {
		// The gateway hides documents that do not parse, so read the store directly while the server is stopped.
		await server.stop();
		const store = new PouchDB<Doc>(join(server.dataDir, 'helpdesk'));
		try {
			const all = await store.allDocs({ include_docs: true, conflicts: true });
			expect(all.rows.length).toBeGreaterThan(50);
			const invalid: string[] = [];
			const conflicted: string[] = [];
			for (const row of all.rows) {
				const doc = row.doc as Doc & { _conflicts?: string[] };
				if (doc._conflicts?.length) conflicted.push(`${row.id}: ${doc._conflicts.length} conflicts`);
				const { _conflicts: _c, ...stored } = doc;
				const parsed = ReplicatedDoc.safeParse(stored);
				if (!parsed.success) invalid.push(describeFailure(stored, parsed.error.issues));
			}
			expect(invalid).toEqual([]);
			expect(conflicted).toEqual([]);
		} finally {
			await store.close();
		}
		await server.restart();
		const health = await api(server, '/api/health');
		expect(health.status).toBe(200);
		expect(server.output()).not.toMatch(/TypeError|ReferenceError|RangeError|Something went wrong|changes feed stopped/);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbArticle, Ticket } from '../../core/schemas';
import { appendEntries } from '../../core/ticket';
import { api, device, makeTicket, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
	await provision(server);
});
afterAll(async () => {
	await server?.dispose();
});

type Row = { ok?: boolean; id?: string; error?: string; reason?: string };

/** Pushes documents through _bulk_docs as a person and returns the one answer per document. */
async function bulk(as: string, docs: object[], newEdits = true): Promise<Row[]> {
	const answer = await api(server, '/db/helpdesk/_bulk_docs', { method: 'POST', as, body: JSON.stringify({ docs, new_edits: newEdits }) });
	expect(answer.status).toBe(201);
	return answer.body as unknown as Row[];
}

function article(over: Partial<KbArticle> = {}): KbArticle {
	return {
		_id: 'kb:staff-wifi',
		type: 'kb',
		kind: 'article',
		title: 'Joining the staff Wi-Fi',
		body: 'Choose DistrictStaff and sign in with your district account.',
		tags: ['wifi'],
		updatedAt: new Date().toISOString(),
		author: 'coord',
		...over
	};
}

describe('the password guard on help articles', () => {
	it('refuses a coordinator’s article whose text gives the Wi-Fi password, and a student never reads it', async () => {
		const leaky = article({ _id: 'kb:guest-wifi', body: 'Wi-Fi password is Lakeside#2026' });
		const put = await api(server, `/db/helpdesk/${leaky._id}`, { method: 'PUT', as: 'coord', body: JSON.stringify(leaky) });
		expect(put.status).toBe(403);
		expect(put.body).toMatchObject({ error: 'forbidden' });
		expect(put.body.reason).toMatch(/^This looks like a password\..* It is in the article text: remove "•+" and save again\.$/);
		expect(put.body.reason).not.toContain('Lakeside');

		const [row] = await bulk('coord', [leaky]);
		expect(row).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('article text') });

		const coord = device(server, 'coord');
		await coord.local.put(leaky);
		const pushed = await coord.push();
		expect(pushed.doc_write_failures).toBe(1);

		const read = await api(server, `/db/helpdesk/${leaky._id}`, { as: 'cat' });
		expect(read.status).toBe(404);
		const student = device(server, 'cat');
		await student.pull();
		expect(await student.ids('kb:')).not.toContain(leaky._id);
	});

	it('stores a clean article that the same student then reads, so the refusal above is the guard’s', async () => {
		const clean = article();
		const [row] = await bulk('coord', [clean]);
		expect(row).toMatchObject({ ok: true });
		const student = device(server, 'cat');
		await student.pull();
		expect(await student.ids('kb:')).toContain(clean._id);
	});

	it('refuses a password in an article’s title or tags, hidden with a look-alike letter', async () => {
		const [title, tags] = await bulk('coord', [
			article({ _id: 'kb:title-leak', title: 'Guest p\u0430ssword: Lakeside#2026' }),
			article({ _id: 'kb:tag-leak', tags: ['wifi', 'pw=Lakeside#2026'] })
		]);
		expect(title).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('article title') });
		expect(tags).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('It is in the tag:') });
	});
});

describe('the password guard on tickets', () => {
	it('refuses the bypasses that got through before: look-alike letters, zero-width spaces, a line break, other languages', async () => {
		const bypasses: [Partial<Parameters<typeof makeTicket>[1]>, string][] = [
			[{ description: 'Cannot sign in. My P\u0430ssword is Tiger$2024' }, 'description'],
			[{ description: 'Cannot sign in. pass\u200Bword: Tiger$2024' }, 'description'],
			[{ description: 'Cannot sign in.\nPassword\nTiger$2024' }, 'description'],
			[{ description: 'my pass is Tiger$2024' }, 'description'],
			[{ description: 'P a s s w o r d: Tiger$2024' }, 'description'],
			[{ description: 'Mon mot de passe: Soleil2024' }, 'description'],
			[{ description: 'user: ann / pass: Spring2024' }, 'description'],
			[{ room: 'Kennwort: Hund#1234' }, 'room'],
			[{ requesterName: 'Ann pw=Tiger$2024' }, 'requester’s name']
		];
		const tickets = bypasses.map(([over]) => makeTicket('ann', over));
		const rows = await bulk('ann', tickets);
		for (const [i, row] of rows.entries()) {
			expect(row, JSON.stringify(bypasses[i])).toMatchObject({ error: 'forbidden', reason: expect.stringContaining(`It is in the ${bypasses[i]?.[1]}:`) });
		}
		const replicated = await bulk('ann', tickets.map((t) => ({ ...t, _rev: '1-0123456789abcdef0123456789abcdef' })), false);
		expect(replicated.map((r) => r.error)).toEqual(tickets.map(() => 'forbidden'));
		for (const t of tickets) expect((await api(server, `/db/helpdesk/${t._id}`, { as: 'coord' })).status).toBe(404);
	});

	it('refuses a technician’s room change that holds a password, and keeps the ticket as it was', async () => {
		const ticket = makeTicket('ann');
		expect((await bulk('ann', [ticket]))[0]).toMatchObject({ ok: true });
		const stored = (await api(server, `/db/helpdesk/${ticket._id}`, { as: 'tech-n' })).body as unknown as Ticket;
		const moved = appendEntries(stored, [
			{ id: `${ticket.number}-room`, at: new Date().toISOString(), by: 'tech-n', kind: 'set', changes: { room: 'pass: Spring2024' } }
		]);
		const [row] = await bulk('tech-n', [moved]);
		expect(row).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('It is in the room:') });
		const after = (await api(server, `/db/helpdesk/${ticket._id}`, { as: 'coord' })).body as unknown as Ticket;
		expect(after._rev).toBe(stored._rev);
		expect(JSON.stringify(after)).not.toContain('Spring2024');

		const fine = appendEntries(stored, [
			{ id: `${ticket.number}-room2`, at: new Date().toISOString(), by: 'tech-n', kind: 'set', changes: { room: 'Library B' } }
		]);
		expect((await bulk('tech-n', [fine]))[0]).toMatchObject({ ok: true });
	});
});

describe('the password guard on administration', () => {
	it('refuses a building whose phone field holds a PIN, through the admin API', async () => {
		const answer = await api(server, '/api/admin/buildings/east', {
			method: 'PUT',
			body: JSON.stringify({ code: 'east', name: 'East school', kind: 'school', technician: null, phone: '555-0100 door pin 4471' })
		});
		expect(answer.status).toBe(400);
		expect(answer.body.reason).toMatch(/It is in the building phone: remove "••••"/);
	});
});

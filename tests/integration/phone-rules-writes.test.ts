import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../server/import';
import { appendEntries } from '../../core/ticket';
import { api, device, makeTicket, provision } from '../support/district';
import { type RunningServer, startServer } from '../support/server';

describe('the phone line’s rules, as the gateway and the admin API judge them', () => {
	let server: RunningServer;

	beforeAll(async () => {
		server = await startServer();
		await provision(server);
	});
	afterAll(async () => server?.dispose());

	it('refuses a device filing a voicemail ticket, and a call filed already resolved without the fix and the call; accepts one with them', async () => {
		const coord = device(server, 'coord');
		const voicemail = makeTicket('coord', { source: 'voicemail', requester: 'ann', requesterName: 'Ann Teacher' });
		const call = makeTicket('tech-n', { source: 'phone', requester: 'ann', requesterName: 'Ann Teacher', assignee: 'tech-n' });
		const at = call.createdAt;
		const onCall = (text: string, interaction?: { type: 'phone-call'; minutes: number }) =>
			appendEntries(call, [
				{ id: `${call.number}-s`, at, by: 'tech-n', kind: 'status', from: 'assigned', to: 'resolved' },
				{ id: `${call.number}-z`, at, by: 'tech-n', kind: 'note', text, ...(interaction ? { interaction } : {}) }
			]);
		const put = (as: string, doc: { _id: string }) => api(server, `/db/helpdesk/${doc._id}`, { as, method: 'PUT', body: JSON.stringify(doc) });

		await coord.local.put(voicemail);
		const pushed = await coord.push();
		expect(pushed.doc_write_failures).toBe(1);
		expect(pushed.errors.map((e) => (e as { message?: string }).message)).toEqual(['Voicemail tickets come from the phone line.']);
		expect((await api(server, `/db/helpdesk/${voicemail._id}`)).status).toBe(404);

		const noCall = await put('tech-n', onCall('Reset the password.'));
		expect(noCall.status).toBe(403);
		expect(noCall.body.reason).toBe('A call resolved while the caller was on the line records the call: say what fixed it and how many minutes the call took.');
		const oneWord = await put('tech-n', onCall('Fixed.', { type: 'phone-call', minutes: 4 }));
		expect(oneWord.body.reason).toBe('Say what fixed it in at least 2 words, so the next person with this problem can use it.');
		const good = await put('tech-n', onCall('Reset the password and signed in with Ann.', { type: 'phone-call', minutes: 4 }));
		expect(good.status, JSON.stringify(good.body)).toBe(201);
		expect((await api(server, `/db/helpdesk/${call._id}`)).body.status).toBe('resolved');
	});

	it('refuses a phone line that cannot say the ticket number or the opening time, or rings someone who is not active staff', async () => {
		const seeded = (await api(server, '/db/helpdesk/phone-line:district')).body as Record<string, unknown> & { prompts: Record<'en' | 'es', Record<string, string>> };
		const put = (doc: object) => api(server, '/db/helpdesk/phone-line:district', { method: 'PUT', body: JSON.stringify(doc) });
		const prompts = (lang: 'en' | 'es', key: string, text: string) => ({ ...seeded.prompts, [lang]: { ...seeded.prompts[lang], [key]: text } });
		const reason = async (doc: object) => {
			const r = await put(doc);
			expect(r.status, JSON.stringify(r.body)).toBe(403);
			return r.body.reason;
		};
		expect(await reason({ ...seeded, prompts: prompts('es', 'ticketNumber', 'Gracias.') })).toBe(
			'The Spanish “Ticket number” prompt must say {number} where the line speaks the ticket number.'
		);
		expect(await reason({ ...seeded, prompts: prompts('en', 'closed', 'We are closed.') })).toBe(
			'The English “Closed” prompt must say {opens} where the line speaks the next opening time.'
		);
		expect(await reason({ ...seeded, prompts: prompts('en', 'menu', 'Press 1 for {desk}.') })).toBe(
			'The English “Menu (open)” prompt says {desk}, which the line cannot fill: remove the braces.'
		);
		expect(await reason({ ...seeded, helpdesk: ['ann'] })).toBe('Help desk phones: ann is not on the technology staff, so the line cannot ring them.');
		expect(await reason({ ...seeded, onCall: ['coord', 'nobody'] })).toBe('On-call people: nobody has the username nobody.');
		const good = await put({ ...seeded, helpdesk: ['coord'], onCall: ['coord', 'spec'], prompts: prompts('en', 'whisper', 'Call for the help desk. Press 1.') });
		expect(good.status, JSON.stringify(good.body)).toBe(201);
	});

	it('never gives a person the username system or unknown-caller, through the admin API, the import or the gateway', async () => {
		const words = 'username: this username is kept for the phone line (system, unknown-caller): choose another';
		const body = (username: string) => JSON.stringify({ username, name: 'Someone', role: 'requester', kind: 'staff', buildings: ['north'], active: true });
		for (const username of ['system', 'unknown-caller']) {
			const r = await api(server, `/api/admin/users/${username}`, { method: 'PUT', body: body(username) });
			expect(r.status).toBe(400);
			expect(JSON.stringify(r.body)).toContain('this username is kept for the phone line');
			const doc = { _id: `user:${username}`, type: 'user', username, name: 'Someone', role: 'requester', kind: 'staff', buildings: [], active: true };
			const pushed = await api(server, `/db/helpdesk/user:${username}`, { method: 'PUT', body: JSON.stringify(doc) });
			expect(pushed.status).toBe(403);
			expect(pushed.body.reason).toContain('this username is kept for the phone line');
		}
		const roster = ['username,name,role,buildings', 'system,The System,requester,north', 'unknown-caller,Nobody,requester,north', 'd.ok,Dee Okay,requester,north'].join('\n');
		const imported = await api(server, '/api/admin/import', { method: 'POST', body: roster, headers: { 'content-type': 'text/csv' } });
		const report = imported.body as unknown as ImportReport;
		expect(report.refused).toEqual([
			{ line: 2, reason: words },
			{ line: 3, reason: words }
		]);
		expect(report.imported).toBe(1);
		for (const username of ['system', 'unknown-caller']) expect((await api(server, `/api/admin/users/${username}`)).status).toBe(404);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/district';
import { type Mailbox, startMailbox } from '../support/mailbox';
import { fileTicket, mailOf, offsetFor, provisionForMail, serverNow } from '../support/notify-district';
import { type CouchStandin, startCouchStandin, startServer, type WatchedServer } from '../support/server';

// Tuesday 1 December 2026, 10 AM in Denver: the district is open, so every mail goes at once.
const TUESDAY_MORNING = Date.parse('2026-12-01T10:00:00-07:00');

/** Resolves when the server has printed a line matching `pattern` (already, or from now on). */
const printed = (server: WatchedServer, pattern: RegExp) => (pattern.test(server.output()) ? Promise.resolve() : server.waitForOutput(pattern));

describe('two server instances over one CouchDB-protocol store', () => {
	let couch: CouchStandin;
	let mailbox: Mailbox;
	let a: WatchedServer;
	let b: WatchedServer;

	beforeAll(async () => {
		couch = await startCouchStandin();
		mailbox = await startMailbox();
		a = await startServer({ STORE_URL: couch.url, SMTP_URL: mailbox.url, CLOCK_OFFSET_MS: offsetFor(TUESDAY_MORNING) });
		b = await startServer({ STORE_URL: couch.url, SMTP_URL: mailbox.url, CLOCK_OFFSET_MS: offsetFor(TUESDAY_MORNING) });
		await provisionForMail(a);
	});
	afterAll(async () => {
		await a?.dispose();
		await b?.dispose();
		await mailbox?.close();
		await couch?.dispose();
	});

	it('sends an assignment once, though both instances see it', async () => {
		const ticket = await fileTicket(a, 'coord', { priority: 3, assignee: 'tech-n' });
		// Each instance either delivered it or found it handled already.
		const handled = new RegExp(`notify: (assigned ${ticket.number} to tech-n|ticket ${ticket.number}: 1 event handled before)`);
		await Promise.all([printed(a, handled), printed(b, handled)]);
		await mailbox.waitFor('the assignment mail', () => mailbox.to(mailOf('tech-n'), /Assigned to you/).length, 1);
		// A later mail, queued after the first, arrives after any second copy would have.
		const later = await fileTicket(b, 'coord', { priority: 3, building: 'south', assignee: 'tech-s' });
		await mailbox.waitFor('the later mail', () => mailbox.to(mailOf('tech-s'), new RegExp(later.number)).length, 1);
		expect(mailbox.to(mailOf('tech-n'), new RegExp(ticket.number))).toHaveLength(1);
	});

	it('sends an outage posted on one instance once to each of the building’s staff', async () => {
		const outage = {
			_id: 'outage:north-phones',
			type: 'outage',
			services: ['the phone system'],
			buildings: ['north'],
			description: 'No dial tone.',
			declaredAt: new Date(serverNow(b)).toISOString(),
			declaredBy: 'coord',
			restoredAt: null,
			restoredBy: null
		};
		expect((await api(b, `/db/helpdesk/${outage._id}`, { as: 'coord', method: 'PUT', body: JSON.stringify(outage) })).status).toBe(201);
		const posted = () => mailbox.messages.filter((m) => m.subject === 'Outage: the phone system is down at north school');
		await mailbox.waitFor('the outage mails', () => posted().length, 3);
		const handled = /notify: (outage-posted outage:north-phones to tech-n|outage:north-phones: \d+ events? handled before)/;
		await Promise.all([printed(a, handled), printed(b, handled)]);
		const later = await fileTicket(a, 'coord', { priority: 3, building: 'south', assignee: 'tech-s' });
		await mailbox.waitFor('the later mail', () => mailbox.to(mailOf('tech-s'), new RegExp(later.number)).length, 1);
		expect(posted().flatMap((m) => m.to).sort()).toEqual([mailOf('ann'), mailOf('bob'), mailOf('tech-n')]);
	});
});

import { describe, expect, it } from 'vitest';
import { canWrite } from '../access';
import type { Ticket, UserProfile } from '../schemas';
import { newTicket } from '../ticket';
import { withStatus } from '../ticket-changes';
import { callVolumes, firstContactResolution } from './call-stats';
import type { CallOutcome } from './docs';
import { isFirstContactResolution, resolvedOnCall } from './first-contact';

const ZONE = 'America/Denver';
const call = (startedAt: string, outcome: CallOutcome) => ({ startedAt, outcome });
const none = { 'in-progress': 0, answered: 0, voicemail: 0, 'emergency-answered': 0, 'emergency-voicemail': 0, abandoned: 0, failed: 0 };

describe('callVolumes', () => {
	// Monday 30 November 2026, midnight in Denver (UTC-7), to Wednesday midnight.
	const from = Date.parse('2026-11-30T07:00:00Z');
	const to = Date.parse('2026-12-02T07:00:00Z');
	const calls = [
		call('2026-11-30T06:59:00Z', 'answered'), // Sunday 23:59 local: before the period
		call('2026-11-30T07:00:00Z', 'answered'),
		call('2026-12-01T06:59:59Z', 'voicemail'), // Monday 23:59:59 local
		call('2026-12-01T15:00:00Z', 'voicemail'),
		call('2026-12-02T07:00:00Z', 'abandoned') // Wednesday 00:00 local
	];

	it('counts calls per local day, by outcome', () => {
		expect(callVolumes(calls, ZONE, from, to, 'day')).toEqual([
			{ start: '2026-11-30', startMs: from, endMs: Date.parse('2026-12-01T07:00:00Z'), total: 2, byOutcome: { ...none, answered: 1, voicemail: 1 } },
			{ start: '2026-12-01', startMs: Date.parse('2026-12-01T07:00:00Z'), endMs: to, total: 1, byOutcome: { ...none, voicemail: 1 } }
		]);
	});

	it('counts calls per ISO week, the whole week that overlaps the period', () => {
		expect(callVolumes(calls, ZONE, from, to, 'week')).toEqual([
			{ start: '2026-11-30', startMs: from, endMs: Date.parse('2026-12-07T07:00:00Z'), total: 4, byOutcome: { ...none, answered: 1, voicemail: 2, abandoned: 1 } }
		]);
	});

	it('keeps a 25-hour day whole when daylight saving time ends', () => {
		// Sunday 1 November 2026: midnight is 06:00Z (MDT), the next midnight 07:00Z (MST); 06:30Z on the 2nd is still the 1st.
		const rows = callVolumes([call('2026-11-02T06:30:00Z', 'failed')], ZONE, Date.parse('2026-11-01T06:00:00Z'), Date.parse('2026-11-02T07:00:00Z'), 'day');
		expect(rows.map((r) => [r.start, r.total, (r.endMs - r.startMs) / 3_600_000])).toEqual([['2026-11-01', 1, 25]]);
		expect(callVolumes(calls, ZONE, to, from, 'day')).toEqual([]);
	});

	it('leaves out the call simulator’s calls', () => {
		const rows = callVolumes([call('2026-11-30T15:00:00Z', 'voicemail'), { ...call('2026-11-30T16:00:00Z', 'voicemail'), simulated: true }], ZONE, from, to, 'day');
		expect(rows.map((r) => r.total)).toEqual([1, 0]);
	});
});

const phoneTicket = (number: string, at: string, source: Ticket['source'] = 'phone') =>
	newTicket(
		{ number, requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'spatel', source, title: 'Printer', description: 'Jammed.', building: 'lincoln-es', assignee: 'spatel' },
		at,
		`SP2-${number}`
	);

describe('first-contact resolution', () => {
	it('files a phone ticket resolved on the call, with what fixed it and the call’s minutes, in the filing change', () => {
		const filed = phoneTicket('222-2222', '2026-11-30T16:00:00.000Z');
		const resolved = resolvedOnCall(filed, 'Cleared the jam in tray 2.', 6.4) as Ticket;
		expect(resolved.status).toBe('resolved');
		expect(resolved.history.map((e) => [e.kind, e.at, e.by])).toEqual([
			['created', '2026-11-30T16:00:00.000Z', 'spatel'],
			['status', '2026-11-30T16:00:00.000Z', 'spatel'],
			['note', '2026-11-30T16:00:00.000Z', 'spatel']
		]);
		expect(resolved.history[2]).toMatchObject({ text: 'Cleared the jam in tray 2.', interaction: { type: 'phone-call', minutes: 6 } });
		expect(isFirstContactResolution(resolved)).toBe(true);
		expect(resolvedOnCall(filed, 'fixed', 5), 'one word says nothing').toBeNull();
		expect(resolvedOnCall(phoneTicket('222-2223', '2026-11-30T16:00:00.000Z', 'web'), 'Cleared the jam.', 5)).toBeNull();
		expect(resolvedOnCall(resolved, 'Cleared the jam.', 5), 'already worked on').toBeNull();
	});

	it('is judged by the write rules like any filing: staff may file a call resolved, a requester logs no call', () => {
		const tech: UserProfile = { _id: 'user:spatel', type: 'user', username: 'spatel', name: 'Sam Patel', role: 'building-tech', kind: 'staff', buildings: ['lincoln-es'], active: true };
		const requester: UserProfile = { ...tech, _id: 'user:lgarcia', username: 'lgarcia', name: 'Linda Garcia', role: 'requester' };
		const ctx = { now: new Date('2026-11-30T16:01:00.000Z'), person: (u: string) => [tech, requester].find((p) => p.username === u) };
		const resolved = resolvedOnCall(phoneTicket('222-2222', '2026-11-30T16:00:00.000Z'), 'Cleared the jam.', 5) as Ticket;
		expect(canWrite(tech, null, resolved, ctx)).toBeNull();
		const withoutNote = { ...resolved, history: resolved.history.filter((e) => e.kind !== 'note') };
		expect(canWrite(tech, null, withoutNote, ctx)?.code).toBe('needs-note');
		const ownCall = newTicket(
			{ number: '222-2223', requester: 'lgarcia', requesterName: 'Linda Garcia', createdBy: 'lgarcia', source: 'phone', title: 'Printer', description: 'Jammed.', building: 'lincoln-es' },
			'2026-11-30T16:00:00.000Z',
			'LG2-1'
		);
		expect(canWrite(requester, null, ownCall, ctx)?.reason).toBe('Calls are logged by the technology staff; report your problem with the form.');
		expect(canWrite(requester, null, { ...ownCall, source: 'voicemail' }, ctx)?.code).toBe('not-allowed');
		expect(canWrite(requester, null, { ...ownCall, source: 'web' }, ctx)).toBeNull();
		expect(canWrite(requester, null, { ...ownCall, source: 'email' }, ctx), 'an email is the requester’s own words').toBeNull();
	});

	it('rates the calls that became tickets in the period: resolved on the call, of those logged and voicemails', () => {
		const inPeriod = '2026-11-30T16:00:00.000Z';
		const fcr = resolvedOnCall(phoneTicket('222-2222', inPeriod), 'Cleared the jam.', 5) as Ticket;
		const open = phoneTicket('222-2223', inPeriod);
		const later = withStatus(phoneTicket('222-2224', inPeriod), { by: 'spatel', at: '2026-11-30T17:00:00.000Z', id: 'x' }, 'resolved', 'Came back and fixed it.') as Ticket;
		const voicemail = phoneTicket('222-2225', inPeriod, 'voicemail');
		const web = phoneTicket('222-2226', inPeriod, 'web');
		const before = resolvedOnCall(phoneTicket('222-2227', '2026-11-29T16:00:00.000Z'), 'Cleared the jam.', 5) as Ticket;
		expect(isFirstContactResolution(later)).toBe(false);
		const from = Date.parse('2026-11-30T07:00:00Z');
		const to = Date.parse('2026-12-01T07:00:00Z');
		expect(firstContactResolution([fcr, open, later, voicemail, web, before], from, to)).toEqual({ resolvedOnCall: 1, logged: 3, voicemails: 1, rate: 0.25 });
		expect(firstContactResolution([web], from, to).rate).toBeNull();
	});
});

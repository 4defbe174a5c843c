import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoicemailDoc } from '../../core/telephony/docs';
import { SimulationLine, SimulationResult } from '../../core/telephony/simulate';
import { silentWav } from '../support/twilio-standin';
import { api, device } from '../support/district';
import { E164, eventually, type PhoneDistrict, startPhoneDistrict } from '../support/phone-calls';
import { ADMIN_PASSWORD, startServer } from '../support/server';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs `npm run call -- …`'s script with the given environment; resolves with its output and exit code. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TWILIO_') && k !== 'PUBLIC_URL'));
	return new Promise((done) => {
		execFile(process.execPath, ['--import', 'tsx', 'telephony/simulator/cli.ts', ...args], { cwd: ROOT, env: { ...clean, ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
			done({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr })
		);
	});
}

describe('the call simulator: the administrators’ API and the CLI, against the real server', () => {
	let d: PhoneDistrict;
	const admin = () => device(d.server, 'admin').remote;
	const audioStored = (recordingSid: string) =>
		eventually(admin(), 'the simulated recording stored', async () => {
			const vm = VoicemailDoc.parse(await admin().get(`voicemail:${recordingSid}`));
			return vm.audio === 'stored' ? vm : null;
		});

	beforeAll(async () => {
		d = await startPhoneDistrict();
	});
	afterAll(async () => {
		await d?.dispose();
	});

	it('places a call from the server to its own port and answers what the line said and the ticket; the recording never touches Twilio', async () => {
		const r = await api(d.server, '/api/admin/phone/simulate', { method: 'POST', body: JSON.stringify({ from: '(303) 555-0142', digits: ['2'], say: 'The copier on floor two is jammed.' }) });
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		const result = SimulationResult.parse(r.body);
		const vm = await audioStored(result.recordingSid!);
		expect(result.ticket).toBe(vm.ticket);
		expect(vm).toMatchObject({ caller: 'ann', from: E164.ann, callSid: result.callSid });
		expect(result.events[0]).toMatchObject({ kind: 'say', at: 0, text: 'Thank you for calling the Lakeside Unified School District technology help desk.' });
		expect(result.events).toContainEqual(expect.objectContaining({ kind: 'record', recordingSid: result.recordingSid, text: 'The copier on floor two is jammed.' }));
		expect(d.twilio.requests.filter((req) => req.includes(result.recordingSid!))).toEqual([]);
		// A trial is said to be one, and stays out of the call figures.
		expect(((await admin().get(`ticket:${vm.ticket}`)) as { title: string }).title).toBe('Simulated call: voicemail from Ann Teacher');
		const call = await eventually(admin(), 'the call marked simulated', async () => {
			const doc = (await admin().get(`call:${result.callSid}`)) as { simulated?: boolean; ticket: string | null };
			return doc.simulated ? doc : null;
		});
		expect(call.ticket).toBe(vm.ticket);
		const audio = (await admin().getAttachment(`voicemail:${result.recordingSid}`, 'audio.wav')) as Buffer;
		// espeak-ng's voice made telephone audio by sox: 8 kHz mu-law (WAVE format 7).
		expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(audio.readUInt16LE(20)).toBe(7);
		expect(audio.readUInt32LE(24)).toBe(8000);
	});

	it('streams the call as it goes, one event a line, then the result', async () => {
		const response = await fetch(`${d.server.url}/api/admin/phone/simulate`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/x-ndjson', authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
			body: JSON.stringify({ from: '+13035550199', digits: ['3448'], answer: 'first' })
		});
		expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
		const lines = (await response.text()).trim().split('\n').map((l) => SimulationLine.parse(JSON.parse(l)));
		const last = lines.at(-1)!;
		expect(last.kind).toBe('result');
		if (last.kind !== 'result') return;
		expect(lines.slice(0, -1)).toEqual(last.events);
		expect(last).toMatchObject({ ticket: null, recordingSid: null });
		expect(last.events).toContainEqual(expect.objectContaining({ kind: 'answered', target: E164.spec }));
	});

	it('refuses people who are not administrators, and bodies it cannot place, naming the field', async () => {
		const asCoordinator = await api(d.server, '/api/admin/phone/simulate', { as: 'coord', method: 'POST', body: JSON.stringify({ from: E164.ann }) });
		expect(asCoordinator.status).toBe(403);
		const bad = await api(d.server, '/api/admin/phone/simulate', { method: 'POST', body: JSON.stringify({ from: E164.ann, digits: ['2x'], language: 'fr' }) });
		expect(bad.status).toBe(400);
		expect(bad.body.reason).toMatch(/digits\.0: each entry is what the caller presses/);
		expect(bad.body.reason).toMatch(/language/);
		const upload = (sid: string, body: Uint8Array) =>
			fetch(`${d.server.url}/api/admin/phone/simulate/recordings/${sid}`, {
				method: 'PUT',
				headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
				body: new Uint8Array(body) as Uint8Array<ArrayBuffer>
			});
		expect((await upload('RE123', silentWav())).status).toBe(400);
		expect((await upload(`RE${'a'.repeat(32)}`, new TextEncoder().encode('not a wav file at all'))).status).toBe(415);
		expect((await upload(`RE${'a'.repeat(32)}`, silentWav())).status).toBe(200);
	});

	it('the CLI asks the server to place the call when it has no Twilio credentials, and prints the conversation and the ticket', async () => {
		const { code, out } = await cli(['--press', '2', '--say', 'Room 9 has no network.', '--from', '+13035550142', '--server', d.server.url, '--password', ADMIN_PASSWORD], {});
		expect(code, out).toBe(0);
		expect(out).toMatch(/line\s+Thank you for calling the Lakeside Unified School District technology help desk\./);
		expect(out).toMatch(/caller\s+presses 2/);
		const ticket = /: ticket (\w{3}-\w{3})\./.exec(out)?.[1];
		expect(ticket).toBeDefined();
		expect(out).toContain(`${d.server.url}/tickets/${ticket}`);
	});

	it('the CLI walks the line itself with the account’s credentials, uploading its recording through the simulate API', async () => {
		const { code, out } = await cli(['--press', '8', '--press', '2', '--lang', 'es', '--say', 'La impresora no imprime.', '--server', d.server.url, '--password', ADMIN_PASSWORD], {
			TWILIO_ACCOUNT_SID: d.twilio.accountSid,
			TWILIO_AUTH_TOKEN: d.twilio.authToken,
			TWILIO_API_URL: d.twilio.url,
			PUBLIC_URL: `http://localhost:${d.server.port}`
		});
		expect(code, out).toBe(0);
		expect(out).toContain('Gracias. Su mensaje quedó guardado con el número de caso');
		const ticket = /: ticket (\w{3}-\w{3})\./.exec(out)?.[1];
		expect(out).toMatch(/leaves a \d+-second message: "La impresora no imprime\."/);
		const voicemails = (await admin().allDocs({ startkey: 'voicemail:', endkey: 'voicemail:\uffff', include_docs: true })).rows.map((r) => VoicemailDoc.parse(r.doc));
		const recordingSid = voicemails.find((v) => v.ticket === ticket)?.recordingSid;
		expect(recordingSid).toBeDefined();
		await audioStored(recordingSid!);
		expect(d.twilio.requests.filter((req) => req.includes(recordingSid!))).toEqual([]);
	});

	it('refuses while the line is off, naming the two settings', async () => {
		const off = await startServer();
		try {
			const r = await api(off, '/api/admin/phone/simulate', { method: 'POST', body: JSON.stringify({ from: E164.ann }) });
			expect(r.status).toBe(409);
			expect(r.body.reason).toMatch(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
			const { code, out } = await cli(['--press', '2', '--server', off.url, '--password', ADMIN_PASSWORD], {});
			expect(code).toBe(1);
			expect(out).toMatch(/The phone line is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
		} finally {
			await off.dispose();
		}
	});
});

/**
 * Places a simulated call on a running helpdesk's phone line and prints the conversation and the ticket it made.
 *
 *   npm run call -- --press 2 --say "The projector in room 12 is dead" [--from +13035550123] [--lang es]
 *                   [--press 3448] [--answer first] [--callbacks transcription,action,recording] [--server URL]
 *                   [--user admin] [--password ...]
 *
 * Administrator credentials: --user/--password, else HELPDESK_USER (default admin) and HELPDESK_PASSWORD or ADMIN_PASSWORD.
 * With TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the environment (the server's own), the CLI walks the line itself
 * from this process, signing as Twilio, and uploads its recording through the simulate API; without them, the
 * server places the call (POST /api/admin/phone/simulate) and the CLI prints it as it goes.
 */
import { parseArgs } from 'node:util';
import { describeCallEvent } from '../../core/telephony/call-event-text';
import { type CallEvent, SimulatedCall, SimulationLine, type SimulationResult, takeLines } from '../../core/telephony/simulate';
import { walkCall } from './walker';

const { values } = parseArgs({
	options: {
		press: { type: 'string', multiple: true, default: [] },
		say: { type: 'string' },
		from: { type: 'string', default: '+13035550123' },
		to: { type: 'string' },
		lang: { type: 'string', default: 'en' },
		answer: { type: 'string', default: 'nobody' },
		callbacks: { type: 'string' },
		transcription: { type: 'string' },
		server: { type: 'string', default: process.env.HELPDESK_URL ?? 'http://localhost:3000' },
		'public-url': { type: 'string' },
		user: { type: 'string', default: process.env.HELPDESK_USER ?? 'admin' },
		password: { type: 'string', default: process.env.HELPDESK_PASSWORD ?? process.env.ADMIN_PASSWORD }
	}
});

const server = values.server.replace(/\/+$/, '');
const authorization = `Basic ${Buffer.from(`${values.user}:${values.password ?? ''}`).toString('base64')}`;

function print(event: CallEvent): void {
	const { who, text } = describeCallEvent(event);
	console.log(`${event.at.toFixed(1).padStart(6)} s  ${who.padEnd(7)} ${text}`);
}

async function refusal(response: Response): Promise<never> {
	const body = (await response.json().catch(() => ({}))) as { reason?: string };
	throw new Error(body.reason ?? `The server answered ${response.status}.`);
}

/** The server places the call; its events stream back as NDJSON. */
async function viaServer(call: SimulatedCall): Promise<SimulationResult> {
	const response = await fetch(`${server}/api/admin/phone/simulate`, {
		method: 'POST',
		headers: { authorization, 'content-type': 'application/json', accept: 'application/x-ndjson' },
		body: JSON.stringify(call)
	});
	if (!response.ok || !response.body) return refusal(response);
	let buffered = '';
	for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
		const { lines, rest } = takeLines(buffered + chunk);
		buffered = rest;
		for (const text of lines) {
			const line = SimulationLine.parse(JSON.parse(text));
			if (line.kind === 'result') return line;
			if (line.kind === 'failed') throw new Error(line.reason);
			print(line);
		}
	}
	throw new Error('The server ended the call without a result.');
}

/** This process walks the line as Twilio, and uploads the recording before the callbacks name it. */
async function fromHere(call: SimulatedCall, accountSid: string, authToken: string): Promise<SimulationResult> {
	const result = await walkCall({
		line: { publicUrl: values['public-url'] ?? process.env.PUBLIC_URL ?? server, serverUrl: server, authToken, accountSid },
		call,
		apiUrl: process.env.TWILIO_API_URL ?? 'https://api.twilio.com',
		onEvent: print,
		deliverRecording: async (recordingSid, wav) => {
			const response = await fetch(`${server}/api/admin/phone/simulate/recordings/${recordingSid}`, {
				method: 'PUT',
				headers: { authorization, 'content-type': 'audio/wav' },
				body: new Uint8Array(wav) as Uint8Array<ArrayBuffer>
			});
			if (!response.ok) await refusal(response);
		}
	});
	const query = result.recordingSid ? `?recording=${result.recordingSid}` : '';
	const response = await fetch(`${server}/api/admin/phone/simulate/calls/${result.callSid}${query}`, { headers: { authorization } });
	if (!response.ok) await refusal(response);
	const { ticket } = (await response.json()) as { ticket: string | null };
	return { callSid: result.callSid, recordingSid: result.recordingSid, events: result.events, ticket };
}

try {
	const parsed = SimulatedCall.safeParse({
		from: values.from,
		...(values.to ? { to: values.to } : {}),
		digits: values.press,
		...(values.say ? { say: values.say } : {}),
		language: values.lang,
		answer: values.answer,
		...(values.callbacks ? { callbacks: values.callbacks.split(',').map((s) => s.trim()) } : {}),
		...(values.transcription ? { transcription: values.transcription } : {})
	});
	if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path[0] === 'digits' ? 'press' : i.path[0] === 'language' ? 'lang' : String(i.path[0])}: ${i.message}`).join('\n'));
	const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token } = process.env;
	const result = sid && token ? await fromHere(parsed.data, sid, token) : await viaServer(parsed.data);
	console.log(`\nCall ${result.callSid}: ${result.ticket ? `ticket ${result.ticket}` : 'no ticket was made'}.`);
	if (result.ticket) console.log(`${server}/tickets/${result.ticket}`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
}

import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import { sid } from '../../core/telephony/docs';
import { type CallEvent, SimulatedCall, type SimulationResult } from '../../core/telephony/simulate';
import type { SimulatedMedia } from '../../telephony/simulated-media';
import { wavSeconds } from '../../telephony/simulator/speech';
import { walkCall } from '../../telephony/simulator/walker';
import type { Auth } from '../auth';
import type { Config } from '../config';
import { type Db, getOrNull } from '../store';
import { validationHook } from './errors';

/** The most simulated calls at once: each runs espeak-ng and sox on a small machine. */
const MAX_RUNNING = 4;
/** A 2-minute telephone recording (8 kHz mu-law) is under 1 MB. */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export interface SimulateDeps {
	config: Config;
	db: Db;
	auth: Auth;
	media: SimulatedMedia;
}

/** The server's own address on the loopback when it listens on every interface. */
export function ownUrl(config: Pick<Config, 'HOST' | 'PORT'>): string {
	const host = config.HOST === '0.0.0.0' || config.HOST === '' ? '127.0.0.1' : config.HOST === '::' ? '::1' : config.HOST;
	return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

/** The ticket a simulated call made: its voicemail's (it may have moved), else the one in the call log. */
export async function ticketOfCall(db: Db, callSid: string, recordingSid: string | null): Promise<string | null> {
	const voicemail = recordingSid ? await getOrNull<{ ticket: string }>(db, `voicemail:${recordingSid}`) : null;
	if (voicemail) return voicemail.ticket;
	return (await getOrNull<{ ticket: string | null }>(db, `call:${callSid}`))?.ticket ?? null;
}

/**
 * The call simulator for administrators (/api/admin/phone/simulate): places a call on the server's own line over real
 * signed HTTP and answers what the line said and the ticket it made; streams the events as NDJSON when asked.
 * `PUT /recordings/:sid` and `GET /calls/:sid` serve the CLI, which walks the line from outside the process.
 */
export function phoneSimulateApp({ config, db, auth, media }: SimulateDeps) {
	let running = 0;
	const app = new Hono();
	app.use('*', async (c, next) => {
		const me = await auth.identify(c);
		if (me.role !== 'admin') throw new HTTPException(403, { message: 'Only administrators place simulated calls.' });
		if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN)
			throw new HTTPException(409, {
				message: 'The phone line is off: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the server environment and restart it, then simulate a call.'
			});
		await next();
	});
	const line = () => ({ publicUrl: config.PUBLIC_URL, serverUrl: ownUrl(config), authToken: config.TWILIO_AUTH_TOKEN!, accountSid: config.TWILIO_ACCOUNT_SID! });

	return app
		.post('/', zValidator('json', SimulatedCall, validationHook), async (c) => {
			if (running >= MAX_RUNNING) throw new HTTPException(429, { message: `${MAX_RUNNING} simulated calls are already running; try again when one ends.` });
			const call = c.req.valid('json');
			const walk = (onEvent?: (event: CallEvent) => void) =>
				walkCall({ line: line(), call, apiUrl: config.TWILIO_API_URL, onEvent, deliverRecording: async (recordingSid, wav) => media.put(recordingSid, wav) });
			const finish = async ({ callSid, recordingSid, events }: Awaited<ReturnType<typeof walk>>): Promise<SimulationResult> => ({
				callSid,
				recordingSid,
				events,
				ticket: await ticketOfCall(db, callSid, recordingSid)
			});
			running++;
			if (c.req.header('accept')?.includes('application/x-ndjson')) {
				c.header('content-type', 'application/x-ndjson; charset=utf-8');
				return stream(c, async (out) => {
					try {
						const result = await finish(await walk((event) => void out.write(`${JSON.stringify(event)}\n`)));
						await out.write(`${JSON.stringify({ kind: 'result', ...result })}\n`);
					} catch (error) {
						await out.write(`${JSON.stringify({ kind: 'failed', reason: simulationFailure(error) })}\n`);
					} finally {
						running--;
					}
				});
			}
			try {
				return c.json(await finish(await walk()));
			} catch (error) {
				throw new HTTPException(503, { message: simulationFailure(error) });
			} finally {
				running--;
			}
		})
		.put('/recordings/:recordingSid', async (c) => {
			const recordingSid = sid('RE').safeParse(c.req.param('recordingSid'));
			if (!recordingSid.success) throw new HTTPException(400, { message: 'A recording id is RE followed by 32 hex digits.' });
			if (await getOrNull(db, `voicemail:${recordingSid.data}`)) throw new HTTPException(409, { message: 'That recording is already a voicemail; a simulated one needs a new id.' });
			const bytes = new Uint8Array(await c.req.arrayBuffer());
			if (bytes.length > MAX_UPLOAD_BYTES) throw new HTTPException(413, { message: 'A simulated recording is at most 4 MB (two minutes of telephone audio is under 1 MB).' });
			try {
				wavSeconds(bytes);
			} catch (error) {
				throw new HTTPException(415, { message: `${error instanceof Error ? error.message : error} Send the WAV file the simulator made.` });
			}
			media.put(recordingSid.data, bytes, 'audio/wav');
			return c.json({ ok: true });
		})
		.get('/calls/:callSid', async (c) => {
			const callSid = sid('CA').safeParse(c.req.param('callSid'));
			if (!callSid.success) throw new HTTPException(400, { message: 'A call id is CA followed by 32 hex digits.' });
			const recording = sid('RE').safeParse(c.req.query('recording'));
			return c.json({ ticket: await ticketOfCall(db, callSid.data, recording.success ? recording.data : null) });
		});
}

/** Why a simulated call could not be placed, in words an administrator can act on. */
function simulationFailure(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return `The simulated call stopped: ${message}`;
}

import { randomUUID } from 'node:crypto';
import type { Config } from '../../server/config';
import type { SharedFeed } from '../../server/gateway/feed';
import type { Store } from '../../server/store';
import type { PhoneLine } from '../line';
import type { SimulatedMedia } from '../simulated-media';
import { AnswerGate } from './answer-gate';
import { AssigneeSync } from './assignees';
import { Calls } from './calls';
import { groupedPuts } from './grouped-puts';
import { type JobDoc, type JobHandler, type JobKind, Jobs } from './jobs';
import { SetupCache } from './setup';
import { TwilioRest } from './twilio-rest';
import { Voicemails } from './voicemails';

const SWEEP_EVERY_MS = 60_000;
const STOP_WITHIN_MS = 5_000;
// A job waits at most this long for the callers' answers under way to be sent.
const JOB_WAITS_FOR_ANSWERS_MS = 2_000;
// A background write waits at most this long for the filings under way to store their tickets.
const HOLD_BACKGROUND_MS = 1_000;

export interface PhoneLineDeps {
	store: Store;
	feed: SharedFeed;
	config: Pick<Config, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_API_URL' | 'PUBLIC_URL' | 'SMTP_URL' | 'CLOCK_OFFSET_MS'>;
	media: SimulatedMedia;
	/** Tells the mail sender of an emergency mail just queued (the notifier's `mailQueued`). */
	onMailQueued?: (id: string, due: number) => void;
	log?: (line: string) => void;
}

/** The running phone line: the webhooks' side effects, and `stop` for shutdown. */
export interface RunningPhoneLine extends PhoneLine {
	stop(): Promise<void>;
}

/**
 * Opens the phone line's pipeline over the store: call log, voicemail tickets, transcripts, audio, emergency alerts
 * and the voicemails' assignees. Its jobs run at start and every minute by the server's clock (CLOCK_OFFSET_MS).
 */
export async function openPhoneLine(deps: PhoneLineDeps): Promise<RunningPhoneLine> {
	const { store, feed, config, media } = deps;
	const log = deps.log ?? ((line: string) => console.log(line));
	const now = () => Date.now() + config.CLOCK_OFFSET_MS;
	const setup = new SetupCache(store.main);
	// Filings between their start and their stored ticket: what callers wait on in the store. Background writes wait
	// for none to be under way (at most HOLD_BACKGROUND_MS), so a burst's claims and tickets find the store free.
	const filings = new AnswerGate();
	const quiet = (maxWaitMs: number) => filings.quiet(maxWaitMs);
	// Calls and voicemails write in groups when many come at once (a burst of callers); see grouped-puts.ts.
	const mainLanes = groupedPuts(store.main, { quiet, holdMs: HOLD_BACKGROUND_MS });
	const privLanes = groupedPuts(store.private, { quiet, holdMs: HOLD_BACKGROUND_MS });
	const [main, priv] = [mainLanes.background, privLanes.background];
	const calls = new Calls(main, priv);
	const rest =
		config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN ? new TwilioRest({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, apiUrl: config.TWILIO_API_URL }) : null;
	// Filled below: the voicemails' handlers need the jobs, and the jobs their handlers.
	const handlers = {} as Record<JobKind, JobHandler>;
	const answers = new AnswerGate();
	const jobs = new Jobs({ db: priv, urgentDb: privLanes.urgent, now, instance: randomUUID(), handlers, log, quiet: () => answers.quiet(JOB_WAITS_FOR_ANSWERS_MS) });
	const voicemails = new Voicemails({
		main,
		priv,
		urgent: { main: mainLanes.urgent, priv: privLanes.urgent },
		filings,
		jobs,
		mail: Boolean(config.SMTP_URL),
		baseUrl: config.PUBLIC_URL,
		onMailQueued: deps.onMailQueued ?? (() => undefined),
		log,
		now,
		setup,
		calls,
		media,
		rest
	});
	Object.assign(handlers, {
		...voicemails.handlers(),
		sms: async (job: JobDoc) => {
			if (!rest) throw new Error('the Twilio account is not configured');
			const { to, from, body } = job.payload as { to: string; from: string; body: string };
			const messageSid = await rest.sendSms({ to, from, body });
			log(`phone: emergency SMS for ${job.key} sent to ${to} (${messageSid})`);
			return 'done' as const;
		}
	});
	const assignees = new AssigneeSync(store.main, log);
	feed.onChange((row) => {
		setup.changed(row.id);
		assignees.changed(row);
	});
	feed.onResume(() => {
		setup.changed(null);
		void assignees.reconcileAll();
	});
	await assignees.reconcileAll();
	void jobs.wake();
	const sweep = setInterval(() => void jobs.wake(), SWEEP_EVERY_MS);
	sweep.unref();

	const guard = <A extends unknown[], R>(what: string, fn: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			try {
				return await fn(...args);
			} catch (error) {
				log(`phone: ${what} failed (${error instanceof Error ? error.message : String(error)})`);
				throw error;
			}
		};
	// A webhook's answer: the jobs wait while it is under way (the call log's steps, written after the answer, do not count).
	const answer = <A extends unknown[], R>(what: string, fn: (...args: A) => Promise<R>) => guard(what, (...args: A) => answers.answering(() => fn(...args)));

	return {
		setup: guard('reading the line’s set-up', () => setup.read()),
		// The caller is matched at once; the call is logged after the answer (a failure is logged, the caller hears no error).
		callStarted: answer('recording a call', async (call) => {
			const { caller, recorded } = calls.started(call, (await setup.read()).people);
			void recorded.catch((error) => log(`phone: recording a call failed (${error instanceof Error ? error.message : String(error)})`));
			return { caller };
		}),
		callStep: guard('updating a call', (callSid, update) => calls.step(callSid, update)),
		fileVoicemail: answer('filing a voicemail', (recording) => voicemails.file(recording, 'action')),
		recordingStatus: answer('a recording status', (recording) => voicemails.recordingStatus(recording)),
		transcription: answer('a transcription', (t) => voicemails.transcription(t)),
		callStatus: answer('a call status', (s) => calls.ended(s)),
		stop: async () => {
			clearInterval(sweep);
			// Filings and call-log writes under way finish, and a download or SMS under way is recorded, before the store closes;
			// whatever hangs gets at most 5 s.
			let timer: NodeJS.Timeout | undefined;
			const bound = new Promise<void>((done) => (timer = setTimeout(done, STOP_WITHIN_MS)));
			await Promise.race([Promise.all([voicemails.settled(), calls.settled()]).then(() => Promise.all([jobs.stop(), assignees.settled()])), bound]);
			clearTimeout(timer);
		}
	};
}

import { z } from 'zod';
import type { UserProfile } from '../../core/schemas';
import { matchCaller } from '../../core/telephony/caller';
import { CallDoc, sid, VoicemailDoc } from '../../core/telephony/docs';
import { voicemailTicket } from '../../core/telephony/voicemail-ticket';
import { createOnce } from '../../server/notify/state';
import { type Db, getOrNull } from '../../server/store';
import type { RecordingFacts } from '../line';
import type { SimulatedMedia } from '../simulated-media';
import { type AlertDeps, alertOnCall } from './alerts';
import type { Calls } from './calls';
import type { AnswerGate } from './answer-gate';
import type { JobHandler, JobKind } from './jobs';
import { TicketNumbers } from './numbering';
import type { SetupCache } from './setup';
import { updateDoc } from './store-ops';
import type { TwilioRest } from './twilio-rest';
import { VoicemailJobs, vmId } from './voicemail-jobs';

// The action request comes as the recording ends, before Twilio may serve it; its status callback says when it can.
const AUDIO_GRACE_MS = 2 * 60_000;
// Recordings filed by this process, so a replay costs one read; the store decides after a restart or past this many.
const MAX_REMEMBERED = 50_000;

const Claim = z.object({ _id: z.string(), ticket: z.string() });

export interface VoicemailDeps extends AlertDeps {
	/** The stores' urgent lanes (see grouped-puts.ts): the writes a caller waits for. */
	urgent: { main: Db; priv: Db };
	/** Counts the filings until their tickets are stored; background writes wait for them. */
	filings: AnswerGate;
	now: () => number;
	setup: SetupCache;
	calls: Calls;
	media: SimulatedMedia;
	rest: TwilioRest | null;
}

/**
 * Voicemails: the ticket filed once per RecordingSid, whichever callback comes first and however often; the transcript
 * attached once per voicemail, before or after filing; the audio downloaded, stored on the voicemail and deleted at
 * Twilio; no transcript after the wait; the audio's retention. The slow parts are jobs (see voicemail-jobs.ts).
 */
export class Voicemails {
	#filing = new Map<string, Promise<unknown>>();
	// Recording → the number it was filed as, for recordings this process filed completely.
	#filed = new Map<string, string>();
	readonly #numbers: TicketNumbers;

	constructor(private readonly d: VoicemailDeps) {
		this.#numbers = new TicketNumbers(d.urgent.priv, d.main);
	}

	/** Files the voicemail's ticket at once, or returns the number it was filed as. */
	file(facts: RecordingFacts, via: 'action' | 'status'): Promise<{ ticket: string }> {
		if (!sid('RE').safeParse(facts.recordingSid).success || !sid('CA').safeParse(facts.callSid).success) {
			return Promise.reject(new Error(`a voicemail needs a CallSid and a RecordingSid (got ${String(facts.callSid).slice(0, 40)}, ${String(facts.recordingSid).slice(0, 40)})`));
		}
		// One filing per recording at a time in this process; the stored claim covers other instances. The caller hears the
		// number once the ticket is stored; the voicemail document, the jobs and any alerts follow right after the answer.
		let answered = false;
		let resolveTicket!: (ticket: { ticket: string }) => void;
		const ticket = new Promise<{ ticket: string }>((done) => (resolveTicket = done));
		const filed = (t: { ticket: string }) => {
			answered = true;
			resolveTicket(t);
		};
		const running = this.#filing.get(facts.recordingSid);
		const next = (running ?? Promise.resolve()).catch(() => undefined).then(() => this.#file(facts, via, filed));
		// What fails after the caller heard the number is logged here (the answer went already); a replay finishes it.
		void next.catch((error) => answered && this.d.log(`phone: finishing voicemail ${facts.recordingSid} failed (${error instanceof Error ? error.message : String(error)})`));
		this.#filing.set(facts.recordingSid, next);
		void next.finally(() => this.#filing.get(facts.recordingSid) === next && this.#filing.delete(facts.recordingSid)).catch(() => undefined);
		// Only the caller waits for the number alone; a status callback returns once everything is filed.
		return via === 'action' ? Promise.race([ticket, next]) : next;
	}

	/** Settles when every filing under way in this process has finished (the server waits for it before it stops). */
	async settled(): Promise<void> {
		await Promise.allSettled([...this.#filing.values()]);
	}

	async #file(facts: RecordingFacts, via: 'action' | 'status', filed: (ticket: { ticket: string }) => void): Promise<{ ticket: string }> {
		const rs = facts.recordingSid;
		const now = this.d.now();
		// Read before the audio job can take the recording out of the simulator's hands.
		const simulated = this.d.media.get(rs) !== undefined;
		// A replay of a recording this process filed costs no read. Otherwise the claim gives the number: it is stored before
		// the ticket and its voicemail document, here or by another instance.
		const known = this.#filed.get(rs);
		if (known) return { ticket: known };
		// Until the ticket is stored, the background writes wait: the claim and the ticket find the stores free.
		const stored = this.d.filings.enter();
		try {
			return await this.#fileTicket(facts, via, now, simulated, (ticket) => {
				stored();
				filed(ticket);
			});
		} finally {
			stored();
		}
	}

	async #fileTicket(facts: RecordingFacts, via: 'action' | 'status', now: number, simulated: boolean, filed: (ticket: { ticket: string }) => void): Promise<{ ticket: string }> {
		const { jobs } = this.d;
		const rs = facts.recordingSid;
		const setup = await this.d.setup.read();
		const number = await this.#claimNumber(rs);
		const caller = await this.#caller(facts, setup.people);
		// A person who left the directory while the caller was recording: their message goes to the help desk's queue.
		const target = facts.for.kind === 'person' && !setup.people.some((p) => p.username === (facts.for as { username: string }).username) ? { kind: 'helpdesk' as const } : facts.for;
		const ticket = voicemailTicket({
			number,
			recordingSid: rs,
			from: facts.from,
			caller,
			for: target,
			durationSeconds: Math.max(0, Math.round(facts.durationSeconds)),
			at: facts.at,
			line: setup.line,
			personName: (u) => setup.people.find((p) => p.username === u)?.name ?? u,
			timeZone: setup.calendar?.timeZone ?? 'UTC',
			simulated
		});
		if (await createOnce(this.d.urgent.main, ticket)) this.d.log(`phone: voicemail ${rs} filed as ticket ${number}`);
		filed({ ticket: number });
		const emergency = facts.for.kind === 'emergency';
		// Linked at once: the step the answer logs goes in the same write of the call (see Calls).
		const linked = this.d.calls.filed(facts.callSid, number, emergency, simulated);
		linked.catch(() => undefined);
		// An emergency's writes all go ahead of the background: its alerts must not wait for a burst of calls.
		const lane = emergency ? this.d.urgent : { main: this.d.main, priv: this.d.priv };
		const vm: VoicemailDoc = {
			_id: vmId(rs),
			type: 'voicemail',
			recordingSid: rs,
			callSid: facts.callSid,
			ticket: number,
			filedAs: number,
			assignee: ticket.assignee,
			from: facts.from.slice(0, 40),
			caller: caller?.username ?? null,
			emergency,
			recordedAt: facts.at.toISOString(),
			durationSeconds: Math.min(3600, Math.max(0, Math.round(facts.durationSeconds))),
			transcript: 'waiting',
			transcriptText: null,
			audio: 'waiting',
			audioExpiresAt: null
		};
		await createOnce(lane.main, VoicemailDoc.parse(vm));
		const audioDue = via === 'status' || this.d.media.get(rs) ? now : now + AUDIO_GRACE_MS;
		const waitEnds = facts.at.getTime() + setup.line.transcriptWaitMinutes * 60_000;
		const queued = async () => {
			await jobs.addAll(
				[
					{ kind: 'audio', key: rs, payload: {}, dueAt: audioDue },
					{ kind: 'transcript-wait', key: rs, payload: {}, dueAt: waitEnds },
					// Queued with the filing, so no crash between the transcript and the audio can leave the recording at Twilio.
					...(simulated ? [] : [{ kind: 'twilio-delete' as const, key: rs, payload: { filedAt: now }, dueAt: waitEnds }])
				],
				{ urgent: emergency }
			);
			if (!emergency) return;
			// The action request says which number was dialled; a status callback (no To) relies on the call as recorded.
			const dialled = facts.dialled?.slice(0, 40) || (await this.d.calls.dialled(facts.callSid));
			await alertOnCall({ ...this.d, ...lane }, ticket, rs, dialled, setup, now, simulated);
		};
		await Promise.all([linked, queued()]);
		if (this.#filed.size >= MAX_REMEMBERED) this.#filed.clear();
		this.#filed.set(rs, number);
		// A transcript that came first is attached now; slow work starts after the answer.
		jobs.poke('transcript', rs);
		return { ticket: number };
	}

	/** Who called: as the call was recorded (remembered from /voice, else read back), or matched by number when it was not. */
	async #caller(facts: RecordingFacts, people: UserProfile[]): Promise<UserProfile | null> {
		const byUsername = (username: string | null) => people.find((p) => p.username === username) ?? null;
		const remembered = this.d.calls.recordedCaller(facts.callSid);
		if (remembered !== undefined) return byUsername(remembered);
		const call = CallDoc.safeParse(await getOrNull(this.d.main, `call:${facts.callSid}`));
		return call.success ? byUsername(call.data.caller) : matchCaller(facts.from, people);
	}

	/** The number for this recording: the one claimed before (here or by another instance), or a new one. */
	async #claimNumber(recordingSid: string): Promise<string> {
		const id = `phone-voicemail:${recordingSid}`;
		// Claimed first, read only when the claim was there: a replay after a restart (or another instance's) leaves a gap
		// in the numbers, and a first filing costs no read.
		const ticket = await this.#numbers.next();
		if (await createOnce(this.d.urgent.priv, { _id: id, ticket })) return ticket;
		return Claim.parse(await this.d.priv.get(id)).ticket;
	}

	/** Twilio's recording status: a completed recording is filed (if the action never came) and its audio fetched now. */
	async recordingStatus(facts: RecordingFacts & { status: string }): Promise<void> {
		if (facts.status === 'completed') {
			await this.file(facts, 'status');
			this.d.jobs.poke('audio', facts.recordingSid);
			return;
		}
		this.d.log(`phone: recording ${facts.recordingSid.slice(0, 40)} is ${facts.status.slice(0, 20)}: no audio to fetch`);
		await updateDoc(this.d.main, vmId(facts.recordingSid), VoicemailDoc, (vm) => (vm.audio === 'waiting' ? { ...vm, audio: 'failed' as const } : null));
	}

	/** Twilio's transcription: kept as a job (once per recording; another TranscriptionSid for it is ignored) and applied when filed. */
	async transcription(t: { recordingSid: string; transcriptionSid: string; status: string; text: string | null; at: Date }): Promise<void> {
		if (!sid('RE').safeParse(t.recordingSid).success || !sid('TR').safeParse(t.transcriptionSid).success) {
			this.d.log(`phone: a transcription without a valid RecordingSid and TranscriptionSid was ignored`);
			return;
		}
		const payload = { transcriptionSid: t.transcriptionSid, status: t.status.slice(0, 20), text: t.text?.slice(0, 20_000) ?? null, at: t.at.getTime() };
		await this.d.jobs.add('transcript', t.recordingSid, payload, this.d.now());
		this.d.jobs.poke('transcript', t.recordingSid);
	}
	/** The work of each kind of job. */
	handlers(): Record<Exclude<JobKind, 'sms'>, JobHandler> {
		return new VoicemailJobs(this.d).handlers();
	}
}

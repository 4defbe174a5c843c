import { z } from 'zod';
import { bytesMatchType } from '../../core/attachments';
import { CallDoc, VoicemailDoc } from '../../core/telephony/docs';
import { twilioCopyAction } from '../../core/telephony/twilio-copy';
import { keptTranscript, noTranscriptEntry, transcriptEntry } from '../../core/telephony/voicemail-ticket';
import { type Db, getOrNull } from '../../server/store';
import type { SimulatedMedia } from '../simulated-media';
import type { JobDoc, JobHandler, JobKind, JobOutcome, Jobs } from './jobs';
import type { SetupCache } from './setup';
import { updateDoc } from './store-ops';
import { appendOnce } from './tickets';
import type { TwilioRest } from './twilio-rest';

const DAY_MS = 86_400_000;
const AUDIO_FAILED_AFTER = 3;
const TRANSCRIPT_RECHECK_MS = 5 * 60_000;
const LATE_TRANSCRIPT_TRIES = 3;
// A transcript whose recording was never filed (Twilio sent no action and no status for it) is dropped after a day.
const ORPHAN_TRANSCRIPT_MS = DAY_MS;

const TranscriptPayload = z.object({ transcriptionSid: z.string(), status: z.string(), text: z.string().nullable(), at: z.number() });

/** The voicemail document of a recording. */
export const vmId = (recordingSid: string) => `voicemail:${recordingSid}`;

export interface VoicemailJobDeps {
	main: Db;
	jobs: Jobs;
	log: (line: string) => void;
	now: () => number;
	setup: SetupCache;
	media: SimulatedMedia;
	rest: TwilioRest | null;
}

/**
 * The slow work after a voicemail is filed, as jobs (see jobs.ts): the transcript attached once, a late transcript asked
 * of Twilio, no transcript after the wait, the audio downloaded and stored, its retention, and the recording deleted at
 * Twilio once core's rule allows.
 */
export class VoicemailJobs {
	constructor(private readonly d: VoicemailJobDeps) {}

	/** The work of each kind of job. */
	handlers(): Record<Exclude<JobKind, 'sms'>, JobHandler> {
		return {
			transcript: (job) => this.#transcript(job),
			'transcript-wait': async (job) => {
				await this.#lateTranscript(job);
				await this.#noTranscript(job.key);
				return 'done';
			},
			'twilio-delete': (job) => this.#deleteAtTwilio(job),
			audio: (job) => this.#audio(job),
			retention: async (job) => {
				await updateDoc(this.d.main, vmId(job.key), VoicemailDoc, (vm) => (vm.audio === 'stored' ? { ...vm, audio: 'expired' as const, _attachments: undefined } : null));
				// The audio stays in the store's older revisions until it compacts: compact now, so it is gone for good.
				await this.d.main.compact().catch((error: unknown) => this.d.log(`phone: compacting after the audio of ${job.key} expired failed (${error instanceof Error ? error.message : String(error)})`));
				return 'done';
			}
		};
	}

	async #transcript(job: JobDoc): Promise<'done' | { waitUntil: number }> {
		const t = TranscriptPayload.parse(job.payload);
		const raw = await getOrNull<Record<string, unknown>>(this.d.main, vmId(job.key));
		const vm = VoicemailDoc.safeParse(raw);
		if (!vm.success && this.d.now() - t.at > ORPHAN_TRANSCRIPT_MS) {
			this.d.log(`phone: the transcript of ${job.key} waited a day for a recording that was never filed; it is dropped`);
			return 'done';
		}
		if (!vm.success) return { waitUntil: this.d.now() + TRANSCRIPT_RECHECK_MS };
		const text = keptTranscript(t.text);
		if (t.status !== 'completed' || !text) {
			await this.#noTranscript(job.key, raw);
			return 'done';
		}
		if (vm.data.transcript === 'done') return 'done';
		await this.#attachTranscript(vm.data, text, t.at, raw);
		return 'done';
	}

	/** Puts the transcript on the ticket (as the server's entry) and the voicemail, then lets Twilio's copy go. */
	async #attachTranscript(vm: VoicemailDoc, text: string, at: number, known: Record<string, unknown> | null): Promise<void> {
		const rs = vm.recordingSid;
		// A transcript that came before the ticket is dated with it, not before it was filed.
		if (!(await appendOnce(this.d.main, vm.ticket, transcriptEntry(rs, text, new Date(Math.max(at, Date.parse(vm.recordedAt))))))) this.d.log(`phone: ticket ${vm.ticket} is missing: the transcript of ${rs} stays on the voicemail`);
		await updateDoc(this.d.main, vmId(rs), VoicemailDoc, (v) => (v.transcript === 'done' ? null : { ...v, transcript: 'done' as const, transcriptText: text }), known);
		this.d.log(`phone: transcript of ${rs} attached to ticket ${vm.ticket}`);
		this.#releaseWhenSettled(rs);
	}

	/**
	 * At the end of the wait, asks Twilio for a transcript whose callback never came (Twilio does not retry a callback
	 * the server could not take). Twilio out of reach: tried again by the job's back-off, then given up on.
	 */
	async #lateTranscript(job: JobDoc): Promise<void> {
		const rs = job.key;
		const raw = await getOrNull<Record<string, unknown>>(this.d.main, vmId(rs));
		const vm = VoicemailDoc.safeParse(raw);
		if (!vm.success || vm.data.transcript !== 'waiting' || !this.d.rest || (await this.#simulated(vm.data))) return;
		let late: { transcriptionSid: string; text: string } | null;
		try {
			late = await this.d.rest.completedTranscript(rs);
		} catch (error) {
			if (job.attempts + 1 < LATE_TRANSCRIPT_TRIES) throw error;
			this.d.log(`phone: asking Twilio for the transcript of ${rs} failed ${LATE_TRANSCRIPT_TRIES} times; it is marked as none`);
			return;
		}
		const text = late ? keptTranscript(late.text) : null;
		if (!text) return;
		this.d.log(`phone: the transcript of ${rs} never came by callback; it was fetched from Twilio (${late?.transcriptionSid})`);
		await this.#attachTranscript(vm.data, text, this.d.now(), raw);
	}

	/** The recording at Twilio may be deletable now (the audio stored, the transcript settled): its job looks again. */
	#releaseWhenSettled(rs: string): void {
		this.d.jobs.poke('twilio-delete', rs);
	}

	/** Deletes the recording at Twilio once core's rule says so; until then it looks again every few minutes. */
	async #deleteAtTwilio(job: JobDoc): Promise<JobOutcome> {
		const rs = job.key;
		const vm = VoicemailDoc.safeParse(await getOrNull(this.d.main, vmId(rs)));
		const filedAt = typeof job.payload.filedAt === 'number' ? job.payload.filedAt : 0;
		if (!vm.success && this.d.now() - filedAt > ORPHAN_TRANSCRIPT_MS) {
			this.d.log(`phone: recording ${rs} has had no voicemail for a day; it is left at Twilio`);
			return 'done';
		}
		if (!vm.success || twilioCopyAction(vm.data) === 'keep') return { waitUntil: this.d.now() + TRANSCRIPT_RECHECK_MS };
		await this.#rest().deleteRecording(rs);
		this.d.log(`phone: recording ${rs} deleted at Twilio`);
		return 'done';
	}

	/** Whether the voicemail came from the call simulator (its call says so). */
	async #simulated(vm: VoicemailDoc): Promise<boolean> {
		const call = CallDoc.safeParse(await getOrNull(this.d.main, `call:${vm.callSid}`));
		return call.success && call.data.simulated === true;
	}

	/** Marks a voicemail still waiting for its transcript as having none, with a note on its ticket. */
	async #noTranscript(recordingSid: string, known?: Record<string, unknown> | null): Promise<void> {
		const raw = known ?? (await getOrNull<Record<string, unknown>>(this.d.main, vmId(recordingSid)));
		const vm = VoicemailDoc.safeParse(raw);
		if (!vm.success || vm.data.transcript !== 'waiting') return;
		await appendOnce(this.d.main, vm.data.ticket, noTranscriptEntry(recordingSid, new Date(this.d.now())));
		await updateDoc(this.d.main, vmId(recordingSid), VoicemailDoc, (v) => (v.transcript === 'waiting' ? { ...v, transcript: 'none' as const } : null), raw);
		this.d.log(`phone: no transcript for ${recordingSid}; ticket ${vm.data.ticket} says to listen to the recording`);
		this.#releaseWhenSettled(recordingSid);
	}

	async #audio(job: JobDoc): Promise<'done'> {
		const rs = job.key;
		const raw = await getOrNull<Record<string, unknown>>(this.d.main, vmId(rs));
		const vm = VoicemailDoc.safeParse(raw);
		if (!vm.success) return 'done';
		const simulated = this.d.media.get(rs);
		if (vm.data.audio === 'waiting' || vm.data.audio === 'failed') {
			let audio: { bytes: Uint8Array; contentType: 'audio/wav' | 'audio/mpeg' };
			try {
				audio = simulated ?? { bytes: await this.#download(rs), contentType: 'audio/wav' };
				if (!bytesMatchType(audio.bytes.subarray(0, 16), audio.contentType)) throw new Error(`recording ${rs} is not ${audio.contentType === 'audio/wav' ? 'a WAV' : 'an MP3'} file`);
			} catch (error) {
				if (job.attempts + 1 >= AUDIO_FAILED_AFTER) await updateDoc(this.d.main, vmId(rs), VoicemailDoc, (v) => (v.audio === 'waiting' ? { ...v, audio: 'failed' as const } : null));
				throw error;
			}
			const setup = await this.d.setup.read();
			const expires = new Date(this.d.now() + setup.line.audioRetentionDays * DAY_MS).toISOString();
			const name = audio.contentType === 'audio/mpeg' ? 'audio.mp3' : 'audio.wav';
			const data = Buffer.from(audio.bytes).toString('base64');
			const stored = await updateDoc(this.d.main, vmId(rs), VoicemailDoc, (v) =>
				v.audio === 'stored' || v.audio === 'expired' ? null : { ...v, audio: 'stored' as const, audioExpiresAt: expires, _attachments: { ...v._attachments, [name]: { content_type: audio.contentType, data } } },
				raw
			);
			if (stored?.audioExpiresAt) await this.d.jobs.add('retention', rs, {}, Date.parse(stored.audioExpiresAt));
			this.d.log(`phone: audio of ${rs} stored (${audio.bytes.length} bytes)`);
		}
		if (simulated) this.d.media.delete(rs);
		else this.#releaseWhenSettled(rs);
		return 'done';
	}

	#download(recordingSid: string): Promise<Uint8Array> {
		return this.#rest().downloadRecording(recordingSid);
	}

	#rest(): TwilioRest {
		if (!this.d.rest) throw new Error('the Twilio account is not configured');
		return this.d.rest;
	}
}

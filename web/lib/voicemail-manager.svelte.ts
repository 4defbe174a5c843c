import { voicemailQueue } from '$core/telephony/voicemail-queue';
import { data } from './data-manager.svelte';

/** The coordinators' voicemail queue as this device holds it, shared by the nav count and the queue page. */
class VoicemailQueueManager {
	readonly items = $derived(voicemailQueue(data.tickets, data.voicemails));
	/** How many voicemails wait to be distributed. */
	readonly waiting = $derived(this.items.length);
}

export const voicemailQueueState = new VoicemailQueueManager();

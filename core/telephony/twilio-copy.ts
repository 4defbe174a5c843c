import type { VoicemailDoc } from './docs';

/**
 * What to do with a recording's copy at Twilio: delete it once the audio is kept here and the transcript has settled
 * (deleting it sooner stops Twilio transcribing it, its warning 13618); keep it while either is still waiting, and while
 * the download keeps failing (it is the only copy then).
 */
export function twilioCopyAction(vm: Pick<VoicemailDoc, 'audio' | 'transcript'>): 'delete' | 'keep' {
	return vm.transcript !== 'waiting' && (vm.audio === 'stored' || vm.audio === 'expired') ? 'delete' : 'keep';
}

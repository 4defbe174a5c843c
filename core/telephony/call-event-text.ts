import type { CallEvent } from './simulate';

const CALLBACK_NAMES: Record<string, string> = {
	status: "Twilio's call status callback",
	recording: "Twilio's recording status callback",
	transcription: "Twilio's transcript callback",
	action: 'The recording action'
};

/** Who spoke, and what: one line of a simulated call's transcript (the CLI prints it, the simulator page shows it). */
export function describeCallEvent(event: CallEvent): { who: 'line' | 'caller' | 'callee' | 'twilio' | 'problem'; text: string } {
	switch (event.kind) {
		case 'say':
			return { who: 'line', text: event.heardBy === 'callee' ? `(to the person answering) ${event.text}` : event.text };
		case 'pause':
			return { who: 'line', text: `(pause, ${event.seconds} s)` };
		case 'press':
			return { who: event.by, text: `presses ${event.digits}` };
		case 'silence':
			return { who: 'caller', text: `(presses nothing for ${event.seconds} s)` };
		case 'ring':
			return { who: 'line', text: `(rings ${event.targets.join(', ') || 'nobody'})` };
		case 'answered':
			return { who: 'callee', text: `(${event.target} answers)` };
		case 'no-answer':
			return { who: 'line', text: '(nobody answers)' };
		case 'record':
			return { who: 'caller', text: `leaves a ${event.seconds}-second message: "${event.text}"` };
		case 'callback':
			return { who: 'twilio', text: `${CALLBACK_NAMES[event.name] ?? event.name}: ${event.status === 200 || event.status === 204 ? 'accepted' : `answered ${event.status}`}` };
		case 'error':
			return { who: 'problem', text: event.message };
		case 'hangup':
			return { who: event.by === 'line' ? 'line' : 'caller', text: '(hangs up)' };
	}
}

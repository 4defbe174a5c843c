import { type CallEvent, type SimulatedCallInput, SimulationLine, type SimulationResult, takeLines } from '$core/telephony/simulate';
import { ServerError } from './errors';

/** Places a simulated call through the server's simulate API, handing each event to `onEvent` as the call goes. */
export async function placeSimulatedCall(call: SimulatedCallInput, onEvent: (event: CallEvent) => void): Promise<SimulationResult> {
	const response = await fetch('/api/admin/phone/simulate', {
		method: 'POST',
		credentials: 'include',
		headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
		body: JSON.stringify(call)
	});
	if (!response.ok || !response.body) {
		const body = (await response.json().catch(() => ({}))) as { reason?: string; error?: string };
		throw new ServerError(response.status, body.reason ?? `The server answered ${response.status}.`, body.error);
	}
	const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
	let buffered = '';
	for (;;) {
		const { value, done } = await reader.read();
		if (done) break;
		const { lines, rest } = takeLines(buffered + value);
		buffered = rest;
		for (const text of lines) {
			const line = SimulationLine.parse(JSON.parse(text));
			if (line.kind === 'result') return line;
			if (line.kind === 'failed') throw new ServerError(503, line.reason);
			onEvent(line);
		}
	}
	throw new ServerError(503, 'The server ended the simulated call without its result. Try again.');
}

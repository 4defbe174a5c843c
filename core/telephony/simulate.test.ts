import { describe, expect, it } from 'vitest';
import { describeCallEvent } from './call-event-text';
import { readDigits, SimulatedCall, takeLines } from './simulate';

describe('the simulated call', () => {
	it('fills what a caller did not say: the line’s number, no digits, English, nobody answers, every callback in Twilio’s order', () => {
		expect(SimulatedCall.parse({ from: '(303) 555-0142' })).toEqual({
			from: '(303) 555-0142',
			to: '+13035550100',
			digits: [],
			say: 'Hello, this is a test call from the simulator.',
			language: 'en',
			answer: 'nobody',
			callbacks: ['action', 'recording', 'transcription'],
			transcription: 'completed'
		});
	});

	it('refuses what a phone cannot do, saying what is expected', () => {
		const r = SimulatedCall.safeParse({ from: 'call me', digits: ['12345678901'], callbacks: ['voice'], extra: 1 });
		expect(r.success).toBe(false);
		const paths = r.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['from', 'digits.0', 'callbacks.0', '']));
		expect(SimulatedCall.safeParse({ from: 'anonymous' }).success).toBe(true);
	});

	it('reads the digits typed on the page, one menu after another', () => {
		expect(readDigits('8 2')).toEqual(['8', '2']);
		expect(readDigits(' 3448,  2 ')).toEqual(['3448', '2']);
		expect(readDigits('')).toEqual([]);
		expect(readDigits('*9#')).toEqual(['*9#']);
		expect(readDigits('2 a')).toBeNull();
	});

	it('splits a stream into whole lines, keeping the partial one for later', () => {
		expect(takeLines('{"a":1}\n{"b"')).toEqual({ lines: ['{"a":1}'], rest: '{"b"' });
		expect(takeLines('{"b":2}\n\n{"c":3}\n')).toEqual({ lines: ['{"b":2}', '{"c":3}'], rest: '' });
		expect(takeLines('{"d"')).toEqual({ lines: [], rest: '{"d"' });
	});

	it('words each event for the transcript: who, and what', () => {
		expect(describeCallEvent({ kind: 'say', at: 0, text: 'Hello', language: 'en', heardBy: 'callee' })).toEqual({ who: 'line', text: '(to the person answering) Hello' });
		expect(describeCallEvent({ kind: 'press', at: 3, digits: '1', by: 'callee' })).toEqual({ who: 'callee', text: 'presses 1' });
		expect(describeCallEvent({ kind: 'callback', at: 9, name: 'transcription', status: 503 })).toEqual({ who: 'twilio', text: "Twilio's transcript callback: answered 503" });
		expect(describeCallEvent({ kind: 'record', at: 5, recordingSid: 'RE1', seconds: 4, text: 'Printer jam' })).toEqual({ who: 'caller', text: 'leaves a 4-second message: "Printer jam"' });
	});
});

import { describe, expect, it } from 'vitest';
import { speakToTelephoneWav, wavSeconds } from './speech';
import { pathOnLine } from './twilio-side';

/** A WAV header with a given byte rate and data size (no samples needed to read the length). */
function header(byteRate: number, dataBytes: number, extraChunk = false): Uint8Array {
	const b = Buffer.alloc(44 + (extraChunk ? 12 : 0));
	b.write('RIFF', 0, 'ascii');
	b.write('WAVE', 8, 'ascii');
	b.write('fmt ', 12, 'ascii');
	b.writeUInt32LE(16, 16);
	b.writeUInt32LE(byteRate, 28);
	let at = 36;
	if (extraChunk) {
		b.write('fact', at, 'ascii');
		b.writeUInt32LE(4, at + 4);
		at += 12;
	}
	b.write('data', at, 'ascii');
	b.writeUInt32LE(dataBytes, at + 4);
	return new Uint8Array(b);
}

describe('the simulator’s recording', () => {
	it('reads a WAV’s length from its chunks, past others such as fact, and never less than a second', () => {
		expect(wavSeconds(header(8000, 24_000))).toBe(3);
		expect(wavSeconds(header(8000, 24_000, true))).toBe(3);
		expect(wavSeconds(header(16_000, 100))).toBe(1);
		expect(() => wavSeconds(new TextEncoder().encode('<html>not audio</html>'))).toThrow('not a WAV file');
	});

	it('speaks with espeak-ng and makes telephone audio with sox: 8 kHz mu-law, one channel', async () => {
		const wav = Buffer.from(await speakToTelephoneWav('The printer in room twelve is jammed.', 'en'));
		expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(wav.readUInt16LE(20)).toBe(7);
		expect(wav.readUInt16LE(22)).toBe(1);
		expect(wav.readUInt32LE(24)).toBe(8000);
		expect(wavSeconds(new Uint8Array(wav))).toBeGreaterThanOrEqual(2);
	});

	it('follows only URLs on the line’s own public address', () => {
		expect(pathOnLine('https://help.example/telephony/menu?lang=es', 'https://help.example/')).toBe('/telephony/menu?lang=es');
		expect(pathOnLine('/telephony/voicemail', 'https://help.example')).toBe('/telephony/voicemail');
		expect(pathOnLine('https://evil.example/telephony/menu', 'https://help.example')).toBeNull();
		expect(pathOnLine('https://help.example.evil/x', 'https://help.example')).toBeNull();
	});
});

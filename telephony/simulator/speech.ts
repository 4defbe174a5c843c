import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '../../core/telephony/docs';

function run(command: string, args: string[], input?: string): Promise<void> {
	return new Promise((done, fail) => {
		const child = execFile(command, args, { timeout: 60_000 }, (error, _stdout, stderr) => {
			if (!error) return done();
			const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
			fail(new Error(missing ? `${command} is not installed: run scripts/test-all.sh or apt-get install espeak-ng sox.` : `${command} failed: ${stderr || error.message}`));
		});
		if (input !== undefined) child.stdin?.end(input);
	});
}

/**
 * Speaks `text` as a caller would leave it on the line: espeak-ng's voice, made telephone audio by sox
 * (8 kHz, mu-law, one channel). Returns the WAV file's bytes.
 */
export async function speakToTelephoneWav(text: string, language: Language): Promise<Uint8Array> {
	const dir = await mkdtemp(join(tmpdir(), 'call-simulator-'));
	try {
		const voice = join(dir, 'voice.wav');
		const phone = join(dir, 'phone.wav');
		// The text goes through stdin, so nothing in it is ever read as an option.
		await run('espeak-ng', ['-v', language, '-s', '150', '-w', voice, '--stdin'], text);
		await run('sox', [voice, '-r', '8000', '-c', '1', '-e', 'mu-law', phone]);
		return new Uint8Array(await readFile(phone));
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** A WAV file's length in whole seconds (at least 1), from its fmt chunk's byte rate and its data chunk's size. */
export function wavSeconds(bytes: Uint8Array): number {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
	if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('The recording is not a WAV file.');
	let byteRate = 0;
	for (let at = 12; at + 8 <= bytes.length; ) {
		const size = view.getUint32(at + 4, true);
		if (tag(at) === 'fmt ') byteRate = view.getUint32(at + 16, true);
		if (tag(at) === 'data' && byteRate > 0) return Math.max(1, Math.round(size / byteRate));
		at += 8 + size + (size % 2);
	}
	throw new Error('The WAV file has no fmt or data chunk.');
}

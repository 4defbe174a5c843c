import { describe, expect, it } from 'vitest';
import {
	attachmentEntry,
	attachmentName,
	attachmentsProblem,
	filesToUnion,
	MAX_FILE_BYTES,
	MAX_FILES,
	MAX_TICKET_BYTES,
	servedAs,
	type WithAttachments
} from './attachments';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const WEBP = bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ');
const PDF = bytes('%PDF-1.7\n%âãÏÓ');
const WAV = bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt ');
const MP3 = bytes('ID3', [4, 0, 0]);
const HTML = bytes('<html><script>fetch("/db/helpdesk/_all_docs")</script></html>');
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

const ENTRY = 'K7M-lx3k2f-1a2b3c4d-n';
const ticket = (files: Record<string, unknown>, history = [{ id: 'K7M-created' }, { id: ENTRY }]): WithAttachments => ({
	type: 'ticket',
	history,
	_attachments: files
});
const person = { writer: 'person' } as const;
const server = { writer: 'server' } as const;

describe('attachmentsProblem', () => {
	it('accepts photos and PDFs people attach, as base64 or as bytes, named after their entry', () => {
		for (const [type, data, ext] of [
			['image/png', PNG, 'png'],
			['image/jpeg', JPEG, 'jpg'],
			['image/webp', WEBP, 'webp'],
			['application/pdf', PDF, 'pdf']
		] as const) {
			expect(attachmentsProblem(ticket({ [`${ENTRY}.1.${ext}`]: { content_type: type, data: b64(data) } }), null, person)).toBeNull();
			expect(attachmentsProblem(ticket({ [`${ENTRY}.2.${ext}`]: { content_type: type, data } }), null, person)).toBeNull();
		}
	});

	it('refuses HTML, SVG and every other type a browser could run, in words', () => {
		for (const [type, data] of [
			['text/html', HTML],
			['image/svg+xml', SVG],
			['text/plain', bytes('hello')],
			['application/xhtml+xml', HTML],
			['image/png; charset=utf-8', PNG],
			['IMAGE/PNG', PNG],
			['', PNG]
		] as const) {
			const reason = attachmentsProblem(ticket({ [`${ENTRY}.1.png`]: { content_type: type, data: b64(data) } }), null, person);
			expect(reason, type).toMatch(/Only photos \(PNG, JPEG or WebP\) and PDF files can be attached/);
		}
	});

	it('refuses a file whose bytes are not what its type says', () => {
		const cases = [
			['image/png', HTML, 'png', 'a PNG image'],
			['image/jpeg', PNG, 'jpg', 'a JPEG image'],
			['image/webp', WAV, 'webp', 'a WebP image'],
			['application/pdf', SVG, 'pdf', 'a PDF']
		] as const;
		for (const [type, data, ext, words] of cases) {
			const reason = attachmentsProblem(ticket({ [`${ENTRY}.1.${ext}`]: { content_type: type, data: b64(data) } }), null, person);
			expect(reason).toBe(`The file ${ENTRY}.1.${ext} is labelled ${type} but its contents are not ${words}.`);
		}
		expect(attachmentsProblem(ticket({ [`${ENTRY}.1.png`]: { content_type: 'image/png', data: '' } }), null, person)).toMatch(/not a PNG/);
	});

	it('lets only the server add audio; a person may carry it back unchanged', () => {
		const wav = { 'recording.wav': { content_type: 'audio/wav', data: b64(WAV) } };
		expect(attachmentsProblem(ticket(wav), null, server)).toBeNull();
		expect(attachmentsProblem(ticket({ 'recording.mp3': { content_type: 'audio/mpeg', data: b64(MP3) } }), null, server)).toBeNull();
		expect(attachmentsProblem(ticket({ [`${ENTRY}.1.wav`]: { content_type: 'audio/wav', data: b64(WAV) } }), null, person)).toMatch(/Only photos/);
		const stored = ticket({ 'recording.wav': { content_type: 'audio/wav', digest: 'md5-abc', length: WAV.length, stub: true } });
		expect(attachmentsProblem(stored, stored, person)).toBeNull();
		const digestOf = (data: string) => (data === b64(WAV) ? 'md5-abc' : 'md5-other');
		expect(attachmentsProblem(ticket(wav), stored, { writer: 'person', digestOf })).toBeNull();
		const swapped = ticket({ 'recording.wav': { content_type: 'audio/wav', data: b64(bytes('RIFF', [0, 0, 0, 0], 'WAVEhacked')) } });
		expect(attachmentsProblem(swapped, stored, { writer: 'person', digestOf })).toMatch(/already on this ticket and cannot be replaced/);
		expect(attachmentsProblem(ticket(wav), stored, person)).toMatch(/cannot be replaced/);
	});

	it('caps the size of a file, of all files of a ticket, and their number', () => {
		const big = new Uint8Array(MAX_FILE_BYTES + 1);
		big.set(JPEG);
		expect(attachmentsProblem(ticket({ [`${ENTRY}.1.jpg`]: { content_type: 'image/jpeg', data: b64(big) } }), null, person)).toBe(
			`The file ${ENTRY}.1.jpg is 5.1 MB; a file can be at most 5 MB. Photos taken in the app are made smaller for you.`
		);
		const four = new Uint8Array(4 * 1024 * 1024);
		four.set(JPEG);
		const data = b64(four);
		const three = Object.fromEntries([1, 2, 3].map((n) => [`${ENTRY}.${n}.jpg`, { content_type: 'image/jpeg', data }]));
		expect(attachmentsProblem(ticket(three), null, person)).toBe(
			'The files on this ticket add up to 12 MB; a ticket can carry at most 10 MB. Attach fewer or smaller files.'
		);
		const stubbed = { [`${ENTRY}.1.jpg`]: { content_type: 'image/jpeg', stub: true, digest: 'md5-x', length: MAX_TICKET_BYTES } };
		const plusOne = { ...stubbed, [`${ENTRY}.2.png`]: { content_type: 'image/png', data: b64(PNG) } };
		expect(attachmentsProblem(ticket(plusOne), ticket(stubbed), person)).toMatch(/add up to/);
		const many = Object.fromEntries(Array.from({ length: MAX_FILES + 1 }, (_, i) => [`${ENTRY}.${i + 1}.png`, { content_type: 'image/png', data: b64(PNG) }]));
		expect(attachmentsProblem(ticket(many), null, person)).toBe('A ticket carries at most 10 files, and this one would have 11: leave the new file out.');
	});

	it('wants a person’s file named after an entry of the ticket, with its type’s extension', () => {
		const png = { content_type: 'image/png', data: b64(PNG) };
		expect(attachmentsProblem(ticket({ 'photo.png': png }), null, person)).toMatch(/named after the note it belongs to/);
		expect(attachmentsProblem(ticket({ 'someone-else.1.png': png }), null, person)).toMatch(/named after the note/);
		expect(attachmentsProblem(ticket({ [`${ENTRY}.1.jpg`]: png }), null, person)).toMatch(/named after the note/);
		expect(attachmentsProblem(ticket({ '../../_session': png }), null, person)).toMatch(/letters, digits, dots, dashes and underscores/);
		expect(attachmentsProblem(ticket({ 'a b<script>.png': png }), null, server)).toMatch(/letters, digits/);
	});

	it('keeps the files a ticket has: none removed, replaced or relabelled', () => {
		const name = `${ENTRY}.1.png`;
		const stored = ticket({ [name]: { content_type: 'image/png', digest: 'md5-p', length: PNG.length, stub: true } });
		expect(attachmentsProblem(ticket({}), stored, person)).toBe(`The file ${name} cannot be removed: a ticket keeps its files. Save again with it.`);
		expect(attachmentsProblem(ticket({ [name]: { content_type: 'image/png', digest: 'md5-q', stub: true } }), stored, person)).toMatch(/stub of an attachment/);
		expect(attachmentsProblem(ticket({ [name]: { content_type: 'text/html', digest: 'md5-p', stub: true } }), stored, person)).toMatch(/cannot be relabelled/);
		expect(attachmentsProblem(ticket({ [name]: { content_type: 'image/png', data: b64(PNG) } }), stored, { writer: 'person', digestOf: () => 'md5-p' })).toBeNull();
		const old = ticket({ 'evil.html': { content_type: 'text/html', digest: 'md5-h', stub: true } });
		expect(attachmentsProblem(ticket({}), old, person), 'a file of a type no longer stored may be dropped').toBeNull();
	});

	it('refuses files on anything but a ticket, and malformed data or stubs', () => {
		const png = { 'x.1.png': { content_type: 'image/png', data: b64(PNG) } };
		for (const type of ['user', 'building', 'category', 'kb'])
			expect(attachmentsProblem({ type, _attachments: png }, null, person)).toBe('Only tickets carry files: remove the attachments from this document.');
		expect(attachmentsProblem({ type: 'kb' }, null, person)).toBeNull();
		for (const data of [undefined, 123, null, '!!!***', 'aGVsbG8', { x: 1 }])
			expect(attachmentsProblem(ticket({ [`${ENTRY}.1.png`]: { content_type: 'image/png', data } }), null, person)).toMatch(/needs its data as a base64 string/);
		expect(attachmentsProblem(ticket({ [`${ENTRY}.1.png`]: { content_type: 'image/png', stub: true } }), null, person)).toMatch(/stub of an attachment/);
		expect(attachmentsProblem({ type: 'ticket', _attachments: [] }, null, person)).toMatch(/must be an object/);
	});
});

describe('attachmentsProblem on a voicemail', () => {
	const voicemail = (files?: Record<string, unknown>): WithAttachments => ({ type: 'voicemail', ...(files ? { _attachments: files } : {}) });
	const stub = { 'audio.wav': { content_type: 'audio/wav', digest: 'md5-w', length: WAV.length, stub: true } };
	const digestOf = (data: string) => (data === b64(WAV) ? 'md5-w' : 'md5-other');

	it('lets the server store the recording, WAV or MP3, and nothing else', () => {
		expect(attachmentsProblem(voicemail({ 'audio.wav': { content_type: 'audio/wav', data: b64(WAV) } }), null, server)).toBeNull();
		expect(attachmentsProblem(voicemail({ 'audio.mp3': { content_type: 'audio/mpeg', data: b64(MP3) } }), null, server)).toBeNull();
		expect(attachmentsProblem(voicemail({ 'photo.png': { content_type: 'image/png', data: b64(PNG) } }), null, server)).toBe(
			'A voicemail carries only its recording (WAV or MP3 audio); photo.png is not one.'
		);
		expect(attachmentsProblem(voicemail({}), voicemail(stub), server), 'the retention deletes the audio').toBeNull();
	});

	it('lets a coordinator’s write carry the stored recording back unchanged, as a stub or as its data', () => {
		expect(attachmentsProblem(voicemail(stub), voicemail(stub), person)).toBeNull();
		const again = voicemail({ 'audio.wav': { content_type: 'audio/wav', data: b64(WAV) } });
		expect(attachmentsProblem(again, voicemail(stub), { writer: 'person', digestOf })).toBeNull();
		expect(attachmentsProblem(voicemail(), voicemail(), person), 'no audio stored yet, none sent').toBeNull();
	});

	it('refuses a person adding, replacing, relabelling or removing the recording', () => {
		const wav = { 'audio.wav': { content_type: 'audio/wav', data: b64(WAV) } };
		expect(attachmentsProblem(voicemail(wav), voicemail(), { writer: 'person', digestOf })).toBe(
			'A voicemail’s recording comes from the phone line: audio.wav cannot be added from a device.'
		);
		const other = voicemail({ 'audio.wav': { content_type: 'audio/wav', data: b64(bytes('RIFF', [0, 0, 0, 0], 'WAVEother')) } });
		expect(attachmentsProblem(other, voicemail(stub), { writer: 'person', digestOf })).toMatch(/cannot be replaced/);
		const relabelled = voicemail({ 'audio.wav': { ...stub['audio.wav'], content_type: 'audio/mpeg' } });
		expect(attachmentsProblem(relabelled, voicemail(stub), person)).toMatch(/cannot be relabelled/);
		expect(attachmentsProblem(voicemail({}), voicemail(stub), person)).toBe('The recording audio.wav stays with the voicemail: save again with it.');
		expect(attachmentsProblem(voicemail(), voicemail(stub), person)).toBe('The recording audio.wav stays with the voicemail: save again with it.');
	});
});

describe('attachment names and serving', () => {
	it('names a file after its entry and reads the entry back', () => {
		const name = attachmentName(ENTRY, 0, 'image/jpeg');
		expect(name).toBe(`${ENTRY}.1.jpg`);
		expect(attachmentEntry(name)).toBe(ENTRY);
		expect(attachmentEntry('recording.wav')).toBeNull();
	});

	it('serves only stored types under their type, inline only for images and audio', () => {
		expect(servedAs('image/png')).toEqual({ type: 'image/png', inline: true });
		expect(servedAs('audio/wav')).toEqual({ type: 'audio/wav', inline: true });
		expect(servedAs('application/pdf')).toEqual({ type: 'application/pdf', inline: false });
		for (const type of ['text/html', 'image/svg+xml', 'text/plain', undefined, 'image/png; x=1'])
			expect(servedAs(type)).toEqual({ type: 'application/octet-stream', inline: false });
	});
});

describe('filesToUnion', () => {
	const file = (length: number, content_type = 'image/jpeg') => ({ content_type, length });

	it('adds the files only other versions have, by name, first version first', () => {
		const winner = { 'a.1.jpg': file(10) };
		const others: Record<string, { content_type: string; length: number }>[] = [{ 'a.1.jpg': file(99), 'c.1.jpg': file(10), 'b.1.jpg': file(10) }, { 'b.1.jpg': file(20), 'd.1.jpg': file(5) }];
		expect(filesToUnion(winner, others)).toEqual([
			{ name: 'b.1.jpg', version: 0 },
			{ name: 'c.1.jpg', version: 0 },
			{ name: 'd.1.jpg', version: 1 }
		]);
	});

	it('adds none of a type the product does not store, and stays within the caps', () => {
		expect(filesToUnion({}, [{ 'x.html': file(1, 'text/html') }])).toEqual([]);
		const full = Object.fromEntries(Array.from({ length: MAX_FILES }, (_, i) => [`w.${i + 1}.jpg`, file(1)]));
		expect(filesToUnion(full, [{ 'o.1.jpg': file(1) }])).toEqual([]);
		expect(filesToUnion({ 'w.1.jpg': file(MAX_TICKET_BYTES - 5) }, [{ 'o.1.jpg': file(6), 'o.2.jpg': file(5) }])).toEqual([{ name: 'o.2.jpg', version: 0 }]);
	});
});

describe('attachmentsProblem with names that mean something to JavaScript', () => {
	it('treats __proto__ and constructor as plain names', () => {
		const files = JSON.parse(`{"__proto__": {"content_type": "image/png", "data": "${b64(PNG)}"}}`) as Record<string, unknown>;
		expect(attachmentsProblem(ticket(files), null, person)).toMatch(/may use only letters, digits/);
		const png = { content_type: 'image/png', data: b64(PNG) };
		expect(attachmentsProblem(ticket({ constructor: png }), null, person)).toMatch(/named after the note/);
	});
});
